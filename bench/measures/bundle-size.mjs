// Bytes of every file in the release bundle, raw and compressed the way a static host would
// serve them (gzip level 9, brotli quality 11), and the first-load total: what a visitor
// downloads before the app can start (index.html and every .js, .wasm and .css file).

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';

import { formatBytes, formatKiB, markdownTable } from '../lib.mjs';

const FIRST_LOAD_EXTENSIONS = new Set(['.js', '.wasm', '.css']);
// A copy of index.html for static hosts' deep links; never loaded alongside it.
const FALLBACK_COPY = '404.html';

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
    return {
      markdown: markdownTable(['file', 'first load', 'raw', 'gzip', 'brotli'], rows, ['l', 'l', 'r', 'r', 'r']),
      data: { files, firstLoad, firstLoadRule: 'index.html + every .js, .wasm and .css file' },
    };
  },
};
