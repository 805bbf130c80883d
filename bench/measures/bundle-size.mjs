// Bytes of every file in the release bundle, raw and compressed the way a static host would
// serve them (gzip level 9, brotli quality 11), and the first-load total: what a visitor
// downloads before the app can start (index.html and every .js, .wasm and .css file but the
// lazy chunks), and how that first load compares with each figure recorded in
// bench/baselines.json. Then the total once every page has been visited: the first load
// plus every lazy chunk (split_*.wasm, one per split point: a group of pages, or the flows
// that run the shop's events; and chunk_*.wasm, code that several split points share), which
// the browser fetches when the code is first needed or ahead of it.
//
// Then a size profile: `twiggy top` on the main wasm before wasm-bindgen and wasm-opt: for
// the split bundle the splitter's main module (target/wasm32-unknown-unknown/release/
// bnpl-market_split.wasm, under CARGO_TARGET_DIR when set; `make bench` sets it), else the
// wasm cargo built (bnpl-market.wasm beside it); BENCH_PROFILE_WASM names another file. The bundle's own wasm cannot be profiled: wasm-opt
// strips the function names, so twiggy could only say "code[123]". twiggy is installed by
// `scripts/setup.sh --bench` (make bench); when it is missing the report says so.

import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';

import { formatBytes, formatKiB, markdownTable } from '../lib.mjs';

const FIRST_LOAD_EXTENSIONS = new Set(['.js', '.wasm', '.css']);
// The names scripts/trunk-post-build.sh's splitter gives the wasm it cuts out of the main
// module: fetched when their code is first needed (the flows' right after the first paint) or
// ahead of it, never by the first load.
const LAZY_CHUNK = /^(split|chunk)_.*\.wasm$/;
// A copy of index.html for static hosts' deep links; never loaded alongside it.
const FALLBACK_COPY = '404.html';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BASELINES_FILE = path.join(REPO_ROOT, 'bench/baselines.json');
const PROFILE_ENTRIES = 20;
// Long generic Rust names are cut in the table (the JSON keeps them whole).
const PROFILE_NAME_CHARS = 160;

async function listFiles(directory, prefix = '') {
  const entries = await readdir(path.join(directory, prefix), { withFileTypes: true });
  const files = [];
  for (const entry of entries) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...await listFiles(directory, relative));
    else if (entry.isFile()) files.push(relative);
  }
  return files.sort();
}

function sizes(content) {
  return {
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }).length,
  };
}

/** bench/baselines.json: first-load figures of earlier bundles, recorded by hand. */
async function readBaselines() {
  const { baselines } = JSON.parse(await readFile(BASELINES_FILE, 'utf8'));
  return baselines;
}

function signed(value, formatted) {
  return value > 0 ? `+${formatted}` : formatted;
}

function change(now, before) {
  const delta = now - before;
  const percent = before === 0 ? '' : ` (${signed(delta, `${((delta / before) * 100).toFixed(1)}%`)})`;
  return `${signed(delta, formatBytes(delta))}${percent}`;
}

function baselineComparison(firstLoad, baselines) {
  if (baselines.length === 0) return `No earlier figures recorded in \`bench/baselines.json\` to compare with.`;
  const rows = baselines.map((b) => [
    `${b.name} (${b.date})`,
    `${formatBytes(b.firstLoad.raw)} / ${formatBytes(b.firstLoad.gzip)} / ${formatBytes(b.firstLoad.brotli)}`,
    change(firstLoad.raw, b.firstLoad.raw),
    change(firstLoad.gzip, b.firstLoad.gzip),
    change(firstLoad.brotli, b.firstLoad.brotli),
  ]);
  return markdownTable(['first load now against', 'then: raw / gzip / brotli', 'raw', 'gzip', 'brotli'], rows,
    ['l', 'r', 'r', 'r', 'r']);
}

/**
 * What the bundle's main wasm was made from: for a split bundle, the main module the splitter
 * wrote beside cargo's output (`bnpl-market_split.wasm`, what the first load downloads, not
 * the code of the chunks); else cargo's output of the last release wasm build.
 */
function cargoWasmPath() {
  if (process.env.BENCH_PROFILE_WASM) return path.resolve(REPO_ROOT, process.env.BENCH_PROFILE_WASM);
  const targetDir = path.resolve(REPO_ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
  const raw = path.join(targetDir, 'wasm32-unknown-unknown/release/bnpl-market.wasm');
  const main = raw.replace(/\.wasm$/, '_split.wasm');
  // A whole build after a split one leaves the main module older than cargo's output.
  const split = existsSync(main) && existsSync(raw) && statSync(main).mtimeMs >= statSync(raw).mtimeMs;
  return split ? main : raw;
}

/** twiggy on PATH, else where cargo install puts it (node may run without ~/.cargo/bin on PATH). */
function findTwiggy() {
  const cargoHome = process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo');
  const candidates = [
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'twiggy')),
    path.join(cargoHome, 'bin/twiggy'),
  ];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * `twiggy top -n N` parsed from its text table: the top entries, then its own "... and N more"
 * and "Σ [N Total Rows]" lines, which give the totals.
 */
