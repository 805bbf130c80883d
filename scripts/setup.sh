#!/usr/bin/env bash
# Installs what building, testing and benchmarking bnpl-market needs, and skips what is
# already present at the right version. Safe to run again and again: every `make` target
# runs it first.
#
#   wasm32-unknown-unknown     rustup target
#   trunk 0.21.14              cargo install --locked (newer Trunk needs a newer rustc)
#   wasm-bindgen-cli X         cargo install, X = the wasm-bindgen version in Cargo.lock,
#                              without --locked (its own lock names a crate the registry lacks);
#                              brings wasm-bindgen-test-runner for the browser unit tests
#   chromium, chromium-driver  Debian packages (/usr/bin/chromium, /usr/bin/chromedriver)
#   node_modules               npm ci: playwright-core, axe-core, and binaryen's wasm-opt
#                              (never Debian's binaryen: its wasm-opt breaks the bundle)
#   bnpl-wasm-split            cargo install --path tools/wasm-split --locked (about 4 minutes):
#                              the splitter `make dist` runs through Trunk's post_build hook
#                              (scripts/trunk-post-build.sh) to cut the lazy pages and
#                              flows out of the wasm; reinstalled when tools/wasm-split's version changes
#   twiggy 0.8.0               only with --bench (make bench): cargo install --locked; the
#                              benchmark's size profile of the wasm. Nothing else needs it, so
#                              `make test` and CI never build it. If it cannot be installed,
#                              setup goes on and the benchmark report says the profile is missing.
#
#   scripts/setup.sh [--bench]
#
# A first run on a fresh machine takes about 25 minutes (Trunk and the wasm-bindgen CLI
# compile from source); later runs take a second or two.
set -euo pipefail

readonly TRUNK_VERSION="0.21.14"
readonly WASM_TARGET="wasm32-unknown-unknown"
readonly WASM_OPT_VERSION="132"
readonly CHROMIUM="/usr/bin/chromium"
readonly CHROMEDRIVER="/usr/bin/chromedriver"
readonly TWIGGY_VERSION="0.8.0"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say()  { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

require_command() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 not found on PATH. $2"
}

# Another process (an earlier `make`, or a set-up job started by hand) may be compiling
# the same tool right now; a second build would only race it for the same binary.
wait_for_running_install() {
  local crate="$1" pids
  while pids=$(pgrep -f "cargo install ${crate}( |$)" 2>/dev/null) && [ -n "$pids" ]; do
    say "waiting for a cargo install of ${crate} that is already running (pid $(echo "$pids" | paste -sd ' '))..."
    sleep 20
  done
}

version_of() {
  # Prints the second word of `<tool> --version` ("trunk 0.21.14" -> 0.21.14), or nothing.
  "$1" --version 2>/dev/null | awk 'NR==1 { print $2 }' || true
}

ensure_wasm_target() {
  require_command rustup "Install Rust with rustup (https://rustup.rs) first."
  if rustup target list --installed | grep -qx "$WASM_TARGET"; then
    say "rust target $WASM_TARGET: present"
  else
    say "rust target $WASM_TARGET: installing (rustup target add)"
    rustup target add "$WASM_TARGET" || fail "rustup target add $WASM_TARGET failed"
  fi
}

ensure_trunk() {
  require_command cargo "Install Rust with rustup (https://rustup.rs) first."
  wait_for_running_install trunk
  local found
  found=$(version_of trunk)
  if [ "$found" = "$TRUNK_VERSION" ]; then
    say "trunk $TRUNK_VERSION: present"
    return
  fi
  say "trunk $TRUNK_VERSION: ${found:+found $found, }installing with cargo install --locked (15-20 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked \
    || fail "cargo install trunk --version $TRUNK_VERSION --locked failed (see the output above)"
  found=$(version_of trunk)
  [ "$found" = "$TRUNK_VERSION" ] \
    || fail "after installing, 'trunk --version' says '${found:-nothing}', wanted $TRUNK_VERSION: is another trunk earlier on PATH ($(command -v trunk))?"
}

