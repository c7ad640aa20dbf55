// Trunk post-build hook, run in the project folder on trunk's staging
// folder ($TRUNK_STAGING_DIR). It lays the widget out for a CDN:
//
//   news-headlines/<version>/news-headlines.js          the loader, with the
//       wasm-bindgen glue bundled in, the wasm's path and SHA-384, and the
//       stylesheet filled in (minified; pin it with one integrity hash)
//   news-headlines/<version>/news-headlines-<hash>_bg.wasm
//   news-headlines/<version>/i18n/<code>.json            a language's phrases
//   news-headlines/<version>/i18n/index.json             each table's SHA-384
//   news-headlines/<version>/manifest.json               version, files, integrity
//   news-headlines.js                                    the same loader, "latest",
//       pointing into the versioned folder
//   news-headlines/<version>/embed.html, embed.js, resizer.js  the iframe embed
//       (loader/embed.*, with src/embed.rs's table), and a stable embed.html and
//       resizer.js beside the latest loader
//
// with .gz and .br beside each file the loader fetches. The wasm's import and
// export names (wasm-bindgen's carry a random hash each) are shortened by
// wasm-opt, and the glue is rewritten to match; exports the widget never
// uses (the `free` of the stream adapter classes wasm-streams declares for
// Leptos' server functions, which a client-only widget never constructs;
// their methods are kept out by vendor/wasm-streams) are removed with what
// only they reach (wasm-metadce), and the classes with them from the glue,
// which esbuild bundles with only the exports the loader calls. esbuild and wasm-opt come
// from npm (node_modules), zlib with Node.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { readFileSync, writeFileSync, readdirSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
if (!staging) throw new Error("run by trunk: TRUNK_STAGING_DIR is not set");

const manifest = readFileSync(join(source, "Cargo.toml"), "utf8");
const version = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(manifest)?.[1];
if (!version) throw new Error("no [package] version in Cargo.toml");

const files = readdirSync(staging);
const glueFile = files.find((f) => /^news-headlines-[0-9a-f]+\.js$/.test(f));
const wasmFile = files.find((f) => /^news-headlines-[0-9a-f]+_bg\.wasm$/.test(f));
if (!glueFile || !wasmFile) throw new Error(`no wasm-bindgen output in ${staging}: ${files}`);
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

// The module without its custom sections but the name section (kept in the
// bench's names build): producers, target features and the like are for
// tools, not for the browser.
function withoutCustomSections(bytes) {
  const kept = [bytes.subarray(0, 8)];
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    const name = id === 0 ? bytes.subarray(at + 1, at + 1 + bytes[at]).toString() : "";
    if (id !== 0 || name === "name") kept.push(bytes.subarray(start, end));
    at = end;
  }
  return Buffer.concat(kept);
}

