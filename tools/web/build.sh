#!/usr/bin/env bash
# Builds the web edition of Guangdong Atlas into dist/web/ (README, "Web"):
#   index.html, gd_atlas_web.js (wasm-bindgen's glue) and gd_atlas_web_bg.wasm (the app, with
#   its data and fonts compiled in). Copy that folder to any static web server.
# Needs: the wasm32-unknown-unknown Rust target and wasm-bindgen-cli at the version of the
# wasm-bindgen crate in Cargo.lock (installed here when missing: several minutes, once).
# Usage: tools/web/build.sh [--opt] [OUT_DIR]     (default dist/web)
#   --opt: also run wasm-opt -O2 (Debian: binaryen): about 2 minutes more for a wasm 9 % smaller
#   raw, 3.5 % smaller gzipped (measured in BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
opt=0
if [ "${1:-}" = "--opt" ]; then
  opt=1
  shift
fi
out="${1:-dist/web}"
case "$out" in ""|/|.) echo "refusing to replace $out" >&2; exit 2 ;; esac

wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if command -v rustup >/dev/null; then
  rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_version"; then
  echo "installing wasm-bindgen-cli $wb_version (once)…"
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

start=$(date +%s)
cargo build --profile web --target wasm32-unknown-unknown -p gd-atlas-web
wasm=target/wasm32-unknown-unknown/web/gd_atlas_web.wasm

rm -rf "$out"
mkdir -p "$out"
if [ "$opt" = 1 ]; then
  # Before wasm-bindgen: Debian's binaryen (108) mangles the externref table wasm-bindgen sets up
  # (the page then fails with "WebAssembly.Table.set(): Argument 1 is invalid").
  wasm-opt -O2 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "$wasm" -o "$wasm.opt.wasm"
  wasm="$wasm.opt.wasm"
fi
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name gd_atlas_web "$wasm"
cp tools/web/index.html "$out/index.html"

raw=$(stat -c %s "$out/gd_atlas_web_bg.wasm")
gz=$(gzip -9 -c "$out/gd_atlas_web_bg.wasm" | wc -c)
js=$(stat -c %s "$out/gd_atlas_web.js")
echo "built $out in $(( $(date +%s) - start )) s: wasm $raw bytes ($gz gzip -9), glue $js bytes"
if command -v brotli >/dev/null; then
  echo "wasm brotli: $(brotli -c -q 11 "$out/gd_atlas_web_bg.wasm" | wc -c) bytes"
fi
