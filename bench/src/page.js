// The bench's page-side helpers, on `window.bench` in every page it opens.
// Times are ms (performance.now()); "since start" means since `insert`
// inserted the widget's script.
window.bench = {
  widget: () => document.querySelector("news-headlines, vanilla-headlines"),
  frame: () => new Promise((resolve) => requestAnimationFrame(resolve)),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  // Resolves at the first frame where `check()` holds; rejects after `ms`.
  async until(check, ms, what) {
    const limit = performance.now() + ms;
    while (!check()) {
      if (performance.now() > limit) throw new Error(`bench: no ${what} after ${ms} ms`);
      await bench.frame();
    }
  },
  // Busy for `ms`: marks the start of a measurement in a CPU profile.
  mark(ms) {
    const end = performance.now() + ms;
    while (performance.now() < end);
  },

  // WebAssembly instantiations (asked for → done) and the memories they export.
  wasm: { memories: [], instantiations: [] },
  watchWasm() {
    for (const name of ["instantiate", "instantiateStreaming"]) {
      const original = WebAssembly[name];
      WebAssembly[name] = async function (...args) {
        const called = performance.now();
        const result = await original.apply(this, args);
        const instance = result instanceof WebAssembly.Instance ? result : result.instance;
        bench.wasm.instantiations.push({ called, done: performance.now() });
        for (const value of Object.values(instance.exports)) {
          if (value instanceof WebAssembly.Memory) bench.wasm.memories.push(value);
        }
        return result;
      };
    }
  },

  // Inserts the script and one widget; resolves once the first item exists in
  // its shadow root at an animation frame: {first, defined (the element),
  // resources (fetched since), wasm (instantiations, if watched)}, ms since start.
  async insert(script, tag, attrs) {
    bench.mark(5);
    const start = (bench.start = performance.now());
    performance.mark("bench:start");
    document.head.append(Object.assign(document.createElement("script"), { src: script, async: true }));
    const widget = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) widget.setAttribute(name, value);
    document.body.append(widget);
    const defined = customElements.whenDefined(tag).then(() => performance.now() - start);
    await bench.until(() => widget.shadowRoot?.querySelector("li[part=item]"), 20_000, "first headline");
    const first = performance.now() - start;
    const resources = performance
      .getEntriesByType("resource")
      .filter((entry) => entry.startTime >= start)
      .map((entry) => ({ url: entry.name, start: entry.startTime - start, end: entry.responseEnd - start }));
    const wasm = bench.wasm.instantiations.map(({ called, done }) => ({ called: called - start, done: done - start }));
    return { first, defined: await defined, resources, wasm };
  },
  // The first `news-headlines:update` (ms since start) of a widget inserted
  // by its script tag, or of one in an iframe of the embed page `embed`
  // (whose events it posts to this page's origin): `via` is "script" or "iframe".
  async firstUpdate(via, script, embed, attrs) {
    bench.mark(5);
    const start = (bench.start = performance.now());
    const updated = new Promise((resolve) => {
      const done = () => resolve(performance.now() - start);
      if (via === "script") document.addEventListener("news-headlines:update", done, { once: true });
      else addEventListener("message", (e) => e.data?.type === "news-headlines:update" && done());
    });
    if (via === "script") {
      document.head.append(Object.assign(document.createElement("script"), { src: script, async: true }));
      const widget = document.createElement("news-headlines");
      for (const [name, value] of Object.entries(attrs)) widget.setAttribute(name, value);
      document.body.append(widget);
    } else {
      const url = new URL(embed);
      for (const [name, value] of Object.entries(attrs)) url.searchParams.set(name, value);
      url.searchParams.set("origin", location.origin);
      document.body.append(Object.assign(document.createElement("iframe"), { src: url.href, width: 400, height: 900 }));
    }
    const late = bench.sleep(20_000).then(() => Promise.reject(new Error("bench: no update after 20000 ms")));
    return Promise.race([updated, late]);
  },
  // Resolves when the widget's `state` is `state`, then `quiet` ms later.
  async settled(state, quiet) {
    await bench.until(() => bench.widget()?.getAttribute("state") === state, 20_000, `state ${state}`);
    await bench.sleep(quiet);
  },

  // Calls refresh(); resolves with the ms until the widget's `event`
  // (`update`, or `error` for a refresh meant to fail).
  refreshed(event = "update") {
    const widget = bench.widget();
    const start = (bench.start = performance.now());
    const done = new Promise((resolve) =>
      widget.addEventListener(`news-headlines:${event}`, () => resolve(performance.now() - start), { once: true }),
    );
    widget.refresh();
    return done;
  },
  // refreshed(), then one frame: the ms to the event and to the last DOM
  // mutation (null if none), the mutation records and what they were.
  async measure() {
    bench.mutated = null;
    const event = await bench.refreshed();
    await bench.frame();
    const dom = bench.mutated === null ? null : bench.mutated - bench.start;
    return { event, dom, records: bench.takeRecords(), kinds: bench.kinds.splice(0) };
  },
  records: 0,
  kinds: [],
  observe() {
    const name = (node) =>
      node.nodeName.toLowerCase() + (node.getAttribute?.("part") ? `[${node.getAttribute("part")}]` : "");
    bench.observer = new MutationObserver((records) => {
      bench.records += records.length;
      bench.mutated = performance.now();
      for (const r of records) {
        const detail =
          r.type === "attributes"
            ? ` ${r.attributeName}`
            : r.type === "childList"
              ? ` +${r.addedNodes.length} -${r.removedNodes.length}`
              : "";
        bench.kinds.push(`${r.type} ${name(r.target)}${detail}`);
      }
    });
    bench.observer.observe(bench.widget().shadowRoot, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  },
  // Mutation records since the last call.
  takeRecords() {
    const count = bench.records + bench.observer.takeRecords().length;
    bench.records = 0;
    return count;
  },

  // `count` refresh cycles: publish one story, refresh(), await the update.
  // Resource timings are dropped as they come (their buffer is not the widget's memory).
  async cycles(count) {
    for (let i = 0; i < count; i++) {
      await fetch("/_newsroom/publish/latest-middle-east", { method: "POST" });
      await bench.refreshed();
      performance.clearResourceTimings();
    }
  },
  // Bytes of wasm memory (of watched instantiations) and JS heap, after garbage collection.
  async memory() {
    for (let i = 0; i < 3; i++) {
      gc();
      await bench.sleep(50);
    }
    const wasm = bench.wasm.memories.reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
    return { wasm, heap: performance.memory.usedJSHeapSize };
  },

  // Layout shifts without recent input: value, and where each moved node is
  // ("widget": the host or inside its shadow root; else the page node).
  shifts: [],
  observeShifts() {
    const where = (node) => {
      if (!node) return "a removed node";
      const host = bench.widget();
      for (let n = node; n; n = n.parentNode ?? n.host) if (n === host) return "widget";
      return `page ${node.nodeName.toLowerCase()}${node.id ? `#${node.id}` : ""}`;
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) {
          bench.shifts.push({ value: entry.value, sources: entry.sources.map((source) => where(source.node)) });
        }
      }
    }).observe({ type: "layout-shift", buffered: true });
  },
  // The shifts observed since the last call, once observers have reported.
  async takeShifts() {
    await bench.frame();
    await bench.sleep(100);
    return bench.shifts.splice(0);
  },
  // Whether the text below the widget is inside the viewport (so its shifts count).
  belowVisible: () => document.getElementById("below").getBoundingClientRect().bottom <= innerHeight,

  // The page's first `Intl` formatter (the reference's), built in a task of
  // its own on a page that has built none: ms the browser's one-time locale
  // set-up holds the main thread.
  firstIntl: () =>
    new Promise((resolve) =>
      setTimeout(() => {
        const start = performance.now();
        new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(-1, "minute");
        resolve(performance.now() - start);
      }),
    ),

  // Long tasks (> 50 ms) and long animation frames with their scripts.
  tasks: [],
  frames: [],
  observeTasks() {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const scripts = entry.scripts.map((s) => ({
          source: `${s.sourceURL.split("/").pop() || "(page)"} ${s.invoker.startsWith("http") ? "(evaluation)" : s.invoker}`,
          duration: s.duration,
        }));
        bench.frames.push({ start: entry.startTime, end: entry.startTime + entry.duration, scripts });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  },
  // Long tasks that started since `bench.start`: their durations and the
  // scripts (≥ 5 ms) of the long animation frame around the longest.
  async takeTasks() {
    await bench.sleep(100);
    const tasks = bench.tasks.splice(0).filter((task) => task.start >= bench.start);
    const frames = bench.frames.splice(0);
    const longest = tasks.reduce((a, b) => (b.duration > (a?.duration ?? 0) ? b : a), null);
    const frame = longest && frames.find((f) => f.start <= longest.start + 1 && longest.start < f.end);
    const scripts = (frame?.scripts ?? [])
      .filter((s) => s.duration >= 5)
      .map((s) => `${s.source} ${Math.round(s.duration)} ms`);
    return { durations: tasks.map((task) => task.duration), scripts };
  },
};
