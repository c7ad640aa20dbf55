/*
 * news-headlines loader: the one file a publisher references.
 *
 * Defines <news-headlines> and loads the widget (wasm-bindgen glue + wasm,
 * content-hashed names filled in at build time) relative to this script's
 * own URL, so the folder can live under any path or CDN. Works as a classic
 * or a module script, placed before or after the elements, and for elements
 * added later. Until the widget renders, and whenever WebAssembly is not
 * available, the element's own children (the publisher's fallback) show.
 * If the module ever traps, every widget falls back to those children and
 * reports the failure (console and a `news-headlines:error` event).
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
  let loaded = false;
  const load = () => {
    if (loading) return loading;
    const wasm = fetch(wasmUrl); // in parallel with the glue, compiled as it streams in
    wasm.catch(() => {}); // a failure is reported through the glue
    loading = import(glueUrl).then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      loaded = true;
      return glue;
    });
    return loading;
  };

  // Feed requests started while the wasm downloads, handed over at mount.
  const early = new Map();
  const prefetch = (src) => {
    if (!src || early.has(src)) return;
    const request = fetch(new URL(src, location.href), { cache: "no-cache", signal: AbortSignal.timeout(10_000) });
    request.catch(() => {}); // the widget reports failures itself
    early.set(src, request);
  };
  const takePrefetch = (src) => {
    const request = early.get(src);
    early.delete(src);
    return request;
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
      new CustomEvent(`${NAME}:error`, { bubbles: true, composed: true, detail: { message, status: null } }),
    );
  };

  // A trap (a Rust panic) leaves the module unusable: every widget falls back.
  const onTrap = (error) => {
    if (broken || !(error instanceof WebAssembly.RuntimeError)) return;
    broken = true;
    for (const element of elements) fail(element, error);
  };
  window.addEventListener("error", (event) => onTrap(event.error));
  window.addEventListener("unhandledrejection", (event) => onTrap(event.reason));

  class NewsHeadlines extends HTMLElement {
    static get observedAttributes() {
      return ["src", "heading", "limit", "refresh", "tag", "theme", "target", "lang", "dir", "images"];
    }

    #widget = null;

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
      if (typeof WebAssembly !== "object" || broken) return;
      elements.add(this);
      if (!loaded) prefetch(this.getAttribute("src"));
      load()
        .then((glue) =>
          this.#guard(() => {
            if (this.isConnected && !this.#widget) this.#widget = glue.mount(this, takePrefetch(this.getAttribute("src")));
          }),
        )
        .catch((error) => fail(this, error));
    }

    disconnectedCallback() {
      elements.delete(this);
      const widget = this.#widget;
      this.#widget = null;
      if (widget) this.#guard(() => widget.free());
    }

    attributeChangedCallback() {
      if (this.#widget) this.#guard(() => this.#widget.attributeChanged());
    }

    /** Fetches the feed now. */
    refresh() {
      if (this.#widget) this.#guard(() => this.#widget.refresh());
    }
  }

  customElements.define(NAME, NewsHeadlines);
})();
