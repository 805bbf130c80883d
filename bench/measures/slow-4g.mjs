// The home page on a slow phone (issue 13): Chromium's own network and CPU emulation with the
// issue's figures for slow 4G, given to Chromium as they are: 1.6 Mbps down, 750 kbps up,
// 150 ms round trip, the main thread slowed 4x. (DevTools' own "Slow 4G" preset scales such
// figures further; these are the issue's.) Set through a CDP session on the page before it
// navigates; every run a fresh browser context, so nothing comes from a cache.
//
// The bundle is served compressed (bench/compressed-server.mjs: brotli, as the first-load
// figure of the bundle-size measure counts it), as a real host serves it: sent raw, the
// emulated link would carry about three times the bytes a visitor downloads.
//
// Per run, on the page's performance clock (0 = navigation start):
//   first paint, first contentful paint   performance.getEntriesByType('paint')
//   first product card painted            bench/page-probe.mjs: the first
//                                         [data-testid=product-card] in the DOM, then the
//                                         frame showing it painted
//   skeleton at first contentful paint    see bootProbe below for exactly what is checked
// One unrecorded warm-up load first: the first page a new browser process loads pays for
// starting its renderer.

import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { markdownTable, summarize, withTimeout } from '../lib.mjs';
import { pageProbe } from '../page-probe.mjs';
import { startCompressedServer } from '../compressed-server.mjs';

export const SLOW_4G = {
  label: 'slow 4G: 1.6 Mbps down, 750 kbps up, 150 ms RTT, 4x CPU slowdown',
  // CDP wants bytes per second and the round trip in ms.
  network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  cpuSlowdown: 4,
};
const SKELETON_CARD = '#boot-shell .skeleton-grid .skeleton-card';
const RUN_TIMEOUT_MS = 120_000;

/**
 * In the page, before its own code: what the page showed when the first contentful paint was
 * reported. The paint entry arrives (PerformanceObserver) a moment after that frame was
 * presented, so the check there alone would describe the DOM a moment late. It is therefore
 * paired with a MutationObserver that records when the skeleton cards first entered the DOM
 * and whether they left it: cards that entered before the paint's time and are still there
 * when the entry arrives were in the DOM of that frame. "On screen" is their layout boxes at
 * that moment: non-empty, inside the viewport, not visibility:hidden (the stylesheet is
 * render-blocking, so the first paint already had the page's CSS). What is not checked: the
 * pixels themselves (no screenshot is taken at that instant).
 */
export function bootProbe({ skeletonCard }) {
  const CARD = '[data-testid=product-card]';
  const seen = { skeletonInDom: null, skeletonLeft: null, firstCards: null, atFcp: null };
  const observer = new MutationObserver(() => {
    const present = document.querySelector(skeletonCard) !== null;
    if (present && seen.skeletonInDom === null) seen.skeletonInDom = performance.now();
    if (!present && seen.skeletonInDom !== null && seen.skeletonLeft === null) seen.skeletonLeft = performance.now();
    // How many cards the first DOM change with a product card brought.
    const cards = document.querySelectorAll(CARD).length;
    if (cards > 0 && seen.firstCards === null) seen.firstCards = cards;
    if (seen.firstCards !== null && (seen.skeletonInDom === null || seen.skeletonLeft !== null)) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });

  new PerformanceObserver((list, paintObserver) => {
    const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint');
    if (!fcp) return;
    paintObserver.disconnect();
    const cards = [...document.querySelectorAll(skeletonCard)];
    const onScreen = cards.filter((card) => {
      const box = card.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && box.top < innerHeight && box.bottom > 0
        && getComputedStyle(card).visibility !== 'hidden';
    });
    seen.atFcp = {
      fcp: fcp.startTime,
      checkedAt: performance.now(),
      skeletonCards: cards.length,
      skeletonOnScreen: onScreen.length,
      productCards: document.querySelectorAll(CARD).length,
    };
  }).observe({ type: 'paint', buffered: true });

  window.__bootProbe = seen;
}

/** Whether the skeleton was on screen in the first contentful paint's frame, by bootProbe's record. */
function skeletonAtFcp(seen) {
  const at = seen.atFcp;
  return Boolean(at && seen.skeletonInDom !== null && seen.skeletonInDom <= at.fcp
    && (seen.skeletonLeft === null || seen.skeletonLeft > at.checkedAt)
    && at.skeletonOnScreen > 0);
}

async function slowLoad(browser, server) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const errors = [];
  try {
    await context.addInitScript(pageProbe, { firstPageCards: 1 });
    await context.addInitScript(bootProbe, { skeletonCard: SKELETON_CARD });
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_4G.cpuSlowdown });
    server.takeSent();

    // 'commit': the load event waits for the wasm's preload, which is part of what is timed.
    await page.goto(server.url, { waitUntil: 'commit', timeout: RUN_TIMEOUT_MS });
    const firstCard = await withTimeout(page.evaluate(() => window.__benchProbe.firstPage), 'the first product card', RUN_TIMEOUT_MS);
    const seen = await page.evaluate(() => window.__bootProbe);
    const paints = await page.evaluate(() => Object.fromEntries(
      performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])));
    const mounted = await page.evaluate(() => performance.getEntriesByName('app-mounted')[0]?.startTime ?? null);
    const cards = await page.locator('[data-testid=product-card]').count();
    const sent = server.takeSent();
    return {
      firstPaint: paints['first-paint'] ?? null,
      fcp: paints['first-contentful-paint'] ?? null,
      firstCard,
      mounted,
      cards,
      seen,
      skeletonAtFcp: skeletonAtFcp(seen),
      bytes: sent.reduce((n, s) => n + s.bytes, 0),
      encodings: [...new Set(sent.map((s) => s.encoding))],
      errors,
    };
  } finally {
    await context.close();
  }
}

