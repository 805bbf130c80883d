// Timing a shopper's action inside the app, for the measures that follow one journey
// through several pages of one tab (checkout, history). The in-page half (`flowProbe`) is
// added with `browserContext.addInitScript(flowProbe)`, so it runs before the app; the Node
// half arms it, performs the action and collects the figures.
//
// Same rules as bench/page-probe.mjs: every time is on the page's performance clock
// (0 = navigation start); an action starts at its DOM event's timeStamp (seen by a capture
// listener on window, before the app's own handlers); "in DOM" is the first moment after that
// event at which the page shows the expected result (checked on every DOM mutation, and once
// at the first frame after the event for results that change nothing, such as filtering an
// empty list); "painted" is once the frame showing it has been painted (a message posted from
// a requestAnimationFrame callback arrives after that frame). Each figure is also left as a
// performance mark ("bench:<name>-in-dom", "bench:<name>-painted") for anyone reading a trace.
//
// The probe also wraps Storage.prototype.setItem, recording every write (key, characters,
// whether it fitted, how long the browser took to store it), so a measure can tell which
// aggregates an action saved, and it keeps the last value the app tried to write under
// `bnpl.orders`, saved or refused, for measures that look inside the order book.
//
// A result is described by conditions, all of which must hold:
//   { selector, min?, count?, text?, textNot?, attr?, attrNot? }
//   min / count  how many elements match `selector` (at least / exactly); with neither, >= 1
//   text         a regular expression (source string) the first match's text must match
//   textNot      a text the first match's text must differ from
//   attr/attrNot the first match's attribute `attr` must differ from `attrNot`

import { STEP_TIMEOUT_MS } from '../tests/e2e/support/harness.mjs';

export function flowProbe() {
  const writes = [];
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function recordedSetItem(key, value) {
    const text = String(value);
    const write = { key, chars: text.length, at: performance.now(), stored: false };
    writes.push(write);
    try {
      setItem.call(this, key, value);
      write.stored = true;
    } catch (error) {
      write.error = error.name;
      throw error;
    } finally {
      write.ms = performance.now() - write.at;
    }
  };

  function mark(name) {
    return performance.mark(`bench:${name}`).startTime;
  }

  /** Calls `then` once the frame being prepared now (or the next one) has been painted. */
  function postAfterPaint(then) {
    const channel = new MessageChannel();
    channel.port1.onmessage = then;
    channel.port2.postMessage(null);
  }

  function holds(conditions) {
    return conditions.every(({ selector, min, count, text, textNot, attr, attrNot }) => {
      const found = document.querySelectorAll(selector);
      if (count !== undefined ? found.length !== count : found.length < (min ?? 1)) return false;
      if (text !== undefined && !new RegExp(text).test(found[0]?.textContent ?? '')) return false;
      if (textNot !== undefined && (found[0]?.textContent ?? null) === textNot) return false;
      if (attr !== undefined && found[0]?.getAttribute(attr) === attrNot) return false;
      return true;
    });
  }

  /**
   * Resolves with { inDom, painted } for the first moment `conditions` hold after `started`
   * resolves (immediately when `started` is null).
   */
  function whenShown(name, conditions, started) {
    return new Promise((resolve) => {
      let active = started === null;
      let done = false;
      const finish = (inRaf) => {
        done = true;
        observer.disconnect();
        const inDom = mark(`${name}-in-dom`);
        const painted = () => resolve({ inDom, painted: mark(`${name}-painted`) });
        // Inside a frame callback the DOM is already what this frame paints.
        if (inRaf) postAfterPaint(painted);
        else requestAnimationFrame(() => postAfterPaint(painted));
      };
      const check = (inRaf) => {
        if (active && !done && holds(conditions)) finish(inRaf);
      };
      const observer = new MutationObserver(() => check(false));
      observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
      const begin = () => {
        active = true;
        requestAnimationFrame(() => check(true));
      };
      if (started === null) begin();
      else started.then(begin);
    });
  }

  /** The timeStamp of the next `type` event on (or inside) `selector`, before the app sees it. */
  function nextEvent(type, selector) {
    return new Promise((resolve) => {
      const listener = (event) => {
        if (!event.target?.closest?.(selector)) return;
        window.removeEventListener(type, listener, true);
        resolve(event.timeStamp);
      };
      window.addEventListener(type, listener, true);
    });
  }

  const results = {};
  window.__flowProbe = {
    results,
    /** The app's first render: app-ready in the DOM, then painted. */
    started: whenShown('app-ready', [{ selector: '[data-testid=app-ready]' }], null),
    arm(name, { event, selector, conditions }) {
      const start = nextEvent(event, selector);
      const shown = whenShown(name, conditions, start);
      results[name] = Promise.all([start, shown]).then(([at, { inDom, painted }]) => ({
        start: at, inDom, painted, toDom: inDom - at, toPaint: painted - at,
      }));
    },
    writeCount: () => writes.length,
    writesFrom: (index) => writes.slice(index),
    markTime: (name) => performance.getEntriesByName(name)[0]?.startTime ?? null,
    /** The orders the app last tried to save, as JSON text (null if it never wrote any). */
  };
}

