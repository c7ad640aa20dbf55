#!/bin/sh
# Trunk post_build hook, run in $TRUNK_STAGING_DIR: fills the content-hashed
# names of the wasm-bindgen glue and the wasm into the loader, then minifies
# both scripts with esbuild (npm; on PATH through node_modules/.bin).
set -eu
cd "$TRUNK_STAGING_DIR"
glue=$(ls news-headlines-*.js | grep -v '_bg')
wasm=$(ls news-headlines-*_bg.wasm)
sed -i "s|__GLUE__|./$glue|; s|__WASM__|./$wasm|" news-headlines.js
esbuild "$glue" --minify --format=esm --legal-comments=none --log-level=warning --allow-overwrite --outfile="$glue"
esbuild news-headlines.js --minify --legal-comments=none --log-level=warning --allow-overwrite --outfile=news-headlines.js
