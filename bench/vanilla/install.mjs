// Puts the vanilla-JavaScript yardstick page into the benchmark's scratch site, beside the
// app, with the same products: `cargo run --bin catalog_json` prints the catalog that the
// app's `?catalog=N` generates (same generator, same seed), and the page loads it as JSON.

import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '../..');
/** Where the page lives inside the served site. */
export const VANILLA_DIR = 'bench-vanilla';
const STYLESHEET_PLACEHOLDER = '<!-- BENCH_APP_STYLESHEET -->';

/**
 * The catalog as the app generates it, from the native `catalog_json` tool. A debug build:
 * it compiles in a fraction of the release profile's time (LTO, one codegen unit) and still
 * prints 10,000 products in well under a second.
 */
export async function generateCatalogJson(productCount) {
  try {
    const { stdout } = await run('cargo', ['run', '--quiet', '--bin', 'catalog_json', '--', String(productCount)],
      { cwd: REPO_ROOT, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    throw new Error(`cargo run --bin catalog_json failed: ${error.stderr?.trim() || error.message}`);
  }
}

/** The app's own <link rel="stylesheet"> tags, so both pages lay out and paint the same CSS. */
export function stylesheetLinks(indexHtml) {
  const links = indexHtml.match(/<link\b[^>]*\brel=["']?stylesheet\b[^>]*>/gi) ?? [];
  if (links.length === 0) throw new Error('the bundle\'s index.html links no stylesheet');
  return links.join('\n    ');
}

/**
 * Writes catalog.html, catalog.js and catalog.json into `<siteDir>/bench-vanilla/`.
 * Returns the parsed products (to pick what to search for and what to add to the cart).
 */
export async function installVanillaPage({ siteDir, indexHtml, productCount }) {
  const json = await generateCatalogJson(productCount);
  const { products, seed } = JSON.parse(json);
  if (products.length !== productCount) {
    throw new Error(`catalog_json printed ${products.length} products, expected ${productCount}`);
  }
  const target = path.join(siteDir, VANILLA_DIR);
  await mkdir(target, { recursive: true });
  await writeFile(path.join(target, 'catalog.json'), json);
  await copyFile(path.join(HERE, 'catalog.js'), path.join(target, 'catalog.js'));
  const page = await readFile(path.join(HERE, 'catalog.html'), 'utf8');
  if (!page.includes(STYLESHEET_PLACEHOLDER)) throw new Error('bench/vanilla/catalog.html lost its stylesheet placeholder');
  await writeFile(path.join(target, 'catalog.html'), page.replace(STYLESHEET_PLACEHOLDER, stylesheetLinks(indexHtml)));
  return { products, seed, jsonBytes: Buffer.byteLength(json) };
}
