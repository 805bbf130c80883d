// A long history (issues 5 and 6): the shop with 2,000 generated orders and their plans
// (`?history=2000`, src/app/demo_orders.rs) beside the same journey in an empty shop, so the
// growth shows. Each run is one fresh browser context going through one tab:
//
//   start        navigation start -> app-ready painted (with the history, that includes
//                generating the 2,000 orders in the page and saving them); and again after a
//                reload, when the history could be saved (otherwise a reload would start from
//                whatever part of it fitted, so that figure is reported as not measurable);
//                and on to the `shop-caught-up` mark, when what fell due while the shop was
//                closed has run (the first page does not wait for it)
//   My Klarna    click on the header's "My Klarna" -> the page painted
//   orders       click on the header's "Orders" -> the history page painted
//   filter       choosing a status in the history's filter -> count and rows repainted
//   order page   click on an order in the history -> the order page painted, with its whole
//                timeline: in the 2,000-order shop the order with the longest timeline, in a
//                shop with one order (`?scenario=pay_in_4`) that order, as the "empty" figure
//   inbox        click on the header's "Inbox" -> the page painted (not asked for; shown
//                because the inbox lists every message)
//   clock        from the home page, "Go to date" one year ahead: click on "Go" -> the move
//                finished (the bar's moves counter) and painted
//
// Navigation is in the tab (the app's own links), never a reload: when the history does not
// fit in localStorage the app keeps it in the tab, and only the tab has it.
//
// Saves: the probe records every localStorage.setItem (bench/flow-probe.mjs). The warm-up
// runs check "a save after one change writes only the aggregates that changed" on three single
// actions, marking an inbox message read, paying one instalment in My Klarna and adding to the
// cart, and every run records what each timed action wrote. Every setItem counts: the
// aggregates' values, the lineage record the app writes beside each (`<key>.lineage`,
// src/storage/lineage.rs) and the journal of a commit of several keys (`bnpl.journal`,
// src/storage/journal.rs); issue 13 asks how many characters one change writes in all.

import os from 'node:os';

import { markdownTable, round, summarize } from '../lib.mjs';
import {
  describeWrites, openProbedPage, settle, siteFor, timeAction, writeCount, writesByKey, writesFrom,
} from '../flow-probe.mjs';
import { STEP_TIMEOUT_MS, expectText, readStorage } from '../../tests/e2e/support/harness.mjs';
import { stored } from '../../tests/e2e/support/shopper.mjs';

/** BENCH_HISTORY_ORDERS changes it (the issues ask for 2,000). */
const HISTORY_ORDERS = Number(process.env.BENCH_HISTORY_ORDERS ?? 2000);
/** Runs of each shop. The 2,000-order run takes ~15 s here (generation, a year of events). */
const DEFAULT_RUNS = 10;
const FILTER_LABEL = 'Delivered';
/** Its class on the status pills (status_slug in src/app/order_search.rs). */
const FILTER_SLUG = 'delivered';
/** Rows the history page shows before "Show more" (src/ui/pages/orders.rs). */
const ORDER_PAGE_ROWS = 50;
/** My Klarna's plan cards before "Show more" (src/ui/pages/my_klarna.rs). */
const PLAN_CARD_ROWS = 25;
const LONG_TIMEOUT_MS = 300_000;
/** When the order book cannot be read as JSON, the longest timeline is looked for among these. */
const SCAN_OLDEST_ORDERS = 12;
/** "Show more upcoming payments" clicks while looking for a payment with "Pay now". */
const PAY_SEARCH_PAGES = 4;
/** The key of a commit of several aggregates at once (src/storage/journal.rs). */
const JOURNAL_KEY = 'bnpl.journal';
const LINEAGE_SUFFIX = '.lineage';

const HEADER = 'header.site-header';
const link = (route) => `${HEADER} a[href$="${route}"]`;
const title = (text) => ({ selector: '[data-testid=page-title]', text: `^${text}$` });

const SHOPS = {
  empty: { label: 'empty history', query: '' },
  history: { label: `${HISTORY_ORDERS.toLocaleString('en-US')} orders`, query: `?history=${HISTORY_ORDERS}` },
  oneOrder: { label: 'one order', query: '?scenario=pay_in_4' },
};

/** Resolves with the first panic the app reports on the console (a Rust panic), if it ever does. */
function panicOf(page) {
  return page.waitForEvent('console', {
    predicate: (m) => m.type() === 'error' && /panicked at/.test(m.text()),
    timeout: 0,
  }).then((m) => m.text().split('\n').slice(0, 2).join(' '), () => new Promise(() => {}));
}

