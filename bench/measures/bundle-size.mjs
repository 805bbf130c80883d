// Bytes of every file in the release bundle, raw and compressed the way a static host would
// serve them (gzip level 9, brotli quality 11), and the first-load total: what a visitor
// downloads before the app can start (index.html and every .js, .wasm and .css file), and
// how that first load compares with each figure recorded in bench/baselines.json.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';

import { formatBytes, formatKiB, markdownTable } from '../lib.mjs';

const FIRST_LOAD_EXTENSIONS = new Set(['.js', '.wasm', '.css']);
// A copy of index.html for static hosts' deep links; never loaded alongside it.
const FALLBACK_COPY = '404.html';
const BASELINES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../baselines.json');

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

function isFirstLoad(file) {
  return file === 'index.html' || FIRST_LOAD_EXTENSIONS.has(path.extname(file));
}

export default {
  name: 'bundle-size',
  title: 'Bundle size (bytes)',
  async run({ distDir }) {
    const files = [];
    for (const file of await listFiles(distDir)) {
      const content = await readFile(path.join(distDir, file));
      files.push({ file, firstLoad: isFirstLoad(file), ...sizes(content) });
    }
    const firstLoad = { raw: 0, gzip: 0, brotli: 0 };
    for (const entry of files.filter((f) => f.firstLoad)) {
      for (const key of Object.keys(firstLoad)) firstLoad[key] += entry[key];
    }

    const rows = files.map((f) => [
      `\`${f.file}\`${f.file === FALLBACK_COPY ? ' (copy of index.html)' : ''}`,
      f.firstLoad ? 'yes' : '',
      formatBytes(f.raw), formatBytes(f.gzip), formatBytes(f.brotli),
    ]);
    rows.push([
      '**first load**', '',
      `**${formatBytes(firstLoad.raw)}** (${formatKiB(firstLoad.raw)})`,
      `**${formatBytes(firstLoad.gzip)}** (${formatKiB(firstLoad.gzip)})`,
      `**${formatBytes(firstLoad.brotli)}** (${formatKiB(firstLoad.brotli)})`,
    ]);
    const baselines = await readBaselines();
    const notes = baselines.filter((b) => b.note).map((b) => `- ${b.name}: ${b.note}`);
    return {
      markdown: [
        markdownTable(['file', 'first load', 'raw', 'gzip', 'brotli'], rows, ['l', 'l', 'r', 'r', 'r']),
        '',
        baselineComparison(firstLoad, baselines),
        ...(notes.length ? ['', ...notes] : []),
      ].join('\n'),
      data: {
        files,
        firstLoad,
        firstLoadRule: 'index.html + every .js, .wasm and .css file',
        baselines: baselines.map((b) => ({
          ...b,
          change: Object.fromEntries(Object.keys(firstLoad).map((k) => [k, firstLoad[k] - b.firstLoad[k]])),
        })),
      },
    };
  },
};
