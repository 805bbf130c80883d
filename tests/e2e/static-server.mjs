// A small static file server for the release bundle, behaving like GitHub Pages closely
// enough to test deployment there: files are served from `root` under `basePath`
// (e.g. "/some/path/"), a folder serves its index.html, and a path that names no file
// gets the site's 404.html.
//
// Fallback status: by default the 404.html page is sent with status 200, like an SPA host.
// GitHub Pages itself sends it with status 404; pass `fallbackStatus: 404` to get that.
// Browsers run the page either way (the status only shows in devtools), but a 404 on the
// main document makes Chromium log "Failed to load resource" to the console, which the
// e2e suite counts as an error, so the suite uses 200.
//
// A missing path whose last segment has a file extension (a .js, .wasm, .css, favicon.ico)
// is a plain 404 instead: answering a missing script with HTML only hides the real error.
//
// Use from code:   const server = await startStaticServer({ root: 'dist' });
//                  server.url   // "http://127.0.0.1:41234/"  (origin + basePath)
//                  await server.close();
// Or by hand:      node tests/e2e/static-server.mjs [root] [--port N] [--base /some/path/]

import { createServer } from 'node:http';
import { stat, readFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(filePath) {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** "/some/path" or "some/path/" -> "/some/path/"; "" or undefined -> "/". */
export function normalizeBasePath(basePath = '/') {
  const trimmed = basePath.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

async function fileAt(absolutePath) {
  try {
    const info = await stat(absolutePath);
    if (info.isFile()) return { path: absolutePath, size: info.size };
    if (info.isDirectory()) return fileAt(path.join(absolutePath, 'index.html'));
  } catch {
    // missing or unreadable: the caller decides what a miss means
  }
  return null;
}

/**
 * Starts the server; resolves once it listens.
 * @param {object} options
 * @param {string} options.root            folder to serve (e.g. "dist")
 * @param {string} [options.basePath="/"]  URL prefix the site lives under
 * @param {number} [options.port=0]        0 picks a free port
 * @param {string} [options.host="127.0.0.1"]
 * @param {200|404} [options.fallbackStatus=200]  status sent with 404.html for unknown pages
 * @param {(line: string) => void} [options.log]  called once per request, if given
 * @returns {Promise<{url: string, origin: string, port: number, basePath: string, close: () => Promise<void>}>}
 */
export async function startStaticServer({
  root,
  basePath = '/',
  port = 0,
  host = '127.0.0.1',
  fallbackStatus = 200,
  log,
} = {}) {
  if (!root) throw new Error('startStaticServer: `root` (the folder to serve) is required');
  const rootDir = path.resolve(root);
  const base = normalizeBasePath(basePath);

  async function respond(request, response) {
    const send = (status, headers, body) => {
      response.writeHead(status, { 'Cache-Control': 'no-cache', ...headers });
      if (request.method === 'HEAD' || body === undefined) response.end();
      else if (typeof body === 'string' || Buffer.isBuffer(body)) response.end(body);
      else body.pipe(response);
      log?.(`${status} ${request.method} ${request.url}`);
    };
    const notFound = () => send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not found\n');

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method not allowed\n');
    }

    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    } catch {
      return send(400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Bad request\n');
    }
    // "/some/path" without its slash is the site root too, as on GitHub Pages (which redirects).
    if (base !== '/' && pathname === base.slice(0, -1)) {
      return send(301, { Location: base });
    }
    if (!pathname.startsWith(base)) return notFound();

    const relative = pathname.slice(base.length);
    const absolute = path.resolve(rootDir, `.${path.posix.sep}${relative}`);
    if (absolute !== rootDir && !absolute.startsWith(rootDir + path.sep)) return notFound();

    const file = await fileAt(absolute);
    if (file) {
      return send(200, { 'Content-Type': contentTypeFor(file.path), 'Content-Length': file.size },
        createReadStream(file.path));
    }

    const lastSegment = relative.split('/').pop();
    if (path.extname(lastSegment) !== '') return notFound();

    const fallback = await fileAt(path.join(rootDir, '404.html'));
    if (!fallback) return notFound();
    const page = await readFile(fallback.path);
    return send(fallbackStatus, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length }, page);
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
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  const origin = `http://${host}:${actualPort}`;

  return {
    url: `${origin}${base}`,
    origin,
    port: actualPort,
    basePath: base,
    close: () => new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections?.();
    }),
  };
}

function parseArguments(argv) {
  const options = { root: 'dist', port: 0, basePath: '/', log: (line) => console.log(line) };
  for (let i = 0; i < argv.length; i += 1) {
    const argument = argv[i];
    if (argument === '--port') options.port = Number(argv[++i]);
    else if (argument === '--base') options.basePath = argv[++i];
    else if (argument === '--fallback-status') options.fallbackStatus = Number(argv[++i]);
    else if (argument === '--quiet') options.log = undefined;
    else if (argument.startsWith('--')) throw new Error(`unknown option ${argument}`);
    else options.root = argument;
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const options = parseArguments(process.argv.slice(2));
  const server = await startStaticServer(options);
  console.log(`serving ${path.resolve(options.root)} at ${server.url} (Ctrl-C stops)`);
  const stop = async () => { await server.close(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
