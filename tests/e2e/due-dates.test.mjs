// One due date per payment, as a shopper meets it: an extension that lands on Christmas Day
// moves to the next business day, and the confirmation, the upcoming-payments table, the
// plan card, the reminder and the collection all name that one day, with a note saying why.
//
// The demo scenario buys at the shop's "now" (the real date plus the simulated clock), so the
// journey first moves the clock to 1 December: payment 2 of pay in 4 is then due on
// 15 December and its 10-day extension lands on 25 December.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, expectText, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { longDate, isoOf } from './support/dates.mjs';
import { startScenario } from './support/scenarios.mjs';
import { MyKlarnaPage } from './pages/my-klarna-page.mjs';
import { InboxPage } from './pages/inbox-page.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS * 3 };

function daysBefore(iso, days) {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

const isWeekend = (iso) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());

/**
 * The first year whose 1 December has not passed on `today` and whose 15 December (payment 2's
 * day, 1 December + 14 days) is a weekday, so that the 10-day extension names Christmas Day:
 * with Christmas written out and its next business day in the US, the first weekday after it.
 */
function christmasFrom(today) {
  for (let year = Number(today.slice(0, 4)); ; year += 1) {
    if (`${year}-12-01` < today || isWeekend(`${year}-12-15`)) continue;
    let due = `${year}-12-26`;
    while (isWeekend(due)) due = daysBefore(due, -1);
    return { year, from: longDate(`${year}-12-25`), due };
  }
}

/** Every inbox message: subject, body, and the instant it arrived (ISO, UTC). */
async function inboxMessages(page) {
  const inbox = await new InboxPage(page, site).open();
  await inbox.pageTitle.waitFor();
  return page.getByTestId('inbox-message').evaluateAll((items) => items.map((li) => ({
    subject: li.querySelector('strong').textContent.trim(),
    body: li.querySelector('p').textContent.trim(),
    at: new Date(li.querySelector('time').getAttribute('datetime')).toISOString(),
  })));
}

test('an extension onto Christmas Day is due, reminded and collected on the next business day', options, (t) => site.withPage(t, async ({ page }) => {
  const shop = await new MyKlarnaPage(page, site).open();
  const today = (await shop.clock.nowIso()).slice(0, 10);
  const christmas = christmasFrom(today);
  const purchase = `${christmas.year}-12-01`;
  if (purchase > today) {
    const status = await shop.clock.toDate(purchase);
    assert.ok(!/can't|cannot|refused/i.test(status), status);
  }
  const orderId = await startScenario(page, site, 'pay_in_4');

  const klarna = await new MyKlarnaPage(page, site).open();
  const payment2 = page.locator('[data-testid="upcoming-payment"][data-number="2"]');
  await expectText(payment2.locator('td').first(), new RegExp(`^${longDate(`${christmas.year}-12-15`)}$`), { what: 'payment 2 before the extension' });

  await payment2.getByTestId('extend-due-date').click();
  const business = longDate(christmas.due);
  const dated = `${business} (moved from ${christmas.from}, Christmas Day, a public holiday)`;
  const message = await expectText(klarna.message, /is now due on/, { what: 'extension confirmation' });
  assert.ok(message.includes(`is now due on ${dated}.`), message);
  // The table and the plan card show the same day and the same note.
  await expectText(payment2.locator('td').first(), /moved from/, { what: 'payment 2 date cell' });
  assert.equal((await payment2.locator('td').first().textContent()).trim(), dated);
  await expectText(payment2.getByTestId('due-note'), /Christmas Day/, { what: 'the note in the table' });
  const card = klarna.planCards.filter({ hasText: orderId }).getByTestId('plan-payment').nth(1);
  const cardText = await expectText(card, /\(extended\)/, { what: 'payment 2 on the plan card' });
  assert.ok(cardText.includes(`due ${dated} (extended)`), cardText);
  await checkpoint(page, 'my-klarna-extended-onto-christmas', t);

  // Two days before the business day the reminder arrives (at 08:00), naming that day. A move
  // to a date keeps the time of day, so the test goes to the day before the business day:
  // past the reminder and before the collection (at 09:00 on the day), whatever the hour.
  const reminderDay = daysBefore(christmas.due, 1);
  await klarna.clock.toDate(reminderDay);
  let messages = await inboxMessages(page);
  const reminders = messages.filter((m) => m.subject.startsWith('Payment reminder'));
  const reminder = reminders.find((m) => m.body.includes(`payment 2 of 4 for order ${orderId}`));
  assert.ok(reminder, `payment 2 was reminded by ${reminderDay}: ${reminders.map((m) => m.subject).join(' | ')}`);
  assert.ok(reminder.subject.endsWith(` due ${business}`), reminder.subject);
  assert.ok(reminder.body.includes(`The date moved from ${christmas.from}, Christmas Day, a public holiday.`), reminder.body);
  assert.ok(reminder.at < `${christmas.due}T00:00:00.000Z`, `reminded at ${reminder.at}`);
  for (const { subject, at } of reminders) {
    const named = isoOf(subject.split(' due ').pop());
    assert.ok(at.slice(0, 10) < named, `"${subject}" arrived on ${at}, not before the day it names`);
  }
  assert.ok(!messages.some((m) => m.subject.startsWith('Payment collected') && m.body.includes('payment 2 of 4')),
    'nothing collected for payment 2 before its day');
  await checkpoint(page, 'inbox-reminder-names-the-business-day', t);

  // On that day it is collected: the day after it is past the collection at any hour.
  await klarna.clock.toDate(daysBefore(christmas.due, -1));
  messages = await inboxMessages(page);
  const collected = messages.find((m) => m.subject.startsWith('Payment collected') && m.body.includes('payment 2 of 4'));
  assert.ok(collected, messages.map((m) => m.subject).join(' | '));
  assert.equal(collected.at.slice(0, 10), christmas.due, 'collected on the day every message named');
}));
