/*
 * news-headlines resizer (`news-headlines/<version>/resizer.js`): optional,
 * for host pages that allow one small script. Sizes every iframe showing the
 * embed page to the height the page reports. It reads only
 * `{type: "news-headlines:size", height}` messages whose source is one of
 * this page's iframes, that iframe pointing at embed.html on this script's
 * own origin, and whose origin is that origin (or `null` when the iframe is
 * sandboxed without `allow-same-origin`, which makes the frame's origin
 * opaque); everything else is ignored. It sends nothing.
 */
(() => {
  "use strict";
  // Filled in by the build from src/embed.rs.
  const TABLE = "__EMBED_TABLE__";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const embedOrigin = new URL(script.src).origin;
  const showsEmbed = (frame) => {
    try {
      const url = new URL(frame.src, location.href);
      return url.origin === embedOrigin && url.pathname.split("/").pop() === TABLE.page;
    } catch {
      return false;
    }
  };
  const opaque = (frame) => frame.hasAttribute("sandbox") && !frame.sandbox.contains("allow-same-origin");
  addEventListener("message", (event) => {
    const data = event.data;
    if (!event.source || !data || data.type !== TABLE.size) return;
    const height = data.height;
    if (typeof height !== "number" || !(height >= 0 && height <= 100_000)) return;
    for (const frame of document.getElementsByTagName("iframe")) {
      if (frame.contentWindow !== event.source) continue;
      const from = event.origin === embedOrigin || (event.origin === "null" && opaque(frame));
      if (from && showsEmbed(frame)) frame.style.height = `${Math.ceil(height)}px`;
      return;
    }
  });
})();
