// Trunk post-build hook of the configurator, run on trunk's staging folder
// ($TRUNK_STAGING_DIR): copies the configurator into the widget's dist/
// (built before it: the widget's build empties dist/), its page as
// dist/configure.html, replacing the previous build's files, and prints the
// configurator's own sizes.
import { gzipSync } from "node:zlib";
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("run by trunk: TRUNK_STAGING_DIR is not set");
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms.exec(cargo)?.[1];
if (!version) throw new Error("no [package] version in Cargo.toml");
const manifest = join(dist, "news-headlines", version, "manifest.json");
if (!existsSync(manifest)) {
  throw new Error(`${manifest} is missing: build the widget first (\`cargo xtask build\` builds both)`);
}

const ours = (name) => name === "configure.html" || /^configure-[0-9a-f]+(\.js|_bg\.wasm|\.css)$/.test(name);
for (const name of readdirSync(dist).filter(ours)) rmSync(join(dist, name));
const sizes = [];
for (const name of readdirSync(staging)) {
  const to = name === "index.html" ? "configure.html" : name;
  if (!ours(to)) throw new Error(`unexpected file in the configurator's build: ${name}`);
  copyFileSync(join(staging, name), join(dist, to));
  const bytes = readFileSync(join(staging, name));
  sizes.push(`${to} ${bytes.length} B (gzip -9 ${gzipSync(bytes, { level: 9 }).length} B)`);
}
console.log(`configurator → dist/: ${sizes.join(", ")}`);
