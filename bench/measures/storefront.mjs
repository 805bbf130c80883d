// The storefront at scale: the app opened with `?catalog=10000` beside a vanilla-JavaScript
// page (bench/vanilla/) that does the same DOM work on the same 10,000 products, both served
// by the same server in the same run. Three figures, each from a fresh browser context
// (empty cache and storage), the two pages alternating so the machine's other work falls on
// both alike, after one unrecorded warm-up of each:
//
//   first page   navigation start -> the first 24 product cards painted
//   search       the Enter keydown in the header search box -> result count and cards
//                changed and painted (both pages search on submit, as the app does)
//   add to cart  the click on "Add to cart" on a product page -> the header count painted
//
// The timing runs inside each page (bench/page-probe.mjs), the same script for both.
// The measure also checks that both pages showed the same cards, count and cart, since a
// ratio between two different pieces of work would mean nothing.

import os from 'node:os';

import { markdownTable, round, summarize, withTimeout } from '../lib.mjs';
import { pageProbe } from '../page-probe.mjs';
import { installVanillaPage, VANILLA_DIR } from '../vanilla/install.mjs';

const PRODUCT_COUNT = 10_000;
const FIRST_PAGE_CARDS = 24;
// Matches a few hundred products through their specifications ("Merino wool", "Wool"), so
// the cards change, the count changes, and the pager stays.
const SEARCH_TEXT = 'wool';
const STEP_TIMEOUT_MS = 30_000;
// A quiet moment before each timed action, so it does not start inside the last one's work.
const SETTLE_MS = 100;

const CARD_NAMES = '[data-testid=product-card] .product-card-name';

async function openPage(browser, url, { watchFirstPage }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await context.addInitScript(pageProbe, { firstPageCards: watchFirstPage ? FIRST_PAGE_CARDS : 0 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(url);
  return { context, page, errors };
}

async function settle(page) {
  await page.evaluate((ms) => new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, ms));
  }), SETTLE_MS);
}

async function cardNames(page) {
  return page.locator(CARD_NAMES).allTextContents();
}

/** One fresh page: the first page of cards, then one search. */
async function catalogRun(browser, url) {
  const { context, page, errors } = await openPage(browser, url, { watchFirstPage: true });
  try {
    const firstPage = await withTimeout(page.evaluate(() => window.__benchProbe.firstPage), `${url}: the first page of cards`, STEP_TIMEOUT_MS);
    const markAt = (name) => page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name);
    const mounted = await markAt('app-mounted');
    // Only the vanilla page sets it: its products fetched, parsed and indexed.
    const catalogReady = await markAt('vanilla-catalog-ready');
    const firstPageNames = await cardNames(page);

    const input = page.locator('[data-testid=search-input]');
    await input.fill(SEARCH_TEXT);
    await settle(page);
    await page.evaluate(() => window.__benchProbe.armSearch());
    await input.press('Enter');
    const search = await withTimeout(page.evaluate(() => window.__benchProbe.search), `${url}: the results for "${SEARCH_TEXT}"`, STEP_TIMEOUT_MS);
    return {
      firstPage,
      mounted,
      catalogReady,
      firstPageNames,
      search,
      searchCount: await page.locator('[data-testid=result-count]').textContent(),
      searchNames: await cardNames(page),
      errors,
    };
  } finally {
    await context.close();
  }
}

/** One fresh product page: pick the first available value of each variant, add to cart. */
async function addToCartRun(browser, url) {
  const { context, page, errors } = await openPage(browser, url, { watchFirstPage: false });
  try {
    const button = page.locator('[data-testid=add-to-cart]');
    await button.waitFor({ timeout: STEP_TIMEOUT_MS });
    const pickers = page.locator('.variant-picker');
    for (let i = 0; i < await pickers.count(); i += 1) {
      await pickers.nth(i).locator('[data-testid=variant-value]:not([disabled])').first().click();
    }
    if (await button.isDisabled()) return { unavailable: true, errors };
    await settle(page);
    await page.evaluate(() => window.__benchProbe.armAddToCart());
    await button.click();
    const addToCart = await withTimeout(page.evaluate(() => window.__benchProbe.addToCart), `${url}: the cart count`, STEP_TIMEOUT_MS);
    return { addToCart, cartCount: (await page.locator('[data-testid=cart-count]').textContent()).trim(), errors };
  } finally {
    await context.close();
  }
}

