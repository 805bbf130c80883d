// From the catalog to a product on a slow phone: the click on the first product card's link to
// the product page's price painted (bench/page-probe.mjs, armOpenProduct), on the same
// emulated slow 4G as the slow-4g measure. When the product page's code is a lazy chunk
// (src/ui/lazy_pages.rs), what the click waits for depends on when it comes:
//
//   at the first cards   clicked in the frame after the first product card painted, before
//                        the app has fetched the shop pages' chunks ahead: the click waits
//                        for them to download (and for whatever is fetched ahead already)
//   after fetch-ahead    clicked once the app has fetched and started the other pages'
//                        chunks (the `pages-fetched-ahead` mark), or, for a bundle whose shop
//                        pages are in the main wasm, once the shop has caught up
//
// Every run a fresh browser context with an empty cache; the bundle served compressed
// (bench/compressed-server.mjs). One unrecorded warm-up run of each kind first.

import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { markdownTable, summarize, withTimeout } from '../lib.mjs';
import { pageProbe } from '../page-probe.mjs';
import { startCompressedServer } from '../compressed-server.mjs';
import { SLOW_4G } from './slow-4g.mjs';

const STEP_TIMEOUT_MS = 120_000;

async function openProduct(browser, server, { afterFetchAhead, lazyShop }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const errors = [];
  try {
    await context.addInitScript(pageProbe, { firstPageCards: 1 });
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G.cpuSlowdown });

    await page.goto(server.url, { waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
    await withTimeout(page.evaluate(() => window.__benchProbe.firstPage), 'the first product card', STEP_TIMEOUT_MS);
    if (afterFetchAhead) {
      const mark = lazyShop ? 'pages-fetched-ahead' : 'shop-caught-up';
      await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, mark, { timeout: STEP_TIMEOUT_MS });
    }
    server.takeSent();
    await page.evaluate(() => window.__benchProbe.armOpenProduct());
    await page.locator('[data-testid=product-card] a').first().click();
    const opened = await withTimeout(page.evaluate(() => window.__benchProbe.openProduct), 'the product page', STEP_TIMEOUT_MS);
    const sent = server.takeSent().filter((s) => s.path.endsWith('.wasm'));
    return {
      toPaint: opened.toPaint,
      wasmRequests: sent.length,
      wasmBytes: sent.reduce((n, s) => n + s.bytes, 0),
      errors,
    };
  } finally {
    await context.close();
  }
}

export default {
  name: 'open-product',
  needsBrowser: true,
  title: `From the catalog to a product on emulated slow 4G (${SLOW_4G.label}): the click to the product page painted (ms)`,
  async run({ siteDir, basePath, runs, browser }) {
    const server = await startCompressedServer({ root: siteDir, basePath });
    const loadBefore = os.loadavg();
    const results = { atFirstCards: [], afterFetchAhead: [] };
    const files = await readdir(siteDir);
    // The shop pages' split point (src/ui/lazy_pages.rs) names this chunk.
    const lazyShop = files.some((f) => f.startsWith('split_shop_pages'));
    try {
      await server.prepare(['index.html', ...files.filter((f) => ['.js', '.wasm', '.css'].includes(path.extname(f)))]);
      await openProduct(browser, server, { afterFetchAhead: false, lazyShop });
      await openProduct(browser, server, { afterFetchAhead: true, lazyShop });
      for (let run = 0; run < runs; run += 1) {
        process.stderr.write(`bench: open-product: run ${run + 1} of ${runs}\n`);
        results.atFirstCards.push(await openProduct(browser, server, { afterFetchAhead: false, lazyShop }));
        results.afterFetchAhead.push(await openProduct(browser, server, { afterFetchAhead: true, lazyShop }));
      }
    } finally {
      await server.close();
    }
    const loadAfter = os.loadavg();

    const figures = Object.fromEntries(Object.entries(results)
      .map(([kind, samples]) => [kind, summarize(samples.map((r) => r.toPaint))]));
    const traffic = (samples) => {
      const requests = [...new Set(samples.map((r) => r.wasmRequests))].join(' / ');
      const bytes = summarize(samples.map((r) => r.wasmBytes)).median.toLocaleString('en-US');
      return `${requests} wasm request(s), ${bytes} bytes (median)`;
    };
    const row = (label, s) => [label, s.median, s.min, s.max, s.runs];
    const load = (l) => l.map((v) => v.toFixed(2)).join(' / ');
    const errors = new Set(Object.values(results).flat().flatMap((r) => r.errors));
    const notes = [
      `Clicked at the first cards: ${traffic(results.atFirstCards)} after the click.`,
      `Clicked after fetch-ahead: ${traffic(results.afterFetchAhead)} after the click${lazyShop ? '' : ' (this bundle has the shop pages in its main wasm: clicked once the shop had caught up)'}.`,
      `Medians of ${runs} runs of each kind, alternating, each in a fresh browser context, after one unrecorded warm-up of each.`,
      `Noise: load average (1/5/15 min) ${load(loadBefore)} before, ${load(loadAfter)} after, on ${os.cpus().length} cores shared with other work; the CPU slowdown multiplies this machine's speed.`,
    ];
    if (errors.size) notes.push(`Console errors seen while measuring: ${[...errors].join('; ')}`);
    return {
      markdown: [
        markdownTable(['figure', 'median', 'min', 'max', 'runs'], [
          row('Clicked at the first cards', figures.atFirstCards),
          row('**Clicked after fetch-ahead**', figures.afterFetchAhead),
        ], ['l', 'r', 'r', 'r', 'r']),
        '',
        notes.map((n) => `- ${n}`).join('\n'),
      ].join('\n'),
      data: {
        unit: 'ms',
        from: 'the click event on the product card link',
        emulation: SLOW_4G,
        figures,
        samples: results,
        loadAverage: { before: loadBefore, after: loadAfter },
        consoleErrors: [...errors],
      },
    };
  },
};
