/*
 * <vanilla-headlines>: the benchmark's hand-written reference for <news-headlines>.
 *
 * Same DOM contract in an open shadow root (section, heading, list, items with
 * link, badge, dateline, teaser and time, status; host `state`) and the same
 * behaviour on the measured paths: fetch with `cache: "no-cache"`, no DOM work
 * for an unchanged body, JSON.parse and normalise at most 500 items, text only,
 * http(s)-only links, keyed rows that keep their <li>, `refresh()`, and the
 * `news-headlines:update` / `news-headlines:error` events. Left out: styles,
 * translations, `tag`/`theme`/`target`, backoff and visibility handling.
 */
(() => {
  "use strict";
  const MAX_ITEMS = 500;
  const MAX_BYTES = 2 * 1024 * 1024;
  const UNITS = [["year", 31536e6], ["month", 2592e6], ["day", 864e5], ["hour", 36e5], ["minute", 6e4]];
  const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

  const ago = (then) => {
    const ms = then - Date.now();
    const [unit, size] = UNITS.find(([, size]) => Math.abs(ms) >= size) ?? ["second", 1e3];
    return relative.format(Math.round(ms / size), unit);
  };
  const text = (value, max) => (typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null);
  const int = (value, fallback, min, max) => {
    const n = Number.parseInt(value ?? "", 10);
    return Number.isNaN(n) ? fallback : Math.min(max, Math.max(min, n));
  };
  const safeHref = (url) => {
    try {
      const resolved = new URL(url, document.baseURI);
      return resolved.protocol === "http:" || resolved.protocol === "https:" ? resolved.href : null;
    } catch {
      return null;
    }
  };
  const node = (tag, part, content) => {
    const element = document.createElement(tag);
    element.setAttribute("part", part);
    if (content != null) element.textContent = content;
    return element;
  };

  /** JSON Feed text → {title, items}; throws on anything else. */
  const parse = (body) => {
    const doc = JSON.parse(body);
    if (!doc || !Array.isArray(doc.items) || !String(doc.version).startsWith("https://jsonfeed.org/version/1")) {
      throw new Error("This is not a JSON Feed");
    }
    const seen = new Set();
    const items = [];
    for (const item of doc.items.slice(0, MAX_ITEMS)) {
      const id = typeof item?.id === "number" ? String(item.id) : item?.id;
      const teaser = text(item?.summary ?? item?.content_text, 600);
      const title = text(item?.title, 300) ?? teaser?.slice(0, 300);
      if (typeof id !== "string" || !title || seen.has(id)) continue;
      seen.add(id);
      const datetime = item.date_published ?? item.date_modified;
      const date = Date.parse(datetime);
      items.push({
        id,
        title,
        teaser,
        url: item.url ?? item.external_url,
        dateline: text(item._news?.dateline, 100),
        date: Number.isNaN(date) ? null : date,
        datetime,
      });
    }
    return { title: text(doc.title, 300), items };
  };

  const setNew = (li, fresh) => {
    if (fresh === li.hasAttribute("data-new")) return;
    li.toggleAttribute("data-new", fresh);
    if (fresh) li.firstChild.after(node("span", "badge", "New"));
    else li.querySelector("[part=badge]").remove();
  };

  const row = (item, revision, fresh) => {
    const li = node("li", "item");
    li.dataset.id = item.id;
    li.revision = revision;
    const link = li.appendChild(node("a", "link", item.title));
    const href = item.url && safeHref(item.url);
    if (href) Object.assign(link, { href, target: "_blank", rel: "noopener" });
    const dateline = item.dateline && node("span", "dateline", item.dateline);
    if (item.teaser) {
      const teaser = li.appendChild(node("p", "teaser"));
      if (dateline) teaser.append(dateline, " ");
      teaser.append(item.teaser);
    } else if (dateline) li.append(dateline);
    if (item.date != null) li.appendChild(node("time", "time", ago(item.date))).dateTime = item.datetime;
    setNew(li, fresh);
    return li;
  };

  class VanillaHeadlines extends HTMLElement {
    #body = null;
    #feed = null;
    #timer = 0;
    #parts = null;

    connectedCallback() {
      if (!this.#parts) {
        const root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
        const section = node("section", "container");
        const status = node("p", "status");
        status.append(document.createElement("span"));
        status.firstChild.append("Loading headlines…");
        this.#parts = {
          heading: section.appendChild(node("h2", "heading", this.getAttribute("heading") ?? "Headlines")),
          list: section.appendChild(node("ol", "list")),
          status: section.appendChild(status).firstChild.firstChild,
        };
        root.replaceChildren(section);
        this.#setState("loading");
      }
      this.refresh();
    }

    disconnectedCallback() {
      clearTimeout(this.#timer);
    }

    /** Fetches the feed now. */
    async refresh() {
      clearTimeout(this.#timer);
      try {
        const response = await fetch(new URL(this.getAttribute("src"), document.baseURI), { cache: "no-cache" });
        if (!response.ok) throw Object.assign(new Error(`The feed answered HTTP ${response.status}`), { status: response.status });
        if (!/json/i.test(response.headers.get("content-type") ?? "")) throw new Error("The feed was not sent as JSON");
        const body = await response.text();
        if (body.length > MAX_BYTES) throw new Error("The feed is too large");
        if (body !== this.#body) {
          const feed = parse(body);
          this.#body = body;
          this.#render(feed);
        }
        this.#setState("ready");
      } catch (error) {
        this.#setState(this.#feed ? "stale" : "error");
        this.#setStatus(this.#feed ? "Couldn’t update" : error.message);
        this.#emit("error", { message: error.message, status: error.status ?? null });
      }
      const seconds = int(this.getAttribute("refresh"), 60, 0, 86400);
      if (seconds > 0 && this.isConnected) this.#timer = setTimeout(() => this.refresh(), Math.max(5, seconds) * 1000);
    }

    #render(feed) {
      const { list, heading } = this.#parts;
      const limit = int(this.getAttribute("limit"), 10, 1, 50);
      const before = Array.from(list.children, (li) => li.dataset.id);
      const known = this.#feed && new Set(this.#feed.items.map((item) => item.id));
      const old = new Map(Array.from(list.children, (li) => [li.dataset.id, li]));
      let cursor = list.firstElementChild;
      for (const item of feed.items.slice(0, limit)) {
        const revision = JSON.stringify(item);
        const fresh = Boolean(known) && !known.has(item.id);
        let li = old.get(item.id);
        if (li?.revision === revision) setNew(li, fresh);
        else li = row(item, revision, fresh);
        if (li === cursor) cursor = cursor.nextElementSibling;
        else list.insertBefore(li, cursor);
      }
      while (cursor) {
        const next = cursor.nextElementSibling;
        cursor.remove();
        cursor = next;
      }
      const title = this.getAttribute("heading") ?? feed.title ?? "Headlines";
      if (heading.textContent !== title) heading.textContent = title;
      this.#feed = feed;
      this.#setStatus(`Updated ${ago(Date.now())}`);
      const after = Array.from(list.children, (li) => li.dataset.id);
      const added = after.filter((id) => !before.includes(id)).length;
      const removed = before.filter((id) => !after.includes(id)).length;
      this.#emit("update", { added, removed, total: after.length });
    }

    #setStatus(message) {
      if (this.#parts.status.data !== message) this.#parts.status.data = message;
    }

    #setState(state) {
      if (this.getAttribute("state") !== state) this.setAttribute("state", state);
    }

    #emit(name, detail) {
      this.dispatchEvent(new CustomEvent(`news-headlines:${name}`, { bubbles: true, composed: true, detail }));
    }
  }

  if (!customElements.get("vanilla-headlines")) customElements.define("vanilla-headlines", VanillaHeadlines);
})();