/** The app's first page with no query: best match ties broken by most sold, then catalog order. */
function bestSellersInStock(products) {
  return products
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !p.soldOut)
    .sort((a, b) => b.p.sold - a.p.sold || a.i - b.i)
    .map(({ p }) => p);
}

const FIGURES = {
  firstPage: { label: 'First page of 24 cards', from: 'navigation start', to: 'painted' },
  search: { label: `Search "${SEARCH_TEXT}"`, from: 'Enter keydown', to: 'results painted' },
  addToCart: { label: 'Add to cart', from: 'click', to: 'header count painted' },
};

function compareResults(first) {
  const differences = [];
  const same = (what, a, b) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${what}: app ${JSON.stringify(a)}, vanilla ${JSON.stringify(b)}`);
  };
  same('first page cards', first.app.catalog.firstPageNames, first.vanilla.catalog.firstPageNames);
  same(`result count for "${SEARCH_TEXT}"`, first.app.catalog.searchCount.trim(), first.vanilla.catalog.searchCount.trim());
  same(`cards for "${SEARCH_TEXT}"`, first.app.catalog.searchNames, first.vanilla.catalog.searchNames);
  same('cart count after one add', first.app.cart.cartCount, first.vanilla.cart.cartCount);
  return differences;
}

const range = (s) => `${s.min}–${s.max}`;

export default {
  name: 'storefront',
  needsBrowser: true,
  title: `Storefront with ${PRODUCT_COUNT.toLocaleString('en-US')} products: the app beside vanilla JavaScript (ms)`,
  async run({ siteDir, indexHtml, runs, browser, server }) {
    const loadBefore = os.loadavg();
    process.stderr.write('bench: storefront: generating the catalog JSON (cargo run --bin catalog_json)...\n');
    const { products, jsonBytes, seed } = await installVanillaPage({ siteDir, indexHtml, productCount: PRODUCT_COUNT });
    const pages = {
      app: {
        catalog: `${server.url}?catalog=${PRODUCT_COUNT}`,
        product: (id) => `${server.url}product/${encodeURIComponent(id)}?catalog=${PRODUCT_COUNT}`,
      },
      vanilla: {
        catalog: `${server.url}${VANILLA_DIR}/catalog.html`,
        product: (id) => `${server.url}${VANILLA_DIR}/catalog.html?product=${encodeURIComponent(id)}`,
      },
    };

    // Warm-up, which also picks the product: the best seller whose first available variant
    // can be added (a sold-out combination would leave the app's button disabled).
    let product = null;
    for (const candidate of bestSellersInStock(products).slice(0, 5)) {
      if (!(await addToCartRun(browser, pages.app.product(candidate.id))).unavailable) { product = candidate; break; }
    }
    if (!product) throw new Error('none of the five best sellers could be added to the cart');
    await addToCartRun(browser, pages.vanilla.product(product.id));
    for (const name of ['app', 'vanilla']) await catalogRun(browser, pages[name].catalog);

    const samples = {};
    for (const name of ['app', 'vanilla']) {
      samples[name] = {
        firstPage: [], firstPageInDom: [], mounted: [], catalogReady: [], renderAfterReady: [],
        search: [], searchInDom: [], addToCart: [], addToCartInDom: [],
      };
    }
    const errors = new Set();
    let firstRecorded = null;
    for (let run = 0; run < runs; run += 1) {
      const order = run % 2 === 0 ? ['app', 'vanilla'] : ['vanilla', 'app'];
      const results = {};
      for (const name of order) {
        const catalog = await catalogRun(browser, pages[name].catalog);
        const cart = await addToCartRun(browser, pages[name].product(product.id));
        if (cart.unavailable) throw new Error(`${name}: ${product.id} could no longer be added to the cart`);
        const s = samples[name];
        s.firstPage.push(catalog.firstPage.painted);
        s.firstPageInDom.push(catalog.firstPage.inDom);
        if (catalog.mounted !== null) s.mounted.push(catalog.mounted);
        if (catalog.catalogReady !== null) {
          s.catalogReady.push(catalog.catalogReady);
          s.renderAfterReady.push(catalog.firstPage.inDom - catalog.catalogReady);
        }
        s.search.push(catalog.search.toPaint);
        s.searchInDom.push(catalog.search.toDom);
        s.addToCart.push(cart.addToCart.toPaint);
        s.addToCartInDom.push(cart.addToCart.toDom);
        [...catalog.errors, ...cart.errors].forEach((e) => errors.add(`${name}: ${e}`));
        results[name] = { catalog, cart };
      }
      firstRecorded ??= results;
    }
    const loadAfter = os.loadavg();

    const summary = {};
    for (const name of ['app', 'vanilla']) {
      summary[name] = Object.fromEntries(Object.entries(samples[name])
        .filter(([, values]) => values.length > 0)
        .map(([key, values]) => [key, summarize(values)]));
    }
    const ratio = (key) => round(summary.app[key].median / summary.vanilla[key].median, 2);
    const figures = Object.fromEntries(Object.entries(FIGURES).map(([key, figure]) => [key, {
      ...figure,
      app: summary.app[key],
      vanilla: summary.vanilla[key],
      ratio: ratio(key),
      appInDom: summary.app[`${key}InDom`],
      vanillaInDom: summary.vanilla[`${key}InDom`],
    }]));
    const differences = compareResults(firstRecorded);

    const mainRows = Object.values(figures).map((f) => [
      `${f.label}: ${f.from} to ${f.to}`, f.app.median, f.vanilla.median, `**${f.ratio}x**`, range(f.app), range(f.vanilla),
    ]);
    const medianOrNa = (s) => s?.median ?? 'n/a';
    const ratioOrBlank = (a, b) => (a && b ? `${round(a.median / b.median, 2)}x` : '');
    const detailRows = [
      ...Object.values(figures).map((f) => [
        `${f.label}: ${f.from} to the change in the DOM (before paint)`,
        f.appInDom.median, f.vanillaInDom.median, ratioOrBlank(f.appInDom, f.vanillaInDom),
      ]),
      ['First page: navigation start to the `app-mounted` mark', medianOrNa(summary.app.mounted), medianOrNa(summary.vanilla.mounted),
        ratioOrBlank(summary.app.mounted, summary.vanilla.mounted)],
      ['First page: navigation start to the products fetched, parsed and indexed (vanilla only)', 'n/a',
        medianOrNa(summary.vanilla.catalogReady), ''],
      ['First page: products ready to the 24 cards in the DOM (vanilla only)', 'n/a',
        medianOrNa(summary.vanilla.renderAfterReady), ''],
    ];
    const load = (l) => l.map((v) => v.toFixed(2)).join(' / ');
    const notes = [
      `Medians of ${runs} runs each, every run in a fresh browser context; app = \`?catalog=${PRODUCT_COUNT}\` (seed ${seed}), vanilla = \`${VANILLA_DIR}/catalog.html\` on the same products (${(jsonBytes / 1024).toFixed(0)} KiB of JSON).`,
      `The first page includes getting the products: the app downloads and starts its wasm and generates the catalog in the page; the vanilla page fetches and parses the JSON. Both build a lowercase search index first.`,
      `Same results on both pages (first page, count and cards for "${SEARCH_TEXT}", cart count): ${differences.length === 0 ? 'yes' : `**no**: ${differences.join('; ')}`}.`,
      `Add to cart uses \`${product.id}\`; both pages save the cart to localStorage on the click.`,
      `Noise: load average (1/5/15 min) ${load(loadBefore)} before, ${load(loadAfter)} after, on ${os.cpus().length} cores shared with other work; the min–max columns show the spread.`,
    ];
    if (errors.size) notes.push(`Console errors seen while measuring: ${[...errors].join('; ')}`);

    return {
      markdown: [
        markdownTable(['figure', 'app', 'vanilla JS', 'app / vanilla', 'app min–max', 'vanilla min–max'], mainRows, ['l', 'r', 'r', 'r', 'r', 'r']),
        '',
        markdownTable(['where the time goes (medians)', 'app', 'vanilla JS', 'app / vanilla'], detailRows, ['l', 'r', 'r', 'r']),
        '',
        notes.map((n) => `- ${n}`).join('\n'),
      ].join('\n'),
      data: {
        unit: 'ms',
        productCount: PRODUCT_COUNT,
        seed,
        searchText: SEARCH_TEXT,
        addToCartProduct: product.id,
        pages: { app: pages.app.catalog, vanilla: pages.vanilla.catalog },
        figures,
        appMounted: { app: summary.app.mounted ?? null, vanilla: summary.vanilla.mounted ?? null },
        vanillaCatalogReady: summary.vanilla.catalogReady ?? null,
        vanillaRenderAfterReady: summary.vanilla.renderAfterReady ?? null,
        sameResults: differences.length === 0,
        differences,
        loadAverage: { before: loadBefore, after: loadAfter },
        consoleErrors: [...errors],
      },
    };
  },
};
