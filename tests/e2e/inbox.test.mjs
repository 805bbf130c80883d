// The inbox of a long history, as a shopper reads it: the newest messages first, a page at a
// time, with a line saying how many there are and a button for the next page that keeps the
// keyboard where it was.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, eventually, expectText, readStorage, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { stored } from './support/shopper.mjs';
import { InboxPage } from './pages/inbox-page.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS * 2 };

/** A page of the inbox: what src/ui/pages/inbox.rs shows at first and adds on each click. */
const PAGE_ROWS = 50;
/** Orders in the generated history: enough for more than two pages of messages, yet quick to generate. */
const HISTORY_ORDERS = 40;

/** Every message the app saved, newest first (later sent, then higher id), as the inbox lists them. */
async function savedNewestFirst(page) {
  const messages = stored(await readStorage(page), 'inbox')?.messages ?? [];
  return messages
    .map((m) => ({ id: m.id, at: Date.parse(m.sent_at) }))
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .map((m) => m.id);
}

/** Which element has the keyboard focus: its element id, else its test id. */
function focused(page) {
  return page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.testid || null);
}

test('a long inbox shows the newest 50 messages and the next 50 on each "Show more messages"', options, (t) => site.withPage(t, async ({ page }) => {
  await page.goto(`${site.urlFor('/')}?history=${HISTORY_ORDERS}`);
  await expectText(page.getByTestId('storage-notice').filter({ hasText: 'history' }), new RegExp(`Generated a history of ${HISTORY_ORDERS} orders`), { what: 'the history' });
  const saved = await savedNewestFirst(page);
  const total = saved.length;
  assert.ok(total > 2 * PAGE_ROWS && total <= 3 * PAGE_ROWS, `the history fills more than two pages and at most three (${total} messages)`);
  const totalText = total.toLocaleString('en-US');

  const inbox = await new InboxPage(page, site).open();
  await inbox.messages.first().waitFor();
  assert.equal(await inbox.messages.count(), PAGE_ROWS);
  await expectText(inbox.shownCount, new RegExp(`^Showing ${PAGE_ROWS} of ${totalText} messages$`), { what: 'the count line' });
  assert.deepEqual(await inbox.shownIds(), saved.slice(0, PAGE_ROWS), 'the newest 50, newest first');
  await checkpoint(page, 'inbox-first-page', t);

  // With more left, the button stays and keeps the focus, so the keyboard can ask again.
  await inbox.showMoreButton.focus();
  await page.keyboard.press('Enter');
  await eventually(() => inbox.messages.count(), (n) => n === 2 * PAGE_ROWS, { what: 'messages after one "Show more"' });
  await expectText(inbox.shownCount, new RegExp(`^Showing ${2 * PAGE_ROWS} of ${totalText} messages$`), { what: 'the count line' });
  assert.deepEqual(await inbox.shownIds(), saved.slice(0, 2 * PAGE_ROWS), 'the next 50 follow the first');
  assert.equal(await focused(page), 'show-more-messages', 'the focus stays on the button');
  await inbox.showMoreButton.scrollIntoViewIfNeeded();
  await checkpoint(page, 'inbox-show-more', t);

  // The last page takes the button and the count line away; the focus goes to the first message it revealed.
  await page.keyboard.press('Enter');
  await eventually(() => inbox.messages.count(), (n) => n === total, { what: 'messages after the last "Show more"' });
  assert.equal(await inbox.showMoreButton.count(), 0, 'nothing more to show');
  assert.equal(await inbox.shownCount.count(), 0, 'no count line once all are shown');
  assert.deepEqual(await inbox.shownIds(), saved, 'every message, newest first');
  await eventually(() => focused(page), (id) => id === `inbox-message-${saved[2 * PAGE_ROWS]}`, { what: 'the focus after the last page' });

  // Reading a message still works on a page beyond the first.
  const unreadBefore = await page.getByTestId('mark-read').count();
  await inbox.messages.nth(2 * PAGE_ROWS).getByTestId('mark-read').click();
  await eventually(() => page.getByTestId('mark-read').count(), (n) => n === unreadBefore - 1, { what: 'unread after "Mark read"' });
  await checkpoint(page, 'inbox-all-shown', t);
}));