async function start(page, url, what = 'the start') {
  // A panic while starting leaves app-ready missing for good: stop at it, and never wait
  // without end for a start that does not come. (Every promise here resolves, so a panic
  // after the start leaves no rejection unhandled.)
  const panicked = panicOf(page).then((text) => ({ failed: `the app panicked while starting: ${text}` }));
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ failed: `app-ready not shown within ${LONG_TIMEOUT_MS} ms` }), LONG_TIMEOUT_MS);
  });
  await page.goto(url);
  const started = page.evaluate(() => window.__flowProbe.started)
    .then((shown) => ({ shown }), (error) => ({ failed: error.message }));
  const outcome = await Promise.race([started, panicked, timedOut]);
  clearTimeout(timer);
  if (outcome.failed) throw new Error(`${what} (${url}): ${outcome.failed}`);
  const { shown } = outcome;
  const mounted = await page.evaluate(() => window.__flowProbe.markTime('app-mounted'));
  // The first page does not wait for the history (it reads only what it shows); what fell
  // due while the shop was closed runs right after, every aggregate read, up to this mark.
  const caughtUp = await page.waitForFunction(() => window.__flowProbe.markTime('shop-caught-up'), null, { timeout: LONG_TIMEOUT_MS })
    .then((handle) => handle.jsonValue(), () => null);
  return { painted: shown.painted, inDom: shown.inDom, mounted, caughtUp };
}

/** Approximate generation time: from the demo account written (just before the generator
 * runs) to the first generated aggregate written (its value, its lineage record or the journal
 * of its commit). Null when the account is saved in the same commit as the generated history:
 * then nothing written marks the generator's start. */
function generationEstimate(writes) {
  const generatedKeys = ['bnpl.orders', 'bnpl.payments', 'bnpl.klarna', 'bnpl.inbox'];
  const account = writes.find((w) => w.key === 'bnpl.account');
  const generated = writes.find((w) => generatedKeys.some((k) => w.key === k || w.key === `${k}${LINEAGE_SUFFIX}`)
    || isPageOf(w.key, generatedKeys) || w.key === JOURNAL_KEY);
  return account && generated && generated.at > account.at ? generated.at - account.at : null;
}

/**
 * The order with the most timeline entries, from the order book as stored (put together from
 * its pages); null when it is not stored, or not whole (the history did not fit).
 */
async function longestTimelineFromStorage(page) {
  let book;
  try {
    book = stored(await readStorage(page), 'orders');
  } catch {
    return null;
  }
  const records = Object.values(book?.records ?? {});
  let best = null;
  for (const record of records) {
    const entries = record.order.timeline.length;
    if (!best || entries > best.entries) best = { id: record.order.id, entries };
  }
  return best && { ...best, orders: records.length };
}

async function clickHeader(page, route, conditions) {
  await page.locator(link(route)).click();
  await page.waitForFunction((c) => c.every(({ selector, text }) => {
    const found = document.querySelector(selector);
    return found && (!text || new RegExp(text).test(found.textContent));
  }), conditions);
}

/** On the history page: narrow the list to `id` by searching, untimed. */
async function searchOrder(page, id) {
  await page.getByTestId('order-search').fill(id.toLowerCase());
  await page.locator(`[data-testid=order-row][data-order="${id}"]`).waitFor();
  await expectText(page.getByTestId('order-count'), /^1 order$/, { what: `search for ${id}` });
}

/** The longest timeline among the oldest orders, by opening each: when the stored order book is not JSON. */
async function longestTimelineFromPages(page, oldestIds) {
  let best = null;
  for (const id of oldestIds) {
    await clickHeader(page, '/orders', [title('Your orders')]);
    await searchOrder(page, id);
    await page.locator(`[data-testid=order-row][data-order="${id}"] a`).click();
    await page.locator('[data-testid=timeline-entry]').first().waitFor();
    const entries = await page.getByTestId('timeline-entry').count();
    if (!best || entries > best.entries) best = { id, entries };
  }
  return best;
}

/** One single change and what it wrote: `act()` then wait for `done()` and a quiet moment. */
async function savesOf(page, act, done) {
  const before = await writeCount(page);
  await act();
  await done();
  await settle(page, 300);
  return writesByKey(await writesFrom(page, before));
}

async function markOneMessageRead(page) {
  await clickHeader(page, '/inbox', [title('Inbox')]);
  const count = page.locator(`${HEADER} [data-testid=inbox-count]`);
  const unread = Number((await count.textContent()).trim());
  const saved = await savesOf(page,
    () => page.getByTestId('mark-read').first().click(),
    () => expectText(count, new RegExp(`^${unread - 1}$`), { what: 'unread count after marking one read' }));
  return { unread, saved };
}

/**
 * My Klarna's first upcoming payment with a "Pay now" button, paid; what that saved. The
 * generated history may have none the shopper can pay: then says so (`unavailable`).
 */
