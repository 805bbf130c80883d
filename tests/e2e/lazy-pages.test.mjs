// The code outside the main wasm (src/ui/lazy_pages.rs, src/ui/lazy_flows.rs): a page whose
// code has not arrived yet says so while the old page stays; once the shop has caught up after
// the start the other pages' code is fetched and started ahead, so a page opened later needs no
// download; and code that cannot be fetched leaves a page, a notice or a clock message that
// says so, not a stopped app.
// Runs against the split release bundle (make dist), like every journey.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, eventually, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { CatalogPage } from './pages/catalog-page.mjs';
import { ProductPage } from './pages/product-page.mjs';
import { SimClock } from './pages/sim-clock.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS };

// Every wasm file but the main one is a chunk of some lazy page or of the flows that run the
// shop's events (the catch-up at the start, clock moves).
const CHUNK = /\/(?!bnpl-market_bg\.wasm)[^/]+\.wasm(\?.*)?$/;
// A group of pages' own chunk (the code only those pages reach): the catch-up at the start
// never needs it, so holding it holds the page and not the start.
const PAGES_CHUNK = /\/split_[a-z_]+_pages\.wasm(\?.*)?$/;

async function openFirstProduct(catalog) {
  await catalog.cards.first().getByRole('link').first().click();
}

test('a page whose code is still on its way says so over the page it leaves, then takes its place', options, (t) => site.withPage(t, async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(PAGES_CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  const catalog = await new CatalogPage(page, site).open();
  const main = page.locator('main#main');
  const status = page.getByTestId('page-loading');
  const notice = status.locator('.page-loading-notice');
  assert.equal(await status.getAttribute('role'), 'status', 'the loading notice is a live region');
  assert.equal(await notice.count(), 0, 'nothing is loading on the catalog');

  await openFirstProduct(catalog);
  await notice.waitFor({ state: 'visible' });
  assert.equal((await status.textContent()).trim(), 'Loading the page…');
  assert.equal(await main.getAttribute('aria-busy'), 'true', 'the page area is busy while the next page loads');
  assert.ok(await catalog.cards.first().isVisible(), 'the catalog stays on screen meanwhile');
  // The notice fades in after a quarter of a second, so a quick load does not flash it.
  await eventually(
    () => notice.evaluate((e) => getComputedStyle(e).opacity),
    (opacity) => opacity === '1',
    { what: 'the loading notice fully shown' },
  );
  await checkpoint(page, 'page-loading', t);

  release();
  const product = new ProductPage(page, site);
  await product.price.waitFor();
  assert.match(product.route(), /^\/product\//);
  assert.equal(await notice.count(), 0, 'the notice is gone once the page is there');
  assert.equal(await main.getAttribute('aria-busy'), null, 'the page area is no longer busy');
}));

test('once the shop has caught up, the other pages\' code is fetched ahead and a product opens without a download', options, (t) => site.withPage(t, async ({ page }) => {
  const catalog = await new CatalogPage(page, site).open();
  await page.waitForFunction(() => performance.getEntriesByName('pages-fetched-ahead').length > 0);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.split('/').pop()).filter((f) => f.endsWith('.wasm')));
  assert.ok(fetched.some((f) => f.startsWith('split_shop_pages')), `the shop pages' chunk was fetched ahead (wasm files: ${fetched.join(', ')})`);
  assert.ok(fetched.some((f) => f.startsWith('split_later_pages')), 'the later pages\' chunk was fetched ahead');
  assert.ok(fetched.some((f) => f.startsWith('split_cart_page')), 'the cart\'s chunk was fetched ahead');

  const requested = [];
  page.on('request', (request) => { if (CHUNK.test(request.url())) requested.push(request.url()); });
  await openFirstProduct(catalog);
  await new ProductPage(page, site).price.waitFor();
  assert.deepEqual(requested, [], 'the product page needed no chunk from the network');
  await checkpoint(page, 'product-after-fetch-ahead', t);
}));

test('code that cannot be fetched leaves a page, a notice and a clock message that say so; the shop goes on, and the next visit fetches it', options, (t) => site.withPage(t, async ({ page, problems }) => {
  await page.route(CHUNK, (route) => route.abort('internetdisconnected'));
  const catalog = await new CatalogPage(page, site).open();
  // The catch-up at the start could not run, and says so; it is tried again every minute.
  await catalog.storageNotice.filter({ hasText: 'What fell due could not be run: its code did not arrive' }).waitFor();
  // The fetch ahead fails too, quietly for the shopper: the page stays as it is.
  await page.waitForFunction(() => performance.getEntriesByName('pages-fetched-ahead').length > 0);

  const clock = new SimClock(page);
  const today = await clock.nowIso();
  assert.match(await clock.advanceDay(), /^Time could not move: its code did not arrive/);
  assert.equal(await clock.nowIso(), today, 'the clock stayed where it was');

  await openFirstProduct(catalog);
  const unavailable = page.getByTestId('page-unavailable');
  await unavailable.waitFor();
  await catalog.expectTitle(/could not be loaded/i);
  await unavailable.getByRole('button', { name: 'Reload the page' }).waitFor();
  assert.equal(await page.getByTestId('panic-panel').count(), 0, 'the app has not stopped');
  await checkpoint(page, 'page-unavailable', t);

  // The network is back: the catalog still works, the product page loads on the next visit,
  // and the clock moves.
  await page.unroute(CHUNK);
  await unavailable.getByRole('link', { name: 'Back to the shop' }).click();
  await catalog.cards.first().waitFor();
  assert.match(await clock.advanceDay(), /^Moved to /);
  assert.notEqual(await clock.nowIso(), today, 'the clock moved');
  await openFirstProduct(catalog);
  await new ProductPage(page, site).price.waitFor();

  // What the failed fetches left in the console (the browser's, naming the chunk, and the
  // split loader's), and nothing else.
  const expected = [/\/(chunk_\d+|split_[a-z_]+)\.wasm\b/, /^console error: TypeError: Failed to fetch\n[\s\S]*\/__wasm_split\.js:/];
  const unexpected = problems.filter((p) => !expected.some((pattern) => pattern.test(p)));
  assert.deepEqual(unexpected, [], 'only the failed chunk fetches were reported');
  assert.ok(problems.length > 0, 'the failed fetches were seen (the test provoked them)');
}, { allowProblems: true }));
