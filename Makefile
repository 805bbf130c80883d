# bnpl-market: build, test and measure. Every target except `clean` runs scripts/setup.sh
# first, which installs what is missing (wasm target, Trunk, wasm-bindgen CLI, Chromium,
# node_modules) and skips what is present. `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# The test layers run in order, and the e2e suites need the bundle built first.
.NOTPARALLEL:

# Trunk finds wasm-opt (npm binaryen 132, never Debian's) and wasm-bindgen on PATH.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# Where the release bundle goes and the URL path it will be served from.
# PUBLIC_URL=/some/path/ make dist   builds for https://host/some/path/.
DIST ?= dist
PUBLIC_URL ?= /
# `make test` also builds and tests the bundle under this sub-path, in its own folder.
SUBPATH_URL := /some/path/
SUBPATH_DIST := target/dist-subpath

CHROMEDRIVER ?= /usr/bin/chromedriver
# Browser unit tests: cargo hands each wasm test binary to wasm-bindgen-test-runner (from
# wasm-bindgen-cli), which drives Chromium through chromedriver. The runner adds headless,
# no-sandbox and disable-dev-shm-usage itself; scripts/webdriver.json adds the flags that
# keep Chromium off the (closed) network. WASM_BINDGEN_USE_BROWSER runs every test binary
# in the browser, even one without wasm_bindgen_test_configure!(run_in_browser) (which
# would otherwise run in Node.js, where there is no localStorage). The same settings in
# .cargo/config.toml serve a hand-run `cargo test --target wasm32-unknown-unknown`.
BROWSER_TEST_ENV := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	CHROMEDRIVER=$(CHROMEDRIVER) \
	WASM_BINDGEN_TEST_WEBDRIVER_JSON=$(CURDIR)/scripts/webdriver.json \
	WASM_BINDGEN_USE_BROWSER=1

# The browser layer builds only the browser test files (tests/browser_*.rs): the native
# tests and their property tests run in the native layer, and proptest is a native-only
# dev-dependency.
BROWSER_TEST_TARGETS ?= --test 'browser_*'

E2E_TESTS := tests/e2e/*.test.mjs
NODE_TEST := node --test --test-reporter=spec --test-concurrency=1

.PHONY: help setup serve dist test test-native test-browser e2e e2e-subpath bench clean distclean

help:
	@echo 'make setup         install what is missing (runs first in every target below)'
	@echo 'make serve         Trunk dev server on http://127.0.0.1:8080 (rebuilds on change)'
	@echo 'make dist          release bundle, split, in $(DIST)/ (PUBLIC_URL=/some/path/ for a sub-path)'
	@echo 'make test          every test layer: native, browser (wasm-bindgen-test), end-to-end'
	@echo 'make test-native   cargo test'
	@echo 'make test-browser  cargo test --target wasm32-unknown-unknown in headless Chromium'
	@echo 'make e2e           build the bundle, then the Playwright journeys against it'
	@echo 'make bench         build the bundle, then measure it (report in target/bench/)'
	@echo 'make clean         remove build output (distclean: node_modules too)'

setup:
	@scripts/setup.sh

serve: setup
	cargo fetch
	trunk serve --offline

# The release bundle is split (Cargo feature `split`, src/ui/lazy_pages.rs and lazy_flows.rs):
# every page but the catalog, and the flows that run the shop's events, are in chunks fetched
# when first needed or ahead of it, not part of the first load.
# Trunk's post_build hook (scripts/trunk-post-build.sh) does the split; the splitter needs
# relocations in cargo's wasm (--emit-relocs), and that flag rebuilds every crate, so
# these builds have their own target folder. RUSTFLAGS replaces the rustflags of
# .cargo/config.toml, so it repeats erase_components. `make serve` builds the whole wasm.
SPLIT_TARGET_DIR ?= $(CURDIR)/target/split
SPLIT_BUILD_ENV := CARGO_TARGET_DIR='$(SPLIT_TARGET_DIR)' \
	RUSTFLAGS='--cfg erase_components -Clink-args=--emit-relocs'

# $(1): public URL, $(2): output folder. 404.html is the GitHub Pages fallback for deep links:
# a static host answers /cart with it, and the app routes from there.
define build_bundle
	@echo 'dist: building the release bundle in $(2) for public URL $(1)'
	cargo fetch
	$(SPLIT_BUILD_ENV) trunk build --release --offline --features split --public-url '$(1)' --dist '$(2)'
	cp '$(2)/index.html' '$(2)/404.html'
endef

dist: setup
	$(call build_bundle,$(PUBLIC_URL),$(DIST))

test: setup test-native test-browser e2e e2e-subpath
	@echo 'test: all layers passed'

test-native: setup
	@echo 'test: native (cargo test)'
	cargo test

test-browser: setup
	@echo 'test: browser (wasm-bindgen-test in headless Chromium)'
	$(BROWSER_TEST_ENV) cargo test --target wasm32-unknown-unknown $(BROWSER_TEST_TARGETS)

e2e: setup dist
	@echo 'test: end-to-end journeys against $(DIST)/ served at $(PUBLIC_URL)'
	E2E_DIST='$(DIST)' E2E_BASE_PATH='$(PUBLIC_URL)' $(NODE_TEST) $(E2E_TESTS)

# The same journeys against a bundle built for a sub-path, as on a project GitHub Pages site.
e2e-subpath: setup
	$(call build_bundle,$(SUBPATH_URL),$(SUBPATH_DIST))
	@echo 'test: end-to-end journeys against $(SUBPATH_DIST)/ served at $(SUBPATH_URL)'
	E2E_DIST='$(SUBPATH_DIST)' E2E_BASE_PATH='$(SUBPATH_URL)' $(NODE_TEST) $(E2E_TESTS)

# --bench: the benchmark's own tools too (twiggy, for the wasm's size profile), which
# `make setup` and `make test` never install.
bench: setup dist
	@scripts/setup.sh --bench
	CARGO_TARGET_DIR='$(SPLIT_TARGET_DIR)' BENCH_DIST='$(DIST)' BENCH_BASE_PATH='$(PUBLIC_URL)' node bench/run.mjs

clean:
	cargo clean
	rm -rf '$(DIST)'

distclean: clean
	rm -rf node_modules