async function payOneInstalment(page) {
  await clickHeader(page, '/my-klarna', [title('My Klarna')]);
  const pay = page.getByTestId('pay-now-installment');
  const showMore = page.getByRole('button', { name: 'Show more upcoming payments' });
  for (let more = 0; (await pay.count()) === 0 && more < PAY_SEARCH_PAGES && (await showMore.count()) > 0; more += 1) {
    await showMore.click();
  }
  const upcoming = await page.getByTestId('upcoming-payment').count();
  if ((await pay.count()) === 0) {
    return { unavailable: `no upcoming payment with a "Pay now" button among the ${upcoming} shown in My Klarna` };
  }
  const row = page.locator('[data-testid=upcoming-payment]').filter({ has: pay }).first();
  const payment = { order: await row.getAttribute('data-order'), number: Number(await row.getAttribute('data-number')) };
  const message = page.getByTestId('action-message');
  let confirmation = '';
  const saved = await savesOf(page, () => row.getByTestId('pay-now-installment').click(),
    async () => { confirmation = await expectText(message, /\S/, { what: 'the message after "Pay now"' }); });
  // A refused payment (a declined card) is a message too, and saves nothing worth counting.
  if (!/^Paid /.test(confirmation)) return { unavailable: `"Pay now" on ${payment.order} payment ${payment.number} was refused: ${confirmation}` };
  return { ...payment, confirmation, saved };
}

async function addOneToCart(page) {
  await page.locator(`${HEADER} a.brand`).click();
  await page.locator('[data-testid=product-card] a').first().click();
  const add = page.getByTestId('add-to-cart');
  await add.waitFor();
  const pickers = page.locator('.variant-picker');
  for (let i = 0; i < await pickers.count(); i += 1) {
    await pickers.nth(i).locator('[data-testid=variant-value]:not([disabled])').first().click();
  }
  const count = page.locator(`${HEADER} [data-testid=cart-count]`);
  const before = (await count.textContent()).trim();
  const saved = await savesOf(page, () => add.click(),
    () => page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent.trim() !== text,
      [`${HEADER} [data-testid=cart-count]`, before]));
  return { saved };
}

/** A timed action plus what it wrote to localStorage. */
async function timed(page, name, spec, act) {
  const before = await writeCount(page);
  const timing = await timeAction(page, name, spec, act);
  return { ...timing, writes: writesByKey(await writesFrom(page, before)) };
}

/**
 * One run in the empty shop or the 2,000-order shop. `plan` (from the warm-up) says which order
 * to open; `warmUp` also does the save checks and finds that order.
 */