wasm_bindgen_version_in_lock() {
  [ -f Cargo.lock ] || { say "Cargo.lock missing: creating it (cargo generate-lockfile)"; cargo generate-lockfile >&2; }
  awk '
    /^\[\[package\]\]/        { in_wbg = 0 }
    /^name = "wasm-bindgen"$/ { in_wbg = 1; next }
    in_wbg && /^version = /   { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock
}

ensure_wasm_bindgen_cli() {
  local wanted found
  wanted=$(wasm_bindgen_version_in_lock)
  [ -n "$wanted" ] || fail "no wasm-bindgen package in Cargo.lock; is wasm-bindgen a dependency in Cargo.toml?"
  wait_for_running_install wasm-bindgen-cli
  found=$(version_of wasm-bindgen)
  if [ "$found" = "$wanted" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    say "wasm-bindgen-cli $wanted (matches Cargo.lock): present"
    return
  fi
  say "wasm-bindgen-cli $wanted (from Cargo.lock): ${found:+found $found, }installing with cargo install, without --locked (about 9 minutes)"
  cargo install wasm-bindgen-cli --version "$wanted" --force \
    || fail "cargo install wasm-bindgen-cli --version $wanted failed (see the output above)"
  found=$(version_of wasm-bindgen)
  [ "$found" = "$wanted" ] \
    || fail "after installing, 'wasm-bindgen --version' says '${found:-nothing}', wanted $wanted: is another wasm-bindgen earlier on PATH ($(command -v wasm-bindgen))?"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail "need root to run '$*' (not root, and no sudo). Install the packages chromium and chromium-driver by hand."
  fi
}

ensure_chromium() {
  if [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]; then
    say "chromium + chromium-driver: present ($("$CHROMIUM" --version 2>/dev/null | head -n1))"
    return
  fi
  require_command apt-get "Chromium is missing and this is not a Debian-like system: install chromium and chromedriver so that $CHROMIUM and $CHROMEDRIVER exist."
  say "chromium + chromium-driver: installing the Debian packages (apt-get update, apt-get install -y)"
  as_root apt-get update || fail "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver \
    || fail "apt-get install chromium chromium-driver failed"
  if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
    fail "installed the packages but $CHROMIUM or $CHROMEDRIVER is still missing"
  fi
}

ensure_node_modules() {
  require_command node "Install Node.js 20 or newer (Debian bookworm's nodejs 18 is too old for playwright-core)."
  require_command npm "Install npm alongside Node.js."
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || fail "Node.js $(node --version) is too old: playwright-core needs 20 or newer"
  [ -f package-lock.json ] || fail "package-lock.json missing: run 'npm install' once and commit the lock"
  # npm writes node_modules/.package-lock.json on every install: a lock newer than it means
  # the dependencies changed since the last install.
  if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
    say "node_modules: up to date with package-lock.json"
  else
    say "node_modules: installing with npm ci (playwright-core, axe-core, binaryen)"
    npm ci --no-audit --no-fund || fail "npm ci failed"
  fi
  local found
  found=$(wasm-opt --version 2>/dev/null | awk '{ print $3 }' || true)
  [ "$found" = "$WASM_OPT_VERSION" ] \
    || fail "'wasm-opt --version' is '${found:-missing}' ($(command -v wasm-opt || echo 'not on PATH')), wanted $WASM_OPT_VERSION from npm binaryen in node_modules/.bin"
}

ensure_wasm_split() {
  local wanted found
  wanted=$(awk -F'"' '/^version = / { print $2; exit }' tools/wasm-split/Cargo.toml)
  wait_for_running_install "--path tools/wasm-split"
  found=$(version_of bnpl-wasm-split)
  if [ "$found" = "$wanted" ]; then
    say "bnpl-wasm-split $wanted (splits the release wasm): present"
    return
  fi
  say "bnpl-wasm-split $wanted (splits the release wasm): ${found:+found $found, }installing with cargo install --path tools/wasm-split --locked (about 4 minutes)"
  cargo install --path tools/wasm-split --locked --force \
    || fail "cargo install --path tools/wasm-split --locked failed (see the output above)"
  found=$(version_of bnpl-wasm-split)
  [ "$found" = "$wanted" ] \
    || fail "after installing, 'bnpl-wasm-split --version' says '${found:-nothing}', wanted $wanted: is another one earlier on PATH ($(command -v bnpl-wasm-split))?"
}

ensure_twiggy() {
  wait_for_running_install twiggy
  local found
  found=$(version_of twiggy)
  if [ "$found" = "$TWIGGY_VERSION" ]; then
    say "twiggy $TWIGGY_VERSION (the benchmark's size profile): present"
    return
  fi
  say "twiggy $TWIGGY_VERSION (the benchmark's size profile): ${found:+found $found, }installing with cargo install --locked (about 5 minutes on 2 cores)"
  # The profile only helps read the bundle's size: a failed install must not stop the benchmark.
  if ! cargo install twiggy --version "$TWIGGY_VERSION" --locked; then
    say "WARNING: cargo install twiggy failed (see the output above): the benchmark runs without its size profile"
  fi
}

main() {
  local bench=0
  for argument in "$@"; do
    case "$argument" in
      --bench) bench=1 ;;
      *) fail "unknown argument '$argument' (expected --bench)" ;;
    esac
  done
  if [ "$bench" -eq 1 ]; then
    say "checking the toolchain and the benchmark's tools (installs only what is missing)"
  else
    say "checking the toolchain (installs only what is missing)"
  fi
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen_cli
  ensure_wasm_split
  ensure_chromium
  ensure_node_modules
  if [ "$bench" -eq 1 ]; then
    ensure_twiggy
  fi
  say "ready"
}

main "$@"
