/*
 * news-headlines embed page (`news-headlines/<version>/embed.html`), for
 * hosts that take an iframe but no script. Builds one <news-headlines> from
 * the page's query string and tells the parent its height and events.
 *
 * - Parameters: every attribute under its own name, every `--nh-*` custom
 *   property under its name without `--nh-` (`accent=%23c00`), and `origin`
 *   (the parent's origin). The list comes from src/embed.rs at build time;
 *   unknown parameters are ignored, values are read by the element as its
 *   attributes are (bad ones fall back), custom properties are set only when
 *   `CSS.supports` accepts them.
 * - Messages to the parent (README "Embed without a script"):
 *   `{type: "news-headlines:size", height}` and AMP's
 *   `{sentinel: "amp", type: "embed-size", height}` whenever the content
 *   height changes (checked before each event is passed on, so a height
 *   always comes before the event it holds), to any origin (a height says
 *   nothing); the element's
 *   events as `{type: "news-headlines:update" | ":error" | ":click", detail}`,
 *   only to the `origin` given, else to the origin that loaded the frame
 *   (the referrer's): a parent of another origin never receives them.
 * - It listens to no message: the parent cannot command it.
 */
(() => {
  "use strict";
  // Filled in by the build from src/embed.rs.
  const TABLE = "__EMBED_TABLE__";
  const query = new URLSearchParams(location.search);
  const widget = document.createElement("news-headlines");
  for (const name of TABLE.attributes) {
    const value = query.get(name);
    if (value !== null) widget.setAttribute(name, value);
  }
  for (const [name, [property, checkedAs]] of Object.entries(TABLE.style)) {
    const value = query.get(name);
    if (value === null) continue;
    if (window.CSS && CSS.supports(checkedAs, value)) widget.style.setProperty(property, value);
    else console.warn(`news-headlines embed: ignoring ${name}="${value}"`);
  }
  // The publisher's fallback, shown below the browser floor and when the widget fails for good.
  const fallback = document.createElement("p");
  fallback.textContent = widget.getAttribute("heading") || "";
  widget.append(fallback);
  document.body.style.margin = "0";
  document.body.append(widget);

  if (window.parent === window) return;
  const origin = (given) => {
    try {
      const url = new URL(given);
      return url.origin !== "null" ? url.origin : null;
    } catch {
      return null;
    }
  };
  const given = query.get(TABLE.origin);
  const eventsTo = given !== null ? origin(given) : origin(document.referrer);
  if (given !== null && !eventsTo) console.warn(`news-headlines embed: ignoring ${TABLE.origin}="${given}"`);
  let reported = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === reported) return;
    reported = height;
    parent.postMessage({ type: TABLE.size, height }, "*");
    parent.postMessage({ ...TABLE.amp, height }, "*");
  };
  // The height first: a parent hears an update after the height that holds
  // it, even where the engine runs no rendering step (and so no
  // ResizeObserver callback) between the box's reservation and the update.
  for (const type of TABLE.events) {
    widget.addEventListener(type, (event) => {
      report();
      if (eventsTo) parent.postMessage({ type, detail: event.detail }, eventsTo);
    });
  }
  if ("ResizeObserver" in window) new ResizeObserver(report).observe(document.documentElement);
  else addEventListener("load", report);
})();