/** The e2e page objects' `site` (urlFor, routeOf) for the benchmark's server. */
export function siteFor(server) {
  return {
    urlFor: (appPath = '/') => `${server.url}${appPath.replace(/^\/+/, '')}`,
    routeOf: (pageUrl) => `/${new URL(pageUrl).pathname.slice(server.basePath.length)}`,
  };
}

/** A fresh browser context with the probe, and the page errors it reports (with their URL). */
export async function openProbedPage(browser, { timeoutMs = STEP_TIMEOUT_MS } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  context.setDefaultTimeout(timeoutMs);
  await context.addInitScript(flowProbe);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url } = message.location();
    errors.push(`${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  return { context, page, errors };
}

function withTimeout(promise, what, timeoutMs) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not shown within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Arms `name`, runs `act()` (the click, the selection...) and returns the in-page timing. */
export async function timeAction(page, name, { event, selector, conditions, timeoutMs = STEP_TIMEOUT_MS }, act) {
  await page.evaluate(([n, spec]) => window.__flowProbe.arm(n, spec), [name, { event, selector, conditions }]);
  await act();
  return withTimeout(page.evaluate((n) => window.__flowProbe.results[n], name), name, timeoutMs);
}

/** A quiet moment: the next frame, then `ms` more, so an action does not start inside the last one's work. */
export async function settle(page, ms = 100) {
  await page.evaluate((wait) => new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, wait));
  }), ms);
}

export async function writeCount(page) {
  return page.evaluate(() => window.__flowProbe.writeCount());
}

export async function writesFrom(page, index) {
  return page.evaluate((i) => window.__flowProbe.writesFrom(i), index);
}

/** Writes grouped by key: { key: { writes, chars, refused, ms } }, keys in first-written order. */
export function writesByKey(writes) {
  const byKey = {};
  for (const w of writes) {
    const entry = (byKey[w.key] ??= { writes: 0, chars: 0, refused: 0, ms: 0 });
    entry.writes += 1;
    entry.chars += w.chars;
    entry.ms += w.ms ?? 0;
    if (!w.stored) entry.refused += 1;
  }
  return byKey;
}

/** "bnpl.cart 1x 120 chars" style summary of `writesByKey`; "nothing" when empty. */
export function describeWrites(byKey) {
  const entries = Object.entries(byKey);
  if (entries.length === 0) return 'nothing';
  return entries.map(([key, w]) => {
    const times = w.writes === 1 ? '' : ` ${w.writes} writes,`;
    const refused = w.refused ? ` (**${w.refused === w.writes ? 'refused' : `${w.refused} refused`}: storage full**)` : '';
    return `\`${key}\`${times} ${w.chars.toLocaleString('en-US')} chars${refused}`;
  }).join('; ');
}
