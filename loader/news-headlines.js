/*
 * news-headlines loader: the one file a publisher references.
 *
 * Defines <news-headlines> and loads the widget (wasm-bindgen glue + wasm,
 * content-hashed names filled in at build time) relative to this script's
 * own URL, so the folder can live under any path or CDN. Works as a classic
 * or a module script, placed before or after the elements, and for elements
 * added later. Until the widget renders, and whenever WebAssembly is not
 * available, the element's own children (the publisher's fallback) show.
 */
(() => {
  "use strict";
  const NAME = "news-headlines";
  if (!window.customElements || customElements.get(NAME)) return;

  const script =
    document.currentScript ||
    Array.from(document.scripts).find((s) => /(^|\/)news-headlines\.js([?#]|$)/.test(s.src));
  const base = script && script.src ? script.src : location.href;
  const glueUrl = new URL("__GLUE__", base).href;
  const wasmUrl = new URL("__WASM__", base).href;

  let loading = null;
  const load = () =>
    (loading ??= import(glueUrl).then(async (glue) => {
      await glue.default({ module_or_path: wasmUrl });
      return glue;
    }));

  const report = (element, error) => {
    const message = String((error && error.message) || error);
    console.error(`<${NAME}> could not start: ${message}`);
    element.setAttribute("state", "error");
    element.dispatchEvent(
      new CustomEvent(`${NAME}:error`, { bubbles: true, composed: true, detail: { message, status: null } }),
    );
  };

  class NewsHeadlines extends HTMLElement {
    static get observedAttributes() {
      return ["src", "heading", "limit", "refresh", "tag", "theme", "target", "lang", "dir"];
    }

    #widget = null;

    connectedCallback() {
      if (typeof WebAssembly !== "object") return;
      load()
        .then((glue) => {
          if (this.isConnected && !this.#widget) this.#widget = glue.mount(this);
        })
        .catch((error) => report(this, error));
    }

    disconnectedCallback() {
      this.#widget?.free();
      this.#widget = null;
    }

    attributeChangedCallback() {
      this.#widget?.attributeChanged();
    }

    /** Fetches the feed now. */
    refresh() {
      this.#widget?.refresh();
    }
  }

  customElements.define(NAME, NewsHeadlines);
})();