function parseTwiggyTop(text) {
  const entries = [];
  let rest = null;
  let total = null;
  for (const line of text.split('\n')) {
    const cells = line.split('┊').map((cell) => cell.trim());
    if (cells.length < 3 || !/^\d+$/.test(cells[0])) continue;
    const [bytes, percent, ...name] = cells;
    const row = { shallowBytes: Number(bytes), shallowPercent: Number(percent.replace('%', '')), item: name.join('┊') };
    const more = row.item.match(/^\.\.\. and (\d+) more\.$/);
    const sum = row.item.match(/^Σ \[(\d+) Total Rows\]$/);
    if (more) rest = { items: Number(more[1]), shallowBytes: row.shallowBytes, shallowPercent: row.shallowPercent };
    else if (sum) total = { items: Number(sum[1]), shallowBytes: row.shallowBytes };
    else entries.push(row);
  }
  return { entries, rest, total };
}

async function sizeProfile(bundleWasm) {
  const wasm = cargoWasmPath();
  const twiggy = findTwiggy();
  if (!twiggy) {
    return { missing: 'twiggy is not installed (`scripts/setup.sh --bench` installs it with cargo install; `make bench` runs that)', wasm };
  }
  if (!existsSync(wasm)) {
    return { missing: `no cargo output at \`${path.relative(REPO_ROOT, wasm)}\` (built by \`make dist\`; CARGO_TARGET_DIR moves it)`, wasm };
  }
  const { stdout } = await promisify(execFile)(twiggy, ['top', '-n', String(PROFILE_ENTRIES), wasm], { maxBuffer: 64 * 1024 * 1024 });
  const info = await stat(wasm);
  // A wasm build after the bundle was made leaves a profile of other code than the bundle's.
  const bundleInfo = bundleWasm ? await stat(bundleWasm) : null;
  return {
    wasm,
    twiggy,
    bytes: info.size,
    modified: info.mtime.toISOString(),
    newerThanBundle: bundleInfo ? info.mtimeMs > bundleInfo.mtimeMs : null,
    ...parseTwiggyTop(stdout),
  };
}

/**
 * Items of cargo's wasm that the bundle does not ship: the name section's subsections (the
 * bundle's wasm has no names: twiggy calls its functions code[N]) and custom sections
 * (wasm-bindgen reads its own and drops it).
 */
function notShipped(item) {
  return /^".*" subsection$/.test(item) || item.startsWith('custom section ');
}

function sizeProfileMarkdown(profile) {
  const heading = `### Size profile: \`twiggy top -n ${PROFILE_ENTRIES}\`, the wasm before wasm-opt`;
  if (profile.missing) return `${heading}\n\nNot profiled: ${profile.missing}.`;
  const cut = (name) => (name.length > PROFILE_NAME_CHARS ? `${name.slice(0, PROFILE_NAME_CHARS)}…` : name);
  const dropped = profile.entries.filter((e) => notShipped(e.item)).reduce((n, e) => n + e.shallowBytes, 0);
  const codeAndData = profile.bytes - dropped;
  const share = (e) => (notShipped(e.item) ? 'not shipped' : `${((e.shallowBytes / codeAndData) * 100).toFixed(2)}%`);
  const rows = profile.entries.map((e) => [formatBytes(e.shallowBytes), `${e.shallowPercent.toFixed(2)}%`, share(e),
    `\`${cut(e.item).replace(/`/g, "'").replace(/\|/g, '\\|')}\``]);
  if (profile.rest) rows.push([formatBytes(profile.rest.shallowBytes), `${profile.rest.shallowPercent.toFixed(2)}%`, '', `the other ${profile.rest.items.toLocaleString('en-US')} items`]);
  if (profile.total) rows.push([`**${formatBytes(profile.total.shallowBytes)}**`, '100.00%', '', `**total: ${profile.total.items.toLocaleString('en-US')} items**`]);
  const top = profile.entries.filter((e) => !notShipped(e.item)).reduce((n, e) => n + e.shallowBytes, 0);
  const notes = [
    `\`${path.relative(REPO_ROOT, profile.wasm)}\`, ${formatBytes(profile.bytes)} bytes, built ${profile.modified}: ${profile.wasm.endsWith('_split.wasm') ? 'the main module the splitter cut out of cargo\'s output (the chunks\' code is not in it)' : 'cargo\'s output'}, before wasm-bindgen and wasm-opt -Oz, which shrink it (the shipped wasm is smaller; read the shares, not the bytes).`,
    `Not shipped: the name section's subsections and the custom sections (wasm-bindgen reads its own and drops it; the bundle's wasm has no names left): ${formatBytes(dropped)} bytes among these ${profile.entries.length}. "% of code and data" is of the rest, ${formatBytes(codeAndData)} bytes; the shipped items listed hold ${formatBytes(top)} bytes of it (${((top / codeAndData) * 100).toFixed(1)}%).`,
    ...(profile.newerThanBundle ? ['**This file is newer than the bundle\'s wasm**: a wasm build ran after the bundle was made, so the profile may be of other code.'] : []),
  ];
  return [heading, '', markdownTable(['shallow bytes', 'shallow %', '% of code and data', 'item'], rows, ['r', 'r', 'r', 'l']), '', notes.map((n) => `- ${n}`).join('\n')].join('\n');
}

