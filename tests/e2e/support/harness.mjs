// The shared e2e harness: serves the release bundle, launches Chromium once per test file,
// gives each test a fresh browser context (fresh localStorage), and fails the test on any
// console error, uncaught page error, failed request or HTTP error. `checkpoint` audits a
// page with axe-core and keeps screenshots at desktop and phone sizes.
//
// Environment:
//   E2E_DIST          folder holding the release bundle      (default: dist)
//   E2E_BASE_PATH     URL path the bundle was built for       (default: /; set it to the
//                     PUBLIC_URL the bundle was built with, e.g. /some/path/)
//   E2E_SCREENSHOTS   where screenshots go                    (default: target/e2e-screenshots)
//   CHROMIUM_PATH     the browser                             (default: /usr/bin/chromium)

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';

import { startStaticServer, normalizeBasePath } from '../static-server.mjs';
import { launchChromium } from './chromium.mjs';
import { auditAccessibility, formatViolations } from './accessibility.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST_DIR = path.resolve(REPO_ROOT, process.env.E2E_DIST ?? 'dist');
export const BASE_PATH = normalizeBasePath(process.env.E2E_BASE_PATH ?? '/');
export const SCREENSHOT_DIR = path.resolve(REPO_ROOT, process.env.E2E_SCREENSHOTS ?? 'target/e2e-screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const VIEWPORTS = [DESKTOP, PHONE];

/** How long a step may wait for the app (a locator, a text). Generous: CI machines are slow. */
export const STEP_TIMEOUT_MS = 15_000;
/** Per test, for node:test's `timeout` option. */
export const TEST_TIMEOUT_MS = 90_000;

/**
 * Registers the file-level hooks that serve the bundle and launch Chromium, and returns
 * the handle tests use. Call once at the top of a test file.
 */
export function useSite() {
  const site = {
    server: null,
    browser: null,
    /** "cart" or "/cart" -> absolute URL under the base path. */
    urlFor(appPath = '/') {
      return `${site.server.url}${appPath.replace(/^\/+/, '')}`;
    },
    /**
     * A page's URL -> the app route ("/cart"), with the base path taken off. A URL that has
     * left the base path (a link that forgot it) comes back as "outside <base>: <path>",
     * which matches no route a test expects.
     */
    routeOf(pageUrl) {
      const { pathname } = new URL(pageUrl);
      if (pathname.startsWith(BASE_PATH)) return `/${pathname.slice(BASE_PATH.length)}`;
      if (`${pathname}/` === BASE_PATH) return '/';
      return `outside ${BASE_PATH}: ${pathname}`;
    },
    withPage: (t, body, options) => withPage(site, t, body, options),
  };

  before(async () => {
    if (!existsSync(path.join(DIST_DIR, 'index.html'))) {
      throw new Error(`${path.join(DIST_DIR, 'index.html')} not found: build the release bundle first (make dist; make e2e does it for you)`);
    }
    site.server = await startStaticServer({ root: DIST_DIR, basePath: BASE_PATH });
    site.browser = await launchChromium();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/** Records everything that counts as a broken page into `problems`. */
function watchForProblems(page, problems) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    problems.push(`console error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught error: ${error.stack ?? error.message}`));
  page.on('crash', () => problems.push('the page crashed'));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // A navigation away cancels requests still in flight; that is not a fault.
    if (failure.includes('ERR_ABORTED')) return;
    problems.push(`request failed: ${request.method()} ${request.url()}: ${failure}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
}

/**
 * Runs `body({ page, context, site, problems })` in a fresh browser context and fails the
 * test if the page logged a console error, threw, or had a failed request, even when the
 * body itself passed. On failure a screenshot is kept as FAILED-<test name>.png.
 *
 * options.context      extra options for browser.newContext
 * options.allowProblems  do not fail on console errors etc. (for tests that provoke them)
 */
async function withPage(site, t, body, options = {}) {
  const context = await site.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block', ...options.context });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  const problems = [];
  context.on('page', (page) => watchForProblems(page, problems));
  const page = await context.newPage();
  try {
    await body({ page, context, site, problems });
    // Let anything queued by the last step (a late console.error) arrive before judging.
    if (options.context?.javaScriptEnabled !== false) await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    if (!options.allowProblems) {
      assert.deepEqual(problems, [], `the page reported problems:\n  ${problems.join('\n  ')}`);
    }
  } catch (error) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const shot = path.join(SCREENSHOT_DIR, `FAILED-${slug(t.name)}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    if (problems.length > 0 && !String(error.message).includes('the page reported problems')) {
      error.message += `\n\nThe page also reported:\n  ${problems.join('\n  ')}`;
    }
    error.message += `\n(screenshot: ${path.relative(REPO_ROOT, shot)}; page was at ${page.url()})`;
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * Waits until the app has started: its first page is on screen (`app-ready`) and the shop
 * has caught up with what fell due while it was closed (the `shop-caught-up` mark). The
 * catch-up runs just after the first page and writes the clock, so a journey that reads
 * storage or fills it right after opening a page waits for both.
 */
export async function waitForStart(page, { timeout = STEP_TIMEOUT_MS } = {}) {
  await page.getByTestId('app-ready').waitFor({ state: 'attached', timeout });
  await page.waitForFunction(() => performance.getEntriesByName('shop-caught-up').length > 0, null, { timeout });
}

/** Waits for the next paint so screenshots and audits see the settled page. */
export async function settle(page) {
  await page.evaluate(async () => {
    await document.fonts?.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

function screenshotDirectory() {
  const directory = BASE_PATH === '/' ? SCREENSHOT_DIR : path.join(SCREENSHOT_DIR, slug(BASE_PATH) || 'base');
  mkdirSync(directory, { recursive: true });
  return directory;
}

/**
 * Saves screenshots at 1280x800 and 390x844 as <name>-<width>x<height>.png and calls
 * `atEachSize(viewport)` after each one; restores the viewport afterwards.
 * `settleFirst: false` is for pages without JavaScript, where waiting for a frame hangs.
 */
export async function saveScreenshots(page, name, { atEachSize, settleFirst = true } = {}) {
  const original = page.viewportSize() ?? DESKTOP;
  const directory = screenshotDirectory();
  try {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      if (settleFirst) await settle(page);
      await page.screenshot({
        path: path.join(directory, `${slug(name)}-${viewport.width}x${viewport.height}.png`),
        animations: 'disabled',
      });
      await atEachSize?.(viewport);
    }
  } finally {
    await page.setViewportSize(original);
  }
}

/**
 * Audits the page with axe-core at 1280x800 and at 390x844, failing on serious or critical
 * violations (moderate and minor ones go to the test's diagnostics), and saves screenshots
 * at both sizes. Call it on every page a test visits; `name` names the screenshot files.
 */
export async function checkpoint(page, name, t) {
  await saveScreenshots(page, name, {
    atEachSize: async (viewport) => {
      const { blocking, other } = await auditAccessibility(page);
      const label = `"${name}" (${page.url()}) at ${viewport.width}x${viewport.height}`;
      if (other.length > 0 && t) formatViolations(label, other).split('\n').forEach((line) => t.diagnostic(line));
      assert.equal(blocking.length, 0, formatViolations(label, blocking));
    },
  });
}

/**
 * Waits until `locator`'s text matches `pattern` and returns it; on timeout fails with
 * the text it last saw, which says more than "timed out".
 */
export async function expectText(locator, pattern, { timeout = STEP_TIMEOUT_MS, what = String(locator) } = {}) {
  const deadline = Date.now() + timeout;
  let lastSeen = '(element not found)';
  for (;;) {
    if ((await locator.count()) > 0) {
      lastSeen = ((await locator.first().textContent()) ?? '').trim();
      if (pattern.test(lastSeen)) return lastSeen;
    }
    if (Date.now() > deadline) {
      assert.fail(`${what}: expected text matching ${pattern}, last saw ${JSON.stringify(lastSeen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `read()` until `accept(value)` holds; returns the value or fails with the last one. */
export async function eventually(read, accept, { timeout = STEP_TIMEOUT_MS, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: still not met, last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Writes localStorage entries for the site's origin before the app ever loads: it serves a
 * blank page at a throw-away URL of the same origin, writes there, and stops intercepting.
 */
export async function seedStorage(page, site, entries) {
  const blankUrl = site.urlFor('__e2e-seed__');
  const serveBlank = (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>seed</title><link rel="icon" href="data:,">' });
  await page.route(blankUrl, serveBlank);
  try {
    await page.goto(blankUrl);
    await page.evaluate((pairs) => {
      for (const [key, value] of pairs) localStorage.setItem(key, value);
    }, Object.entries(entries));
  } finally {
    await page.unroute(blankUrl, serveBlank);
  }
}

/** Every localStorage entry of the page's origin, as a plain object. */
export async function readStorage(page) {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)])));
}

/**
 * Fills the origin's localStorage quota to the last few characters (big chunks first, then
 * smaller ones) under `filler.<n>` keys, and checks that the browser said it was full.
 */
export async function fillStorage(page) {
  const filled = await page.evaluate(() => {
    let n = 0;
    let lastError = 'never full';
    for (const size of [256 * 1024, 16 * 1024, 1024, 64, 4]) {
      const chunk = 'f'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler.${n}`, chunk);
          n += 1;
        } catch (e) {
          lastError = e.name;
          break;
        }
      }
    }
    return { n, name: lastError };
  });
  assert.equal(filled.name, 'QuotaExceededError', `storage fills up (${JSON.stringify(filled)})`);
}

/** Removes what [`fillStorage`] wrote. */
export async function emptyFillers(page) {
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
}