async function shopRun(browser, site, shop, { warmUp = false, plan = {} } = {}) {
  const { context, page, errors } = await openProbedPage(browser, { timeoutMs: STEP_TIMEOUT_MS * 2 });
  const hasHistory = shop === 'history';
  const result = { errors };
  try {
    result.start = await start(page, site.urlFor(`/${SHOPS[shop].query}`), `the start of the ${SHOPS[shop].label} shop`);
    const startWrites = await writesFrom(page, 0);
    result.startWrites = writesByKey(startWrites);
    result.generation = hasHistory ? generationEstimate(startWrites) : null;
    result.everythingSaved = startWrites.every((w) => w.stored);
    if (result.everythingSaved) {
      // Saved whole: a returning shopper's start, without the generation.
      result.reload = await start(page, site.urlFor('/'), `the reload of the ${SHOPS[shop].label} shop`);
    }
    if (warmUp && hasHistory) {
      result.longest = await longestTimelineFromStorage(page);
      result.longestFrom = 'the order book as stored, put together from its pages';
      if (!result.longest) {
        const ids = Array.from({ length: SCAN_OLDEST_ORDERS }, (_, i) => `BM-${String(i + 1).padStart(6, '0')}`);
        result.longest = await longestTimelineFromPages(page, ids);
        result.longestFrom = `the ${SCAN_OLDEST_ORDERS} oldest orders' pages (the stored order book is not JSON)`;
      }
    }

    await settle(page);
    result.myKlarna = await timed(page, 'my-klarna', {
      event: 'click',
      selector: link('/my-klarna'),
      conditions: [title('My Klarna'), ...(hasHistory
        ? [{ selector: '[data-testid=plan-card]', count: Math.min(PLAN_CARD_ROWS, HISTORY_ORDERS) }, { selector: '[data-testid=upcoming-payment]' },
          { selector: '[data-testid=spending-chart]' }, { selector: '[data-testid=balance-owed]' }]
        : [{ selector: '.my-klarna .empty' }])],
    }, () => page.locator(link('/my-klarna')).click());

    await settle(page);
    result.orders = await timed(page, 'orders', {
      event: 'click',
      selector: link('/orders'),
      conditions: [title('Your orders'), { selector: '[data-testid=order-count]' }, ...(hasHistory
        ? [{ selector: '[data-testid=order-row]', count: Math.min(ORDER_PAGE_ROWS, HISTORY_ORDERS) }]
        : [{ selector: '.orders-page .empty' }])],
    }, () => page.locator(link('/orders')).click());
    result.orderCount = (await page.getByTestId('order-count').textContent()).trim();

    await settle(page);
    result.filter = await timed(page, 'filter', {
      event: 'change',
      selector: '[data-testid=order-status-filter]',
      // The count changed and every row shown has the status; with no orders the count stays
      // "0 orders", so the figure is the first frame after the change.
      conditions: hasHistory
        ? [{ selector: '[data-testid=order-count]', textNot: result.orderCount },
          { selector: `[data-testid=order-row] .status-pill:not(.order-status-${FILTER_SLUG})`, count: 0 }]
        : [{ selector: '[data-testid=order-count]' }],
    }, () => page.getByTestId('order-status-filter').selectOption({ label: FILTER_LABEL }));
    result.filterCount = (await page.getByTestId('order-count').textContent()).trim();
    await page.getByTestId('order-status-filter').selectOption({ label: 'All orders' });
    await expectText(page.getByTestId('order-count'), new RegExp(`^${result.orderCount}$`), { what: 'unfiltered count' });

    if (hasHistory && plan.orderId) {
      await searchOrder(page, plan.orderId);
      await settle(page);
      result.orderPage = await timed(page, 'order-page', {
        event: 'click',
        selector: `[data-testid=order-row][data-order="${plan.orderId}"] a`,
        conditions: [title(`Order ${plan.orderId}`), { selector: '[data-testid=timeline-entry]' }],
      }, () => page.locator(`[data-testid=order-row][data-order="${plan.orderId}"] a`).click());
      result.timelineEntries = await page.getByTestId('timeline-entry').count();
    }

    await settle(page);
    result.inbox = await timed(page, 'inbox', {
      event: 'click',
      selector: link('/inbox'),
      conditions: [title('Inbox'), hasHistory ? { selector: '[data-testid=inbox-message]' } : { selector: 'main .empty' }],
      timeoutMs: LONG_TIMEOUT_MS,
    }, () => page.locator(link('/inbox')).click());
    result.inboxMessages = await page.getByTestId('inbox-message').count();

    if (warmUp) {
      result.saves = {};
      if (hasHistory) {
        result.saves.markRead = await markOneMessageRead(page);
        result.saves.payInstalment = await payOneInstalment(page);
      }
      result.saves.addToCart = await addOneToCart(page);
    }

    // The clock, from the home page (the catalog reads no orders or plans).
    await page.locator(`${HEADER} a.brand`).click();
    await page.locator('[data-testid=product-card]').first().waitFor();
    const now = new Date(await page.getByTestId('clock-now').getAttribute('datetime'));
    const target = new Date(now);
    target.setUTCFullYear(target.getUTCFullYear() + 1);
    await page.getByTestId('clock-date').fill(target.toISOString().slice(0, 10));
    const moves = await page.getByTestId('sim-clock').getAttribute('data-moves');
    await settle(page);
    result.clock = await timed(page, 'clock-year', {
      event: 'click',
      selector: '[data-testid=advance-to-date]',
      conditions: [{ selector: '[data-testid=sim-clock]', attr: 'data-moves', attrNot: moves }],
      timeoutMs: LONG_TIMEOUT_MS,
    }, () => page.getByTestId('advance-to-date').click());
    result.clockStatus = (await page.getByTestId('clock-status').textContent()).trim();
    return result;
  } finally {
    await context.close();
  }
}

/** The one-order shop: its order page (the order page's "empty" figure), and in the warm-up a read message's save. */
async function oneOrderRun(browser, site, { warmUp = false } = {}) {
  const { context, page, errors } = await openProbedPage(browser, { timeoutMs: STEP_TIMEOUT_MS * 2 });
  try {
    await start(page, site.urlFor(`/${SHOPS.oneOrder.query}`), `the start of the ${SHOPS.oneOrder.label} shop`);
    const notice = await expectText(page.getByTestId('storage-notice').filter({ hasText: /demo scenario/i }),
      /placed order BM-\d+/, { what: 'demo scenario notice' });
    const orderId = notice.match(/BM-\d+/)[0];
    await clickHeader(page, '/orders', [title('Your orders')]);
    await searchOrder(page, orderId);
    await settle(page);
    const orderPage = await timed(page, 'order-page', {
      event: 'click',
      selector: `[data-testid=order-row][data-order="${orderId}"] a`,
      conditions: [title(`Order ${orderId}`), { selector: '[data-testid=timeline-entry]' }],
    }, () => page.locator(`[data-testid=order-row][data-order="${orderId}"] a`).click());
    const result = { orderId, orderPage, timelineEntries: await page.getByTestId('timeline-entry').count(), errors };
    if (warmUp) result.saves = { markRead: await markOneMessageRead(page), payInstalment: await payOneInstalment(page) };
    return result;
  } finally {
    await context.close();
  }
}