// Short import, export and module names, and the glue rewritten to match:
// the glue names imports as keys of its import object, exports as `wasm.NAME`.
const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"].map(
  (feature) => `--enable-${feature}`,
);
const mapping = JSON.parse(
  execFileSync(
    join(source, "node_modules/.bin/wasm-opt"),
    [join(staging, wasmFile), ...features, "--minify-imports-and-exports-and-modules", "-o", join(staging, wasmFile)],
    { encoding: "utf8" },
  ),
);
let glueSource = readFileSync(join(staging, glueFile), "utf8");
// `text` with the one match of `pattern` (a global RegExp) replaced.
const replaceOnce = (text, pattern, to, what) => {
  const found = text.match(pattern);
  if (!found || found.length !== 1) throw new Error(`the glue names ${what} ${found ? found.length : 0} times`);
  return text.replace(pattern, to);
};
const renameOnce = (pattern, to, what) => {
  glueSource = replaceOnce(glueSource, pattern, to, what);
};
for (const [, name, short] of mapping.imports) {
  renameOnce(new RegExp(`\\b${name}: function\\(`, "g"), `${short}: function(`, `import ${name}`);
}
// One import module (the glue), renamed by wasm-opt without a mapping: read it back.
const modules = (wasmBytes) => [...new Set(WebAssembly.Module.imports(new WebAssembly.Module(wasmBytes)).map((i) => i.module))];
const [longModule, ...others] = [...new Set(mapping.imports.map(([module]) => module))];
const [shortModule, ...moreShort] = modules(readFileSync(join(staging, wasmFile)));
if (!longModule || others.length || moreShort.length) throw new Error("the wasm imports from more than one module");
renameOnce(new RegExp(`"${longModule.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}": `, "g"), `"${shortModule}": `, `module ${longModule}`);
for (const [name, short] of mapping.exports) {
  if (!glueSource.includes(`wasm.${name}`)) continue; // exported, never called from JS
  glueSource = glueSource.replaceAll(new RegExp(`\\bwasm\\.${name}\\b`, "g"), `wasm.${short}`);
}
// Dead exports out: every export is kept but the stream adapters'. Their
// classes leave the glue too (each an `export class`, its Symbol.dispose line
// and its FinalizationRegistry): nothing constructs them.
const unused = (name) => /^(__wbg_)?intounderlying/.test(name);
const adapterClasses = mapping.exports.flatMap(([name]) => (unused(name) && /^__wbg_(\w+)_free$/.exec(name)?.[1]) || []);
const classes = [...glueSource.matchAll(/^export class (\w+) /gm)].map(([, name]) => name);
for (const lowercase of adapterClasses) {
  const name = classes.find((name) => name.toLowerCase() === lowercase);
  if (!name) throw new Error(`the glue has no class for the unused export __wbg_${lowercase}_free`);
  renameOnce(new RegExp(`^export class ${name} \\{\\n[\\s\\S]*?^if \\(Symbol\\.dispose\\) ${name}\\.prototype.*\\n`, "gm"), "", `class ${name}`);
  renameOnce(new RegExp(`^const ${name}Finalization = [^;]*;\\n`, "gm"), "", `${name}Finalization`);
}
// Every browser the widget runs in (README "Browser support") has
// TextEncoder.encodeInto: its fallback goes. The loader always initialises
// the glue with `{ module_or_path }`, the wasm's own fetch: the other ways in
// (a URL or string to fetch, none, a bare argument) go too.
renameOnce(/^if \(!\('encodeInto' in cachedTextEncoder\)\) \{\n[\s\S]*?^\}\n/gm, "", "the encodeInto fallback");
renameOnce(
  /^async function __wbg_init_once\(module_or_path\) \{\n[\s\S]*?(?=^ {4}const \{ instance, module \} = await __wbg_load\()/gm,
  (body) => {
    if (!body.includes("\n    const imports = __wbg_get_imports();\n")) throw new Error("the glue's init does not read its imports");
    return "async function __wbg_init_once(module_or_path) {\n    ({ module_or_path } = module_or_path);\n    const imports = __wbg_get_imports();\n";
  },
  "the glue's init",
);
const shortOf = new Map(mapping.exports.map(([long, short]) => [short, long]));
const module = new WebAssembly.Module(readFileSync(join(staging, wasmFile)));
const exported = WebAssembly.Module.exports(module).map(({ name }) => name);
const graph = [
  { name: "js", root: true, reaches: exported.filter((name) => !unused(shortOf.get(name) ?? name)).map((n) => `export ${n}`) },
  ...exported.map((name) => ({ name: `export ${name}`, export: name })),
  ...WebAssembly.Module.imports(module).map(({ module, name }) => ({ name: `import ${name}`, import: [module, name] })),
];
writeFileSync(join(staging, "metadce.json"), JSON.stringify(graph));
const binaryen = (tool, args) =>
  execFileSync(join(source, "node_modules/.bin", tool), [...args, ...features], { encoding: "utf8" });
binaryen("wasm-metadce", [join(staging, wasmFile), "--graph-file", join(staging, "metadce.json"), "-o", join(staging, wasmFile)]);
// Closed world: no function or table leaves the module but through its
// exports (wasm-bindgen exports no function table), which lets wasm-opt
// drop what no export reaches more thoroughly. Flattening and re-looping the
// control flow first lets -Oz find more to merge (~0.5 KB of gzip).
binaryen("wasm-opt", [
  join(staging, wasmFile),
  "--closed-world",
  "--flatten",
  "--rereloop",
  "-Oz",
  "-Oz",
  "--converge",
  "-o",
  join(staging, wasmFile),
]);
rmSync(join(staging, "metadce.json"));
const wasm = withoutCustomSections(readFileSync(join(staging, wasmFile)));
writeFileSync(join(staging, wasmFile), wasm);

// Imports the optimised wasm no longer makes (wasm-opt dropped their last
// caller) leave the glue's import object too; the glue is then written once.
const imported = new Set(WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map(({ name }) => name));
renameOnce(/^ {4}const import0 = \{\n[\s\S]*?^ {4}\};\n/gm, (block) =>
  block.replace(/^ {8}(\w+): function\([\s\S]*?(?=^ {8}\w+: function\(|^ {4}\};)/gm, (entry, name) => (imported.has(name) ? entry : "")),
  "the import object",
);
writeFileSync(join(staging, glueFile), glueSource);

// The glue as a function body that returns the exports the loader calls:
// what only the others reach (initSync, the stream adapters' classes) is
// left out. Bundled as a module whose one export becomes the `return`, so
// no module-namespace helpers are needed.
const glueModule = await esbuild.build({
  stdin: {
    contents: `import init, { mount } from "./${glueFile}";\nexport default { default: init, mount };`,
    resolveDir: staging,
  },
  bundle: true,
  format: "esm",
  write: false,
  logLevel: "silent",
  // The glue's default wasm URL is never used: the loader passes the wasm.
  define: { "import.meta.url": "undefined" },
});
const glueBody = replaceOnce(
  glueModule.outputFiles[0].text,
  /^export \{\n {2}(\w+) as default\n\};\n$/gm,
  (_, exports) => `return ${exports};\n`,
  "the glue's export",
);
// The stylesheet as Rust minified it (news_headlines::stylesheet), written
// by `cargo xtask build` before trunk runs.
const stylesheet = readFileSync(join(source, "target/widget.css"), "utf8");

// The phrase tables of every language but English (the wasm carries
// English) and the phrase names with the longest override (phrases.json),
// written from src/i18n by `cargo xtask build` before trunk runs: the names
// and each table's pin make i18n/index.json, which the loader pins.
const folder = join("news-headlines", version);
const tablesFrom = join(process.cwd(), "target/i18n");
const tables = (() => {
  try {
    return readdirSync(tablesFrom).filter((f) => /^[a-z]{2,3}\.json$/.test(f)).sort();
  } catch {
    return [];
  }
})();
if (!tables.length) throw new Error(`no phrase tables in ${tablesFrom}: build with \`cargo xtask build\``);
mkdirSync(join(staging, folder, "i18n"), { recursive: true });
const index = { ...JSON.parse(readFileSync(join(tablesFrom, "phrases.json"), "utf8")), tables: {} };
for (const file of tables) {
  const bytes = readFileSync(join(tablesFrom, file));
  JSON.parse(bytes.toString("utf8"));
  writeFileSync(join(staging, folder, "i18n", file), bytes);
  index.tables[file.slice(0, -".json".length)] = sri(bytes);
}
const indexBytes = Buffer.from(JSON.stringify(index));
writeFileSync(join(staging, folder, "i18n", "index.json"), indexBytes);

const loader = readFileSync(join(source, "loader/news-headlines.js"), "utf8");
const fill = (wasmPath) =>
  loader
    .replace('"__WASM__"', JSON.stringify(wasmPath))
    .replace('"__WASM_INTEGRITY__"', JSON.stringify(sri(wasm)))
    .replace('"__STYLESHEET__"', JSON.stringify(stylesheet))
    .replace('"__PHRASES__"', JSON.stringify(sri(indexBytes)))
    .replace("/* __GLUE__ */", () => glueBody);
const minify = async (code) =>
  (await esbuild.transform(code, { minify: true, legalComments: "none", target: "es2022" })).code;

// V8's explicit compile hint (Chromium 136+; a comment elsewhere): the loader
// and the glue are compiled eagerly while the file streams in, off the main
// thread, instead of function by function as they first run. `cargo xtask
// bench`, side by side, both ways: the cold first headline ×1.47 of the
// reference with it, ×1.98 without (8 samples each, one host, back to back).
const hint = "//# allFunctionsCalledOnLoad\n";
const versioned = hint + (await minify(fill(`./${wasmFile}`)));
const latest = hint + (await minify(fill(`./${folder}/${wasmFile}`)));
writeFileSync(join(staging, folder, "news-headlines.js"), versioned);
writeFileSync(join(staging, folder, wasmFile), wasm);
writeFileSync(join(staging, "news-headlines.js"), latest);
rmSync(join(staging, glueFile));
rmSync(join(staging, wasmFile));

const entry = (path, bytes) => ({ path, bytes: bytes.length, integrity: sri(bytes) });
writeFileSync(
  join(staging, folder, "manifest.json"),
  `${JSON.stringify(
    {
      version,
      loader: entry(`${folder}/news-headlines.js`, Buffer.from(versioned)),
      wasm: entry(`${folder}/${wasmFile}`, wasm),
      latest: entry("news-headlines.js", Buffer.from(latest)),
      phrases: entry(`${folder}/i18n/index.json`, indexBytes),
    },
    null,
    2,
  )}\n`,
);

// The embed page (src/embed.rs): news-headlines/<version>/embed.html with its
// script and the resizer, and a stable embed.html and resizer.js beside the
// latest loader. Nothing here touches the loader or the wasm.
const tablePath = join(source, "target/embed-table.json");
let table;
try {
  table = JSON.parse(readFileSync(tablePath, "utf8"));
} catch (error) {
  throw new Error(`${tablePath}: ${error.message}; \`cargo xtask build\` writes it from src/embed.rs before trunk runs`);
}
const { csp, attributes, style, origin, events, size, amp, page: pageName } = table;
const script = async (name, fields) =>
  minify(readFileSync(join(source, "loader", name), "utf8").replace('"__EMBED_TABLE__"', JSON.stringify(fields)));
const embedScript = Buffer.from(await script("embed.js", { attributes, style, origin, events, size, amp }));
const resizer = Buffer.from(await script("resizer.js", { size, page: pageName }));
// The policy names the two scripts' hashes (see src/embed.rs).
if (!csp.includes(table.scriptHashes)) throw new Error(`the embed page's policy has no ${table.scriptHashes}`);
const policy = csp.replace(table.scriptHashes, `'${sri(embedScript)}' '${sri(Buffer.from(versioned))}'`);
const page = (prefix) =>
  readFileSync(join(source, "loader/embed.html"), "utf8")
    .replace("__CSP__", policy)
    .replace("__EMBED__", `${prefix}embed.js`)
    .replace("__EMBED_INTEGRITY__", sri(embedScript))
    .replace("__LOADER__", `${prefix}news-headlines.js`)
    .replace("__LOADER_INTEGRITY__", sri(Buffer.from(versioned)));
writeFileSync(join(staging, folder, "embed.js"), embedScript);
writeFileSync(join(staging, folder, "resizer.js"), resizer);
writeFileSync(join(staging, folder, "embed.html"), page("./"));
writeFileSync(join(staging, "resizer.js"), resizer);
writeFileSync(join(staging, "embed.html"), page(`./${folder}/`));
const embedManifest = JSON.parse(readFileSync(join(staging, folder, "manifest.json"), "utf8"));
embedManifest.embed = {
  page: entry(`${folder}/embed.html`, readFileSync(join(staging, folder, "embed.html"))),
  script: entry(`${folder}/embed.js`, embedScript),
  resizer: entry(`${folder}/resizer.js`, resizer),
  csp: policy,
};
writeFileSync(join(staging, folder, "manifest.json"), `${JSON.stringify(embedManifest, null, 2)}\n`);

// Precompressed copies for static hosts.
for (const path of [
  join(folder, "news-headlines.js"),
  join(folder, wasmFile),
  "news-headlines.js",
  join(folder, "embed.html"),
  join(folder, "embed.js"),
  join(folder, "resizer.js"),
  "embed.html",
  "resizer.js",
  ...["index.json", ...tables].map((file) => join(folder, "i18n", file)),
]) {
  const bytes = readFileSync(join(staging, path));
  writeFileSync(join(staging, `${path}.gz`), gzipSync(bytes, { level: 9 }));
  writeFileSync(
    join(staging, `${path}.br`),
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  );
}
console.log(`news-headlines ${version}: ${folder}/news-headlines.js ${sri(Buffer.from(versioned))}`);
