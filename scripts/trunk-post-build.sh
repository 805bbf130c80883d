#!/usr/bin/env bash
# Trunk `post_build` hook (Trunk.toml): splits the wasm at its split points, and shrinks every
# wasm file of a release build with wasm-opt. Trunk 0.21 can do neither itself: it has no
# splitting step, and its own wasm-opt pass is off (index.html, data-wasm-opt="0") because it
# would run before this hook replaces the wasm.
#
# When cargo's wasm has split points (built with `--features split`, which cuts every page
# but the catalog out, src/ui/lazy_pages.rs, and the flows that run the shop's events,
# src/ui/lazy_flows.rs), Trunk's wasm-bindgen output cannot run: its lazy
# calls import a module that does not exist yet ("Failed to resolve module specifier
# __wasm_split_placeholder__", a blank page). So this hook:
#   1. runs bnpl-wasm-split (tools/wasm-split) on cargo's wasm, which must have been linked
#      with -Clink-args=--emit-relocs: a main module, one chunk per split point (plus chunks
#      of code several split points share), and __wasm_split.js, which fetches a chunk on demand;
#   2. runs wasm-bindgen --target web --keep-lld-exports --no-demangle on the main module
#      (the chunks call the main module's functions by their linker names);
#   3. replaces Trunk's bnpl-market.js and bnpl-market_bg.wasm in the staging folder with
#      these, and adds the chunks and the loader beside them;
#   4. adds a modulepreload of the loader to index.html, beside Trunk's one of the glue.
# Without split points (`make serve`, or any build without the feature) it leaves Trunk's
# output as it is. Either way a release build then gets `wasm-opt -Oz` on every .wasm file.
#
# Trunk sets TRUNK_STAGING_DIR, TRUNK_PROFILE and TRUNK_SOURCE_DIR. The Makefile's `dist`
# target sets the feature, the link flag, its own CARGO_TARGET_DIR and filehash=false (the
# loader imports the glue by its plain name).
set -euo pipefail

readonly NAME="bnpl-market"
readonly PLACEHOLDER="__wasm_split_placeholder__"

say() { printf 'post-build: %s\n' "$*"; }
fail() { printf 'post-build: ERROR: %s\n' "$*" >&2; exit 1; }

: "${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}"
: "${TRUNK_PROFILE:?run by Trunk as a post_build hook}"
cd "${TRUNK_SOURCE_DIR:-$(dirname "${BASH_SOURCE[0]}")/..}"

# Where cargo put the wasm Trunk bound: cargo metadata honours CARGO_TARGET_DIR and config.
target_dir=$(cargo metadata --format-version 1 --no-deps --offline \
  | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
[ -n "$target_dir" ] || fail "cargo metadata gave no target directory"
raw="$target_dir/wasm32-unknown-unknown/$TRUNK_PROFILE/$NAME.wasm"
[ -f "$raw" ] || fail "no cargo output at $raw"

if grep -q "$PLACEHOLDER" "$raw"; then
  command -v bnpl-wasm-split >/dev/null \
    || fail "bnpl-wasm-split not found: scripts/setup.sh installs it (cargo install --path tools/wasm-split --locked)"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  say "splitting $raw at its split points"
  bnpl-wasm-split "$raw" "$work/chunks" "$NAME.js" \
    || fail "splitting failed (was the wasm linked with RUSTFLAGS=-Clink-args=--emit-relocs?)"
  wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
    --out-dir "$work/bound" --out-name "$NAME" "${raw%.wasm}_split.wasm"
  # Trunk's glue and wasm give way to the split ones; the snippets are the same files.
  cp "$work/bound/$NAME.js" "$work/bound/${NAME}_bg.wasm" "$TRUNK_STAGING_DIR/"
  if [ -d "$work/bound/snippets" ]; then
    cp -r "$work/bound/snippets" "$TRUNK_STAGING_DIR/"
  fi
  cp "$work"/chunks/* "$TRUNK_STAGING_DIR/"
  # The glue imports the loader: without a hint the browser finds it only once the glue is
  # parsed, one more round trip before the wasm can start. Preloaded beside the glue instead.
  html="$TRUNK_STAGING_DIR/index.html"
  [ -f "$html" ] || fail "no index.html in $TRUNK_STAGING_DIR to add the loader's preload to"
  sed -i "s|<link rel=\"modulepreload\" href=\"\([^\"]*\)$NAME\.js\"\([^>]*\)>|&\n<link rel=\"modulepreload\" href=\"\1__wasm_split.js\"\2>|" "$html"
  grep -q '__wasm_split.js' "$html" || fail "could not add the loader's preload to $html"
  say "main module and $(find "$work/chunks" -name '*.wasm' | wc -l) chunk(s) staged"
elif [ "$TRUNK_PROFILE" = "release" ]; then
  say "no split points in this build: Trunk's wasm stays whole"
fi

if [ "$TRUNK_PROFILE" = "release" ]; then
  command -v wasm-opt >/dev/null || fail "wasm-opt not found (npm binaryen 132, node_modules/.bin)"
  for wasm in "$TRUNK_STAGING_DIR"/*.wasm; do
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$wasm" -o "$wasm"
  done
  say "wasm-opt -Oz: $(find "$TRUNK_STAGING_DIR" -maxdepth 1 -name '*.wasm' | wc -l) file(s)"
fi