const load = (l) => l.map((v) => v.toFixed(2)).join(' / ');
const range = (s) => (s ? `${s.min}–${s.max}` : '');
const med = (s) => (s ? s.median : 'n/a');
const growth = (a, b) => (a && b && a.median > 0 ? `${round(b.median / a.median, 1)}x` : '');
const unionKeys = (list) => [...new Set(list.flatMap((w) => Object.keys(w)))];
/** Characters of every setItem in a `writesByKey` record, lineage records and journal included. */
const totalChars = (byKey) => Object.values(byKey).reduce((n, w) => n + w.chars, 0);
const totalWrites = (byKey) => Object.values(byKey).reduce((n, w) => n + w.writes, 0);
const isAggregateKey = (key) => key !== JOURNAL_KEY && !key.endsWith(LINEAGE_SUFFIX);

/** Whether `key` is a page of one of the aggregates `of` (`bnpl.inbox/<page>`, src/storage/pages.rs). */
const isPageOf = (key, of) => of.some((aggregate) => key.startsWith(`${aggregate}/`));

/**
 * Whether a save after one change wrote only the aggregates `expected` (storage keys): each
 * one's value (its head and changed pages, for the aggregates stored in pages), the lineage
 * record beside it, and, when several are committed at once, the journal. Also which lineage
 * records and which other keys it wrote.
 */
function onlyChanged(saved, expected) {
  const allowed = new Set(expected.flatMap((key) => [key, `${key}${LINEAGE_SUFFIX}`]));
  if (expected.length > 1) allowed.add(JOURNAL_KEY);
  const keys = Object.keys(saved);
  const unexpected = keys.filter((key) => !allowed.has(key) && !isPageOf(key, expected));
  return {
    ok: unexpected.length === 0 && expected.every((key) => keys.includes(key)),
    expected,
    lineage: keys.filter((key) => key.endsWith(LINEAGE_SUFFIX)),
    journal: keys.includes(JOURNAL_KEY),
    unexpected,
  };
}

/** A warm-up save as a row of the saves table: what it wrote, or why it could not be done. */
const describeSave = (save) => (save.unavailable ? `not measured: ${save.unavailable}` : describeWrites(save.saved));
/** The characters and setItem calls of one warm-up save, for the data. */
const saveTotals = (save) => (save.unavailable ? { unavailable: save.unavailable }
  : { ...save, chars: totalChars(save.saved), writes: totalWrites(save.saved) });

/** Writes of one action over every recorded run: keys (union) and the median characters and writes of each. */
function writesOverRuns(list) {
  const keys = unionKeys(list);
  if (keys.length === 0) return 'nothing';
  return keys.map((key) => {
    const chars = summarize(list.map((w) => w[key]?.chars ?? 0));
    const writes = summarize(list.map((w) => w[key]?.writes ?? 0));
    const refused = list.reduce((n, w) => n + (w[key]?.refused ?? 0), 0);
    const total = list.reduce((n, w) => n + (w[key]?.writes ?? 0), 0);
    const refusal = refused === 0 ? '' : refused === total ? ', **every write refused: storage full**' : `, **${refused} of ${total} writes refused**`;
    return `\`${key}\` ${writes.median === 1 ? '' : `${writes.median} writes, `}${Math.round(chars.median).toLocaleString('en-US')} chars${refusal}`;
  }).join('; ');
}

