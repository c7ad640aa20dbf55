/*
 * news-headlines loader: the one file a publisher references.
 *
 * Defines <news-headlines>. The build (`loader/finish.mjs`) bundles the
 * wasm-bindgen glue into this file and fills in the wasm's path (relative to
 * this script's own URL, so the folder can live under any path or CDN), its
 * SHA-384 and the widget's stylesheet: one integrity hash on the script tag
 * covers every byte that runs, the wasm is fetched with its own integrity,
 * and a tampered wasm never runs.
 *
 * Works as a classic or a module script, placed before or after the
 * elements, and for elements added later. The element's own children (the
 * publisher's fallback) show until the loader reserves the widget's box, when
 * the widget fails for good, forever below the supported browsers (README
 * "Browser support": there the element is defined but inert, nothing is
 * downloaded and nothing throws), and, with `loading="lazy"`, until the
 * widget comes within a viewport of being seen. If the module ever traps,
 * every widget falls back to those children and reports the failure (console
 * and a `news-headlines:error` event).
 */
(() => {
  "use strict";
  const NAME = "news-headlines";
  if (!window.customElements || customElements.get(NAME)) return;

  // The floor: WebAssembly with the features Rust's wasm32 target emits
  // (multi-value, reference types, non-trapping float-to-int, sign extension,
  // bulk memory: this 51-byte module uses each once) and shadow DOM.
  const FEATURES = [
    0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 0, 2, 127, 127, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 24, 1, 22, 0, 208, 111, 209,
    67, 0, 0, 0, 0, 252, 0, 192, 65, 0, 65, 0, 65, 0, 252, 11, 0, 11,
  ];
  const supported =
    typeof WebAssembly === "object" &&
    typeof WebAssembly.validate === "function" &&
    WebAssembly.validate(new Uint8Array(FEATURES)) &&
    typeof Element.prototype.attachShadow === "function";

  // Filled in by the build.
  const WASM = "__WASM__";
  const WASM_INTEGRITY = "__WASM_INTEGRITY__";
  const STYLESHEET = "__STYLESHEET__";
  const PHRASES = "__PHRASES__";
  // The glue, evaluated only once a widget needs it (so nothing of it runs
  // below the floor); returns its module namespace.
  const glue = () => {
    /* __GLUE__ */
  };
  // `limit` as the widget reads it (src/attributes.rs; a test keeps them equal).
  const LIMIT = { min: 1, max: 50, fallback: 10 };

  const script =
    document.currentScript ||
    Array.from(document.scripts).find((s) => /(^|\/)news-headlines\.js([?#]|$)/.test(s.src));
  const base = script && script.src ? script.src : location.href;
  const wasmUrl = new URL(WASM, base).href;

  let loading = null;
  let loaded = false;
  const load = () => {
    if (loading) return loading;
    // Compiled as it arrives; an integrity failure rejects before any of it runs.
    const wasm = fetch(wasmUrl, { integrity: WASM_INTEGRITY, credentials: "omit" });
    wasm.catch(() => {}); // reported through the glue's promise below
    loading = (async () => {
      const bindings = glue();
      try {
        await bindings.default({ module_or_path: wasm });
      } catch (error) {
        throw await explain(error);
      }
      loaded = true;
      return bindings;
    })();
    return loading;
  };

  // A failed wasm fetch says why when it can: bytes that arrive (from the
  // cache) but failed the integrity check were tampered with; they are never
  // compiled here.
  const explain = async (error) => {
    try {
      const response = await fetch(wasmUrl, { cache: "force-cache", credentials: "omit" });
      if (response.ok) return new Error(`the widget's code (${wasmUrl}) failed its integrity check and was not run`);
    } catch {
      // Unreachable: the original error says so.
    }
    return error;
  };

  // Feed requests started while the wasm downloads, handed over at mount.
  // They time out like the widget's own (10 s, body included) with a
  // TimeoutError made here: WebKit rejects an aborted fetch with a plain
  // AbortError whatever the abort reason, and older browsers lack
  // AbortSignal.timeout.
  const early = new Map();
  const prefetch = (src) => {
    if (!src || early.has(src)) return;
    const controller = new AbortController();
    let timedOut = false;
    setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, 10_000);
    const request = fetch(new URL(src, location.href), { cache: "no-cache", signal: controller.signal }).catch(
      (error) => {
        throw timedOut ? new DOMException("The feed did not answer in time", "TimeoutError") : error;
      },
    );
    request.catch(() => {}); // the widget reports failures itself
    early.set(src, request);
  };
  const takePrefetch = (src) => {
    const request = early.get(src);
    early.delete(src);
    return request;
  };

  // A language's phrase table (English is in the wasm), fetched once per
  // page: i18n/index.json, pinned here, pins each table. `phrases(code)` is
  // the table, `null` if it cannot be had, or a promise while it is on its way.
  const tablesUrl = new URL("./i18n/", wasmUrl);
  const tables = new Map();
  let index = null;
  const pinned = (file, integrity) =>
    fetch(new URL(file, tablesUrl), { integrity, credentials: "omit" }).then((r) =>
      r.ok ? r.json() : Promise.reject(new Error(`${file}: HTTP ${r.status}`)),
    );
  const phrases = (code) => {
    if (!tables.has(code)) {
      index ||= pinned("index.json", PHRASES);
      const arrival = index
        .then((pins) => (Object.hasOwn(pins, code) ? pinned(`${code}.json`, pins[code]) : null))
        .catch(() => {
          console.warn(`<${NAME}>: no phrases for "${code}"; using English`);
          return null;
        })
        .then((table) => tables.set(code, table));
      tables.set(code, arrival);
    }
    return tables.get(code);
  };

  // The widget's stylesheet: one constructed sheet shared by every widget (no
  // inline style, so a strict `style-src` is fine), or a <style> element where
  // the browser has no constructable stylesheets (Firefox < 101, Safari < 16.4).
  let sheet = null;
  const style = (root) => {
    if ("adoptedStyleSheets" in root) {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(STYLESHEET);
      }
      root.adoptedStyleSheets = [sheet];
    } else {
      const element = document.createElement("style");
      element.textContent = STYLESHEET;
      root.prepend(element);
    }
  };

  // The widget's box, at its final size, until the widget renders in it:
  // nothing below it moves when it does.
  const reserve = (element) => {
    const root = element.shadowRoot || element.attachShadow({ mode: "open" });
    const section = document.createElement("section");
    section.className = "nh";
    section.dataset.phase = "loading";
    const theme = String(element.getAttribute("theme")).trim().toLowerCase();
    section.dataset.theme = theme === "light" || theme === "dark" ? theme : "auto";
    const limit = Number.parseInt(element.getAttribute("limit"), 10);
    const rows = Number.isNaN(limit) ? LIMIT.fallback : Math.min(Math.max(limit, LIMIT.min), LIMIT.max);
    section.style.setProperty("--rows", String(rows));
    root.replaceChildren(section);
    style(root);
  };

  // The browser's first `Intl` formatter builds its locale tables (10–20 ms),
  // after which the widget's own cost well under a millisecond: done while
  // the wasm downloads, one formatter per task, so no task runs long.
  const WARM = [
    () => new Intl.NumberFormat(),
    () => new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(0, "second"),
    () => new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" }).format(0),
  ];
  let warmed = false;
  const warmIntl = () => {
    if (warmed) return;
    warmed = true;
    for (const warm of WARM) {
      setTimeout(() => {
        try {
          warm();
        } catch {
          // No such formatter here: the widget does without.
        }
      });
    }
  };

  const elements = new Set();
  let broken = false;

  // Shows the publisher's fallback again and reports why.
  const fail = (element, error) => {
    const message = String((error && error.message) || error);
    console.error(`<${NAME}> stopped: ${message}`);
    const root = element.shadowRoot;
    if (root) {
      root.adoptedStyleSheets = []; // the widget's sheet hides the slot outside its error state
      root.replaceChildren(document.createElement("slot"));
    }
    element.setAttribute("state", "error");
    element.dispatchEvent(
      new CustomEvent(`${NAME}:error`, { bubbles: true, composed: true, detail: { message, code: "stopped", status: null } }),
    );
  };

  // A trap (a Rust panic) leaves the module unusable: every widget falls back.
  const onTrap = (error) => {
    if (broken || !(error instanceof WebAssembly.RuntimeError)) return;
    broken = true;
    for (const element of elements) fail(element, error);
  };
  if (supported) {
    window.addEventListener("error", (event) => onTrap(event.error));
    window.addEventListener("unhandledrejection", (event) => onTrap(event.reason));
  }

  class NewsHeadlines extends HTMLElement {
    // loading="lazy": started when within a viewport of being seen (eagerly
    // where the browser cannot tell).
    static #nearby =
      "IntersectionObserver" in window &&
      new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (entry.isIntersecting) {
              NewsHeadlines.#nearby.unobserve(entry.target);
              entry.target.#start();
            }
          }
        },
        { rootMargin: "100% 0px" },
      );

    static get observedAttributes() {
      return ["src", "heading", "limit", "refresh", "tag", "theme", "target", "lang", "dir", "images", "dates", "link-params", "loading", "strings"];
    }

    #widget = null;
    #started = false;

    // Calls into the module; a throw or trap falls back instead of escaping.
    #guard(call) {
      if (broken) return;
      try {
        call();
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) onTrap(error);
        else fail(this, error);
      }
    }

    connectedCallback() {
      if (!supported || broken) return;
      elements.add(this);
      if (this.getAttribute("loading") === "lazy" && NewsHeadlines.#nearby) NewsHeadlines.#nearby.observe(this);
      else this.#start();
    }

    // Reserves the box and loads the widget (once per connection).
    #start() {
      if (this.#started || !this.isConnected || !supported || broken) return;
      this.#started = true;
      // The network first: the feed, the wasm and the `lang` attribute's
      // phrases download while the rest runs.
      if (!loaded) prefetch(this.getAttribute("src"));
      const code = String(this.getAttribute("lang")).split(/[-_]/)[0].toLowerCase();
      if (/^[a-z]{2,3}$/.test(code) && code !== "en") phrases(code);
      const ready = load();
      reserve(this);
      warmIntl();
      ready
        .then((bindings) =>
          this.#guard(() => {
            if (this.isConnected && !this.#widget) {
              this.#widget = bindings.mount(this, takePrefetch(this.getAttribute("src")), phrases);
            }
          }),
        )
        .catch((error) => fail(this, error));
    }

    disconnectedCallback() {
      elements.delete(this);
      if (NewsHeadlines.#nearby) NewsHeadlines.#nearby.unobserve(this);
      this.#started = false;
      const widget = this.#widget;
      this.#widget = null;
      if (widget) this.#guard(() => widget.free());
    }

    // A burst of attribute changes (a framework setting several props, a
    // script setting `src` then `heading`) is read once, after the task.
    attributeChangedCallback(name) {
      if (name === "loading" && this.isConnected && this.getAttribute("loading") !== "lazy") this.#start();
      else if (this.#widget && !this.#rereading) {
        this.#rereading = true;
        queueMicrotask(() => {
          this.#rereading = false;
          if (this.#widget) this.#guard(() => this.#widget.attributeChanged());
        });
      }
    }
    #rereading = false;

    // `refresh` is both an attribute (seconds between updates) and a method:
    // `element.refresh()` fetches the feed now, while frameworks that set
    // props as properties (React 19, Preact, Vue) set the attribute.
    #refreshNow = () => {
      if (this.#widget) this.#guard(() => this.#widget.refresh());
    };

    /** Fetches the feed now (called as a method). */
    get refresh() {
      return this.#refreshNow;
    }

    /** Sets the `refresh` attribute. */
    set refresh(seconds) {
      this.setAttribute("refresh", String(seconds));
    }
  }

  customElements.define(NAME, NewsHeadlines);
})();
