// A static server for the measures that time bytes over an emulated network (slow-4g): the
// same routing as tests/e2e/static-server.mjs (files under `basePath`, a folder serves its
// index.html, an unknown page gets 404.html with status 200, a missing file with an
// extension is a plain 404), but every text and wasm file is sent compressed, as a real
// static host sends it. The e2e server sends raw bytes, which costs nothing on the loopback
// but would make an emulated 1.6 Mbps link carry roughly three times what a visitor downloads.
//
// The encoding is brotli at quality 11 when the browser accepts it (Chromium does, also over
// plain http to 127.0.0.1), else gzip level 9, else none: the same settings as the
// bundle-size measure, so the bytes sent are the bytes that measure reports. Compressed
// bodies are kept in memory; `prepare(files)` compresses some up front so that no timed run
// waits for brotli.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';

import { contentTypeFor, normalizeBasePath } from '../tests/e2e/static-server.mjs';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.map']);

function compress(content, encoding) {
  if (encoding === 'br') {
    return brotliCompressSync(content, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
  }
  if (encoding === 'gzip') return gzipSync(content, { level: 9 });
  return content;
}

/** The encoding to send for an Accept-Encoding header: br, gzip or identity (q-values ignored). */
function pickEncoding(acceptEncoding = '') {
  const accepted = acceptEncoding.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return 'identity';
}

async function isFile(absolutePath) {
  try {
    return (await stat(absolutePath)).isFile();
  } catch {
    return false;
  }
}

export async function startCompressedServer({ root, basePath = '/', host = '127.0.0.1' }) {
  const rootDir = path.resolve(root);
  const base = normalizeBasePath(basePath);
  // "<absolute path>\n<encoding>" -> Buffer
  const bodies = new Map();
  const sent = [];

  async function body(file, encoding) {
    const key = `${file}\n${encoding}`;
    if (!bodies.has(key)) bodies.set(key, compress(await readFile(file), encoding));
    return bodies.get(key);
  }

  async function resolveFile(relative) {
    const absolute = path.resolve(rootDir, `.${path.posix.sep}${relative}`);
    if (absolute !== rootDir && !absolute.startsWith(rootDir + path.sep)) return { missing: true };
    if (await isFile(absolute)) return { file: absolute };
    if (await isFile(path.join(absolute, 'index.html'))) return { file: path.join(absolute, 'index.html') };
    if (path.extname(relative.split('/').pop()) !== '') return { missing: true };
    const fallback = path.join(rootDir, '404.html');
    return (await isFile(fallback)) ? { file: fallback } : { missing: true };
  }

  async function respond(request, response) {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    } catch {
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      return response.end('Bad request\n');
    }
    if (!pathname.startsWith(base)) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return response.end('Not found\n');
    }
    const { file, missing } = await resolveFile(pathname.slice(base.length));
    if (missing) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return response.end('Not found\n');
    }
    const encoding = COMPRESSIBLE.has(path.extname(file).toLowerCase())
      ? pickEncoding(request.headers['accept-encoding'])
      : 'identity';
    const content = await body(file, encoding);
    response.writeHead(200, {
      'Cache-Control': 'no-cache',
      'Content-Type': contentTypeFor(file),
      'Content-Length': content.length,
      Vary: 'Accept-Encoding',
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
    });
    sent.push({ path: pathname, encoding, bytes: content.length });
    response.end(request.method === 'HEAD' ? undefined : content);
  }

  const server = createServer((request, response) => {
    respond(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`Internal error: ${error.message}\n`);
    });
  });
  // Keep-alive sockets would hold close() open until they time out.
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const origin = `http://${host}:${server.address().port}`;

  return {
    url: `${origin}${base}`,
    origin,
    basePath: base,
    /** Compresses `files` (paths relative to root) in every encoding now, before anything is timed. */
    async prepare(files) {
      for (const file of files) {
        for (const encoding of ['br', 'gzip']) await body(path.join(rootDir, file), encoding);
      }
    },
    /** What was sent since the last call: [{ path, encoding, bytes }]. */
    takeSent: () => sent.splice(0),
    close: () => new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections?.();
    }),
  };
}