function isLazyChunk(file) {
  return LAZY_CHUNK.test(path.basename(file));
}

function isFirstLoad(file) {
  if (isLazyChunk(file)) return false;
  return file === 'index.html' || FIRST_LOAD_EXTENSIONS.has(path.extname(file));
}

export default {
  name: 'bundle-size',
  title: 'Bundle size (bytes)',
  async run({ distDir }) {
    const files = [];
    for (const file of await listFiles(distDir)) {
      const content = await readFile(path.join(distDir, file));
      files.push({ file, firstLoad: isFirstLoad(file), lazy: isLazyChunk(file), ...sizes(content) });
    }
    const firstLoad = { raw: 0, gzip: 0, brotli: 0 };
    for (const entry of files.filter((f) => f.firstLoad)) {
      for (const key of Object.keys(firstLoad)) firstLoad[key] += entry[key];
    }
    const everyPage = { ...firstLoad };
    for (const entry of files.filter((f) => f.lazy)) {
      for (const key of Object.keys(everyPage)) everyPage[key] += entry[key];
    }

    const rows = files.map((f) => [
      `\`${f.file}\`${f.file === FALLBACK_COPY ? ' (copy of index.html)' : ''}`,
      f.firstLoad ? 'yes' : (f.lazy ? 'lazy chunk' : ''),
      formatBytes(f.raw), formatBytes(f.gzip), formatBytes(f.brotli),
    ]);
    rows.push([
      '**first load**', '',
      `**${formatBytes(firstLoad.raw)}** (${formatKiB(firstLoad.raw)})`,
      `**${formatBytes(firstLoad.gzip)}** (${formatKiB(firstLoad.gzip)})`,
      `**${formatBytes(firstLoad.brotli)}** (${formatKiB(firstLoad.brotli)})`,
    ]);
    if (files.some((f) => f.lazy)) {
      rows.push([
        'every page visited (first load + lazy chunks)', '',
        `${formatBytes(everyPage.raw)} (${formatKiB(everyPage.raw)})`,
        `${formatBytes(everyPage.gzip)} (${formatKiB(everyPage.gzip)})`,
        `${formatBytes(everyPage.brotli)} (${formatKiB(everyPage.brotli)})`,
      ]);
    }
    const baselines = await readBaselines();
    const notes = baselines.filter((b) => b.note).map((b) => `- ${b.name}: ${b.note}`);
    const bundleWasm = files.find((f) => path.extname(f.file) === '.wasm' && !f.lazy);
    let profile;
    try {
      profile = await sizeProfile(bundleWasm && path.join(distDir, bundleWasm.file));
    } catch (error) {
      // The profile is an aid to reading the sizes; it does not make them wrong.
      profile = { missing: `twiggy failed: ${error.message.split('\n')[0]}` };
    }
    return {
      markdown: [
        markdownTable(['file', 'first load', 'raw', 'gzip', 'brotli'], rows, ['l', 'l', 'r', 'r', 'r']),
        '',
        baselineComparison(firstLoad, baselines),
        ...(notes.length ? ['', ...notes] : []),
        '',
        sizeProfileMarkdown(profile),
      ].join('\n'),
      data: {
        files,
        firstLoad,
        firstLoadRule: 'index.html + every .js, .wasm and .css file but the lazy chunks (split_*.wasm, chunk_*.wasm)',
        everyPage,
        baselines: baselines.map((b) => ({
          ...b,
          change: Object.fromEntries(Object.keys(firstLoad).map((k) => [k, firstLoad[k] - b.firstLoad[k]])),
        })),
        sizeProfile: profile,
      },
    };
  },
};
