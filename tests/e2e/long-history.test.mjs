// A long history, as a shopper who has used the shop for years has it: 2,000 orders are
// generated and saved, time moves a year in one go, and after a reload the shop reads back
// everything it had, from the pages it stores its large aggregates in (src/storage/pages.rs).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, expectText, readStorage, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { stored } from './support/shopper.mjs';
import { SimClock } from './pages/sim-clock.mjs';

const site = useSite();
/** Generating 2,000 orders in the page takes a while on a loaded machine. */
const options = { timeout: TEST_TIMEOUT_MS * 4 };
const ORDERS = 2000;
const LONG_STEP_MS = 120_000;

/** What the shop saved of the aggregates a long history fills. */
function saved(storage) {
  return {
    orders: stored(storage, 'orders'),
    payments: stored(storage, 'payments'),
    inbox: stored(storage, 'inbox'),
  };
}

/** The notices that say something went wrong (a save refused, a value set aside). */
async function problemNotices(page) {
  return page.locator('.notice-problem').allTextContents();
}

test('a 2,000-order history opens, moves a year and reloads with nothing lost', options, (t) => site.withPage(t, async ({ page }) => {
  await page.goto(`${site.urlFor('/')}?history=${ORDERS}`);
  await expectText(page.getByTestId('storage-notice').filter({ hasText: 'history' }), new RegExp(`Generated a history of ${ORDERS} orders`), { what: 'the history', timeout: LONG_STEP_MS });
  const generated = saved(await readStorage(page));
  assert.equal(Object.keys(generated.orders.records).length, ORDERS, 'every order is saved');
  assert.deepEqual(await problemNotices(page), [], 'the history fits in storage');

  const clock = new SimClock(page);
  const now = new Date(await clock.nowIso());
  const yearOn = new Date(now);
  yearOn.setUTCFullYear(yearOn.getUTCFullYear() + 1);
  await clock.toDate(yearOn.toISOString().slice(0, 10));
  const moved = saved(await readStorage(page));
  assert.equal(Object.keys(moved.orders.records).length, ORDERS);
  assert.notDeepEqual(moved.payments, generated.payments, 'a year of payments was collected');
  assert.ok(moved.inbox.messages.length > generated.inbox.messages.length, 'the year sent messages');
  assert.deepEqual(await problemNotices(page), [], 'the move was saved');

  await page.reload();
  await page.getByTestId('app-ready').waitFor({ timeout: LONG_STEP_MS });
  // The first page does not wait for the history: the unread count and the guide's ticks
  // for a card and an order show once the shop has caught up with it, and count all of it.
  const header = page.locator('header.site-header');
  await header.getByTestId('inbox-count').waitFor({ timeout: LONG_STEP_MS });
  const reloaded = saved(await readStorage(page));
  const unread = reloaded.inbox.messages.filter((m) => !m.read).length;
  assert.ok(unread > 0, 'the year left unread messages');
  await expectText(header.getByTestId('inbox-count'), new RegExp(`^${unread}$`), { what: 'the unread count' });
  const guide = page.getByTestId('demo-guide');
  for (const step of ['Add a card', 'Buy with Klarna']) {
    await expectText(guide.locator('li.done').filter({ hasText: step }), new RegExp(step), { what: `the guide's "${step}" ticked` });
  }
  // The start runs what fell due in the seconds since the move, if anything; what the move
  // saved is all still there, unchanged or moved on.
  assert.deepEqual(Object.keys(reloaded.orders.records), Object.keys(moved.orders.records), 'every order');
  assert.deepEqual(Object.keys(reloaded.payments.accounts), Object.keys(moved.payments.accounts), 'every plan');
  const byId = new Map(reloaded.inbox.messages.map((m) => [m.id, m]));
  for (const message of moved.inbox.messages) {
    assert.deepEqual(byId.get(message.id), message, `message ${message.id} as it was`);
  }
  assert.deepEqual(await problemNotices(page), [], 'the reload read everything back');
  const orders = page.locator('header.site-header a[href$="/orders"]');
  await orders.click();
  await expectText(page.locator('main'), /2,?000 orders/, { what: 'the order history counts every order' });
}));