export default {
  name: 'history',
  needsBrowser: true,
  title: `A long history: ${HISTORY_ORDERS.toLocaleString('en-US')} generated orders beside an empty shop (ms)`,
  async run({ runs: requestedRuns, browser, server }) {
    const runs = Number(process.env.BENCH_HISTORY_RUNS ?? Math.min(requestedRuns, DEFAULT_RUNS));
    const loadBefore = os.loadavg();
    const site = siteFor(server);
    const started = Date.now();

    process.stderr.write('bench: history: warm-up (and the save checks)...\n');
    const warm = {
      empty: await shopRun(browser, site, 'empty', { warmUp: true }),
      history: await shopRun(browser, site, 'history', { warmUp: true }),
      oneOrder: await oneOrderRun(browser, site, { warmUp: true }),
    };
    const plan = { orderId: warm.history.longest?.id };
    if (!plan.orderId) throw new Error('could not find the order with the longest timeline');

    const recorded = { empty: [], history: [], oneOrder: [] };
    const errors = new Set();
    for (let run = 0; run < runs; run += 1) {
      process.stderr.write(`bench: history: run ${run + 1} of ${runs}\n`);
      const order = run % 2 === 0 ? ['empty', 'history', 'oneOrder'] : ['oneOrder', 'history', 'empty'];
      for (const shop of order) {
        const result = shop === 'oneOrder'
          ? await oneOrderRun(browser, site)
          : await shopRun(browser, site, shop, { plan });
        recorded[shop].push(result);
        result.errors.forEach((e) => errors.add(`${SHOPS[shop].label}: ${e}`));
      }
    }
    const loadAfter = os.loadavg();
    const minutes = (Date.now() - started) / 60_000;

    const stat = (shop, pick) => {
      const values = recorded[shop].map(pick).filter((v) => typeof v === 'number');
      return values.length ? summarize(values) : null;
    };
    const figure = (pick) => ({ empty: stat('empty', pick), history: stat('history', pick) });
    const f = {
      start: figure((r) => r.start.painted),
      startMounted: figure((r) => r.start.mounted),
      reload: figure((r) => r.reload?.painted),
      reloadCaughtUp: figure((r) => r.reload?.caughtUp),
      myKlarna: figure((r) => r.myKlarna.toPaint),
      clock: figure((r) => r.clock.toPaint),
      orders: figure((r) => r.orders.toPaint),
      filter: figure((r) => r.filter.toPaint),
      orderPage: { empty: stat('oneOrder', (r) => r.orderPage.toPaint), history: stat('history', (r) => r.orderPage?.toPaint) },
      inbox: figure((r) => r.inbox.toPaint),
      generation: { history: stat('history', (r) => r.generation) },
    };
    // What the clock's move wrote, per run: every setItem, and the writes of values alone
    // (without lineage records and journal: what "saves" meant before records were kept).
    const clockWrites = {
      chars: figure((r) => totalChars(r.clock.writes)),
      setItems: figure((r) => totalWrites(r.clock.writes)),
      aggregateWrites: figure((r) => Object.entries(r.clock.writes)
        .filter(([key]) => isAggregateKey(key)).reduce((n, [, w]) => n + w.writes, 0)),
    };
    const inDom = {
      myKlarna: figure((r) => r.myKlarna.toDom),
      orders: figure((r) => r.orders.toDom),
      filter: figure((r) => r.filter.toDom),
      orderPage: { empty: stat('oneOrder', (r) => r.orderPage.toDom), history: stat('history', (r) => r.orderPage?.toDom) },
      inbox: figure((r) => r.inbox.toDom),
      clock: figure((r) => r.clock.toDom),
    };

    const h = recorded.history;
    const e = recorded.empty;
    const historySaved = h.every((r) => r.everythingSaved);
    const refusedAtStart = unionKeys(h.map((r) => Object.fromEntries(Object.entries(r.startWrites).filter(([, w]) => w.refused))));
    const values = (list, pick) => [...new Set(list.map(pick))].join(' / ');
    const clockSteps = (list) => values(list, (r) => r.clockStatus.replace(/^Moved to /, 'to ').replace(/\.$/, ''));
    const timelines = values(h, (r) => r.timelineEntries);
    const oneTimeline = values(recorded.oneOrder, (r) => r.timelineEntries);

    const row = (label, key, { emptyLabel } = {}) => [
      label, emptyLabel ?? med(f[key].empty), med(f[key].history), growth(f[key].empty, f[key].history),
      range(f[key].empty), range(f[key].history), inDom[key] ? `${med(inDom[key].empty)} / ${med(inDom[key].history)}` : '',
    ];
    const headers = ['figure', SHOPS.empty.label, SHOPS.history.label, 'growth', 'empty min–max', `${SHOPS.history.label} min–max`, 'in DOM, empty / history (medians)'];
    const align = ['l', 'r', 'r', 'r', 'r', 'r', 'r'];
    const startLabel = `App start: navigation start to app-ready painted${historySaved ? '' : ` (with the history: **includes generating the ${HISTORY_ORDERS.toLocaleString('en-US')} orders** in the page and trying to save them)`}`;
    const reloadRow = historySaved
      ? row('App start after a reload, the history saved (wasm from the HTTP cache)', 'reload')
      : ['App start after a reload with the history saved (empty: a reload of the empty shop, wasm from the HTTP cache)', med(f.reload.empty), '**not measurable**', '', range(f.reload.empty), '', ''];
    const issue5 = [
      row(startLabel, 'start'),
      row('App start: navigation start to the `app-mounted` mark', 'startMounted'),
      reloadRow,
      ...(historySaved ? [row('App start after a reload: navigation start to the shop caught up with what fell due while it was closed (the `shop-caught-up` mark; every aggregate read by then)', 'reloadCaughtUp')] : []),
      row('My Klarna: click on the header link to the page painted', 'myKlarna'),
      row('Clock +1 year ("Go to date", from the home page): click on "Go" to the move finished and painted', 'clock'),
    ];
    const issue6 = [
      row(`Order history: click on "Orders" to the page painted (${SHOPS.history.label}: the first ${ORDER_PAGE_ROWS} rows)`, 'orders'),
      row(`Status filter "${FILTER_LABEL}": change to the count and rows repainted`, 'filter'),
      [`Order page: click on the order in the history to the page painted (timeline entries: ${oneTimeline} in the one-order shop, ${timelines} in the ${SHOPS.history.label})`,
        med(f.orderPage.empty), med(f.orderPage.history), growth(f.orderPage.empty, f.orderPage.history),
        range(f.orderPage.empty), range(f.orderPage.history), `${med(inDom.orderPage.empty)} / ${med(inDom.orderPage.history)}`],
      row(`Inbox (not asked for): click on "Inbox" to the page painted (${values(e, (r) => r.inboxMessages)} / ${values(h, (r) => r.inboxMessages)} messages, all listed)`, 'inbox'),
    ];

    const saves = [
      [`Start with \`?history=${HISTORY_ORDERS}\` (generation)`, SHOPS.history.label, describeWrites(warm.history.startWrites)],
      ['Mark one inbox message read', SHOPS.oneOrder.label, describeWrites(warm.oneOrder.saves.markRead.saved)],
      ['Mark one inbox message read', `${SHOPS.history.label} (${warm.history.saves.markRead.unread.toLocaleString('en-US')} unread)`, describeWrites(warm.history.saves.markRead.saved)],
      ['Pay one instalment ("Pay now" in My Klarna)', SHOPS.oneOrder.label, describeSave(warm.oneOrder.saves.payInstalment)],
      ['Pay one instalment ("Pay now" in My Klarna)', SHOPS.history.label, describeSave(warm.history.saves.payInstalment)],
      ['Add one item to the cart', SHOPS.empty.label, describeWrites(warm.empty.saves.addToCart.saved)],
      ['Add one item to the cart', SHOPS.history.label, describeWrites(warm.history.saves.addToCart.saved)],
      ...Object.entries({ myKlarna: 'My Klarna page', orders: 'Order history page', filter: 'Status filter', inbox: 'Inbox page' })
        .flatMap(([key, what]) => [
          [`${what} (timed above)`, SHOPS.empty.label, writesOverRuns(e.map((r) => r[key].writes))],
          [`${what} (timed above)`, SHOPS.history.label, writesOverRuns(h.map((r) => r[key].writes))],
        ]),
      ['Order page (timed above)', SHOPS.history.label, writesOverRuns(h.map((r) => r.orderPage.writes))],
      ['Clock +1 year (timed above)', SHOPS.empty.label, writesOverRuns(e.map((r) => r.clock.writes))],
      ['Clock +1 year (timed above)', SHOPS.history.label, writesOverRuns(h.map((r) => r.clock.writes))],
    ];
    // Paying an instalment changes the plans and sends a receipt to the inbox
    // (src/app/plan_actions.rs), so two aggregates, committed through the journal.
    const paid = ['bnpl.payments', 'bnpl.inbox'];
    const checks = [
      ['mark read, one order', onlyChanged(warm.oneOrder.saves.markRead.saved, ['bnpl.inbox'])],
      [`mark read, ${SHOPS.history.label}`, onlyChanged(warm.history.saves.markRead.saved, ['bnpl.inbox'])],
      ...[['one order', warm.oneOrder.saves.payInstalment], [SHOPS.history.label, warm.history.saves.payInstalment]]
        .filter(([, save]) => !save.unavailable)
        .map(([shop, save]) => [`pay one instalment, ${shop}`, onlyChanged(save.saved, paid)]),
      ['add to cart, empty', onlyChanged(warm.empty.saves.addToCart.saved, ['bnpl.cart'])],
      [`add to cart, ${SHOPS.history.label}`, onlyChanged(warm.history.saves.addToCart.saved, ['bnpl.cart'])],
    ];
    const describeCheck = ([what, check]) => {
      const beside = [...check.lineage.map((k) => `\`${k}\``), ...(check.journal ? [`\`${JOURNAL_KEY}\``] : [])];
      const extra = check.unexpected.length ? `; also wrote ${check.unexpected.map((k) => `\`${k}\``).join(', ')}` : '';
      return `${what} **${check.ok ? 'yes' : 'no'}**${beside.length ? ` (with ${beside.join(', ')})` : ''}${extra}`;
    };
    const sizeAtStart = Object.entries(warm.history.startWrites)
      .map(([key, w]) => `\`${key}\` ${w.chars.toLocaleString('en-US')}${w.refused ? ' (refused)' : ''}`).join(', ');

    const count = (n) => (typeof n === 'number' ? Math.round(n).toLocaleString('en-US') : n);
    const clockTotals = (shop) => {
      const chars = clockWrites.chars[shop];
      return `${count(med(chars))} characters${chars ? ` (${count(chars.min)}–${count(chars.max)})` : ''} in ${count(med(clockWrites.setItems[shop]))} setItem calls, ${count(med(clockWrites.aggregateWrites[shop]))} of them values, the rest lineage records and journals`;
    };
    const notes = [
      `Medians of ${runs} runs of each shop${runs < requestedRuns ? ` (fewer than the other measures' ${requestedRuns}: a 2,000-order run takes ~15 s on this machine; BENCH_HISTORY_RUNS changes it)` : ''}${runs < 10 ? ' (**fewer than 10: a smoke test, not figures to quote**)' : ''}, each run a fresh browser context going through the whole journey in one tab, the shops alternating; one unrecorded warm-up run of each first. ${minutes.toFixed(1)} minutes in all.`,
      historySaved
        ? `The history of ${SHOPS.history.label} fitted in localStorage, so the start is also measured after a reload (the row "after a reload").`
        : `**The history of ${SHOPS.history.label} does not fit in localStorage**: at start the app tried to write ${sizeAtStart} characters and the browser refused ${refusedAtStart.map((k) => `\`${k}\``).join(', ')} (QuotaExceededError; the app shows its storage notices and keeps the data in the tab). So every figure of the ${SHOPS.history.label} shop is measured **in the tab that generated it** (in-app navigation), the start figure **includes the generation**, and the start after a reload **could not be measured** (a reload would start from the part that fitted, an inconsistent shop, not from the history).`,
      f.generation.history
        ? `Generation, approximately (from the demo account written just before the generator runs, to the first generated aggregate written, so it includes serializing that aggregate): median ${f.generation.history.median} ms (${range(f.generation.history)}).`
        : 'Generation: not estimated (the demo account is saved in the same commit as the generated history, so no write marks the generator\'s start).',
      `Order page: the ${SHOPS.history.label} figure opens ${plan.orderId}, the order with the longest timeline (${warm.history.longest.entries} entries in the warm-up, found from ${warm.history.longestFrom}); the "empty" figure is the only order of a \`?scenario=pay_in_4\` shop, since an empty shop has no order page. Both are opened from the history page after searching for the order.`,
      `Status filter "${FILTER_LABEL}": ${values(h, (r) => `${r.orderCount} -> ${r.filterCount}`)} in the ${SHOPS.history.label} shop (the list shows at most ${ORDER_PAGE_ROWS} rows); in the empty shop the count stays "0 orders", so its figure is the change to the first frame after it.`,
      `Clock +1 year: ${SHOPS.empty.label}: ${clockSteps(e)}; ${SHOPS.history.label}: ${clockSteps(h)}. The move runs a week per step, yielding to the browser between steps, and each step saves what changed: see the table of writes above. In all, the move wrote (medians) ${SHOPS.empty.label}: ${clockTotals('empty')}; ${SHOPS.history.label}: ${clockTotals('history')}.`,
      `In DOM = the result present, before style, layout and paint; painted = the frame showing it has been painted (bench/flow-probe.mjs).`,
      `Noise: load average (1/5/15 min) ${load(loadBefore)} before, ${load(loadAfter)} after, on ${os.cpus().length} cores shared with other work; the min–max columns show the spread.`,
    ].filter(Boolean);
    if (errors.size) notes.push(`Console errors seen while measuring: ${[...errors].slice(0, 8).join('; ')}${errors.size > 8 ? ` (and ${errors.size - 8} more)` : ''}`);

    return {
      markdown: [
        '### Payments over time (issue 5)',
        '',
        markdownTable(headers, issue5, align),
        '',
        '### Order history and the order page (issue 6)',
        '',
        markdownTable(headers, issue6, align),
        '',
        '### What each action saved (localStorage.setItem, characters of the value)',
        '',
        markdownTable(['action', 'shop', 'keys written'], saves),
        '',
        `A save after one change writes only the aggregates that changed (each with the lineage record the app keeps beside it, \`<key>${LINEAGE_SUFFIX}\`, and the journal when it commits several at once): ${checks.map(describeCheck).join('; ')}. It writes those aggregates whole, though: see the characters.`,
        '',
        notes.map((n) => `- ${n}`).join('\n'),
      ].join('\n'),
      data: {
        unit: 'ms',
        runs,
        historyOrders: HISTORY_ORDERS,
        filter: FILTER_LABEL,
        historySaved,
        refusedAtStart,
        longestTimeline: { ...warm.history.longest, from: warm.history.longestFrom },
        figures: f,
        inDom,
        saves: {
          startWithHistory: warm.history.startWrites,
          markRead: { oneOrder: warm.oneOrder.saves.markRead, history: warm.history.saves.markRead },
          addToCart: { empty: warm.empty.saves.addToCart, history: warm.history.saves.addToCart },
          // Every setItem of the one change, lineage records and journal included (issue 13).
          changeTotals: {
            markRead: { oneOrder: saveTotals(warm.oneOrder.saves.markRead), history: saveTotals(warm.history.saves.markRead) },
            payInstalment: { oneOrder: saveTotals(warm.oneOrder.saves.payInstalment), history: saveTotals(warm.history.saves.payInstalment) },
          },
          onlyTheChangedAggregate: Object.fromEntries(checks),
        },
        clockWrites,
        inboxMessages: { empty: e.map((r) => r.inboxMessages), history: h.map((r) => r.inboxMessages) },
        clockStatus: { empty: e.map((r) => r.clockStatus), history: h.map((r) => r.clockStatus) },
        loadAverage: { before: loadBefore, after: loadAfter },
        consoleErrors: [...errors],
      },
    };
  },
};