export default {
  name: 'slow-4g',
  needsBrowser: true,
  title: `Home page on emulated slow 4G (${SLOW_4G.label}): navigation start to the first product cards (ms)`,
  async run({ siteDir, basePath, runs, browser }) {
    const server = await startCompressedServer({ root: siteDir, basePath });
    const loadBefore = os.loadavg();
    const results = [];
    try {
      // The first-load files, compressed before anything is timed (brotli 11 takes seconds).
      const firstLoad = ['index.html', ...(await readdir(siteDir))
        .filter((f) => ['.js', '.wasm', '.css'].includes(path.extname(f)))];
      await server.prepare(firstLoad);
      await slowLoad(browser, server);
      for (let run = 0; run < runs; run += 1) {
        process.stderr.write(`bench: slow-4g: run ${run + 1} of ${runs}\n`);
        results.push(await slowLoad(browser, server));
      }
    } finally {
      await server.close();
    }
    const loadAfter = os.loadavg();

    const stat = (pick) => {
      const values = results.map(pick).filter((v) => typeof v === 'number');
      return values.length ? summarize(values) : null;
    };
    const figures = {
      firstPaint: stat((r) => r.firstPaint),
      fcp: stat((r) => r.fcp),
      mounted: stat((r) => r.mounted),
      firstCardInDom: stat((r) => r.firstCard.inDom),
      firstCard: stat((r) => r.firstCard.painted),
      skeletonInDom: stat((r) => r.seen.skeletonInDom),
    };
    const withSkeleton = results.filter((r) => r.skeletonAtFcp).length;
    const skeletonInHtml = results.filter((r) => r.seen.skeletonInDom !== null).length;
    const cardsAtFcp = [...new Set(results.map((r) => r.seen.atFcp?.productCards ?? 'n/a'))].join(' / ');
    const skeletonCounts = [...new Set(results.map((r) => `${r.seen.atFcp?.skeletonOnScreen ?? 0} of ${r.seen.atFcp?.skeletonCards ?? 0}`))].join(' / ');
    const bytes = stat((r) => r.bytes);
    const errors = new Set(results.flatMap((r) => r.errors));

    const row = (label, s) => [label, s ? s.median : 'n/a', s ? s.min : '', s ? s.max : '', s ? s.runs : 0];
    const rows = [
      row('First paint', figures.firstPaint),
      row('First contentful paint', figures.fcp),
      row('`app-mounted` mark', figures.mounted),
      row('First product card in the DOM', figures.firstCardInDom),
      row('**First product card painted**', figures.firstCard),
    ];
    const load = (l) => l.map((v) => v.toFixed(2)).join(' / ');
    const notes = [
      `Skeleton of the grid (\`${SKELETON_CARD}\`) on screen at the first contentful paint: **${withSkeleton} of ${results.length} runs**${skeletonInHtml === 0 ? ' (the page has no skeleton grid: index.html in this bundle does not have one)' : ` (skeleton cards on screen then: ${skeletonCounts}; product cards then: ${cardsAtFcp})`}. Checked in the page: the skeleton cards entered the DOM before the paint's time and were still there, with non-empty boxes inside the viewport, when the paint entry was reported; the pixels themselves are not inspected.`,
      `Product cards in the DOM at the first change that brought one: ${[...new Set(results.map((r) => r.seen.firstCards))].join(' / ')}; after the first one painted: ${[...new Set(results.map((r) => r.cards))].join(' / ')}. When those match, the first card and the home page's first page of cards arrive in the same frame.`,
      `Bytes sent per load: ${bytes ? bytes.median.toLocaleString('en-US') : 'n/a'} (${results[0]?.encodings.join(', ') ?? ''}; index.html, CSS, JS and wasm, compressed as a static host would).`,
      `Medians of ${results.length} runs, every run a fresh browser context with the browser cache disabled, after one unrecorded warm-up load; emulation set through CDP (\`Network.emulateNetworkConditions\` ${JSON.stringify(SLOW_4G.network)}, \`Emulation.setCPUThrottlingRate\` ${SLOW_4G.cpuSlowdown}) before navigating.`,
      `Noise: load average (1/5/15 min) ${load(loadBefore)} before, ${load(loadAfter)} after, on ${os.cpus().length} cores shared with other work. The CPU slowdown multiplies this machine's speed, not a phone's: the figure moves with the machine's load.`,
    ];
    if (errors.size) notes.push(`Console errors seen while measuring: ${[...errors].join('; ')}`);

    return {
      markdown: [
        markdownTable(['figure', 'median', 'min', 'max', 'runs'], rows, ['l', 'r', 'r', 'r', 'r']),
        '',
        notes.map((n) => `- ${n}`).join('\n'),
      ].join('\n'),
      data: {
        unit: 'ms',
        from: 'navigation start (performance.timeOrigin)',
        emulation: SLOW_4G,
        figures,
        skeletonAtFcp: { runs: withSkeleton, of: results.length, selector: SKELETON_CARD },
        bytesPerLoad: bytes,
        encodings: results[0]?.encodings ?? [],
        samples: results.map((r) => ({
          firstPaint: r.firstPaint, fcp: r.fcp, firstCard: r.firstCard, mounted: r.mounted,
          skeletonAtFcp: r.skeletonAtFcp, boot: r.seen, bytes: r.bytes,
        })),
        loadAverage: { before: loadBefore, after: loadAfter },
        consoleErrors: [...errors],
      },
    };
  },
};
