// Payments over time, as a shopper meets them in My Klarna and the inbox: collections on a
// moving clock, manual wallet payments, a declining card's retry and late fee, paying early,
// extending a due date, and a reload that changes nothing. Every journey starts from a demo
// scenario the app places itself (support/scenarios.mjs). Every page visited is audited.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, eventually, expectText, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { daysBetween, isoOf } from './support/dates.mjs';
import { startScenario } from './support/scenarios.mjs';
import { MyKlarnaPage } from './pages/my-klarna-page.mjs';
import { InboxPage } from './pages/inbox-page.mjs';
import { storedInboxText } from './support/shopper.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS * 3 };

async function inboxSubjects(page) {
  const inbox = await new InboxPage(page, site).open();
  await inbox.pageTitle.waitFor();
  return (await page.getByTestId('inbox-message').locator('strong').allTextContents()).map((s) => s.trim());
}

test('pay in 4 with a card: each payment is collected as the clock passes its date, with messages', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'pay_in_4');
  const klarna = await new MyKlarnaPage(page, site).open();
  await klarna.upcoming.first().waitFor();
  assert.equal(await klarna.upcoming.count(), 3, 'three payments to come after the first at checkout');
  assert.deepEqual(await klarna.planStatusWords(), ['Paid', 'Scheduled', 'Scheduled', 'Scheduled']);
  await expectText(klarna.upcoming.first(), /Autopay/, { what: 'first upcoming row' });
  await expectText(klarna.upcoming.first(), /Payment 2 of 4 · order BM-\d+/, { what: 'which payment of which order' });
  const purchase = (await klarna.upcoming.first().getByRole('link').textContent()).trim();
  assert.ok(purchase.length > 3 && !/^Order /.test(purchase), `the purchase is named by what was bought (${purchase})`);
  await expectText(klarna.nextPayment, /^Next payment\s*\$\d+\.\d\d\s*\w{3} \d+ \w{3} \d{4} · .+, payment 2 of 4/, { what: 'next payment headline' });
  assert.equal(await klarna.overdueBanner.count(), 0, 'nothing is overdue');
  // The purchase card: its picture, what was bought, from whom, and how far along it is.
  const card = klarna.planCards.first();
  await expectText(card.getByTestId('plan-progress'), /^1 of 4 paid$/, { what: 'progress after checkout' });
  assert.equal((await card.getByRole('heading').textContent()).trim(), purchase, 'the card is named like the payment rows');
  assert.equal(await card.locator('.plan-picture svg.product-picture').count(), 1, 'the purchase has its picture');
  await checkpoint(page, 'my-klarna-pay-in-4', t);

  // "Next payment" goes to each payment in turn: three presses collect the three left,
  // however many parcel scans and reminders fall in between.
  const collected = [];
  const presses = await klarna.clock.advanceUntil(async () => {
    const paid = await klarna.countStatus('Paid');
    if (!collected.includes(paid)) collected.push(paid);
    return paid === 4;
  }, { by: 'payment', max: 3, what: 'every payment collected' });
  assert.equal(presses, 3, 'one press of "Next payment" per payment');
  await expectText(klarna.clock.digest, /Payment collected/, { what: 'the last move\'s digest' });
  assert.deepEqual(collected, [1, 2, 3, 4], 'payments were collected one at a time, never skipped');
  assert.equal(await klarna.upcoming.count(), 0);
  await expectText(card.getByTestId('plan-progress'), /^All 4 paid$/, { what: 'progress at the end' });
  await expectText(klarna.balance, /\$0\.00/, { what: 'balance owed' });
  assert.equal(await klarna.pastPayments.count(), 4, 'four past payments, each with a receipt');
  await klarna.pastPayments.first().locator('summary').click();
  await expectText(klarna.pastPayments.first().getByTestId('payment-receipt'), /Receipt\s*R-BM-\d+-4/, { what: 'receipt' });
  await checkpoint(page, 'my-klarna-paid', t);

  const count = Number((await klarna.header.getByTestId('inbox-count').textContent()).trim());
  assert.ok(count > 5, `unread messages arrived (${count})`);
  const subjects = await inboxSubjects(page);
  assert.equal(subjects.filter((s) => s.startsWith('Payment collected')).length, 3, subjects.join(' | '));
  assert.ok(subjects.some((s) => s.startsWith('Payment reminder')), 'reminders before each date');
  assert.ok(subjects.some((s) => /shipped/i.test(s)), 'the order shipped too');
  const fromOf = (pattern) => page.getByTestId('inbox-message').filter({ hasText: pattern }).first().getByTestId('inbox-from');
  await expectText(fromOf('Payment collected'), /^Klarna$/, { what: 'who sends a collected payment' });
  await expectText(fromOf(/shipped/i), /^bnpl-market$/, { what: 'who sends a parcel update' });
  await checkpoint(page, 'inbox-after-pay-in-4', t);

  // A message leads to what it is about and reading it lowers the unread count.
  const reminder = page.getByTestId('inbox-message').filter({ hasText: 'Payment reminder' }).first();
  await reminder.getByRole('link').click();
  await eventually(() => klarna.route(), (r) => r === '/my-klarna', { what: 'message link' });
  const after = Number((await klarna.header.getByTestId('inbox-count').textContent()).trim());
  assert.equal(after, count - 1);
  const inbox = await new InboxPage(page, site).open();
  await page.getByTestId('mark-all-read').click();
  await expectText(inbox.header.getByTestId('inbox-count'), /^0$/, { what: 'inbox count' });
}));

test('the wallet cannot autopay: the shopper pays each payment by hand', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'wallet');
  const klarna = await new MyKlarnaPage(page, site).open();
  await klarna.upcoming.first().waitFor();
  await expectText(klarna.upcoming.first(), /Manual/, { what: 'collection column' });
  const toggle = page.getByTestId('autopay-toggle');
  assert.equal(await toggle.isDisabled(), true);
  assert.equal(await toggle.isChecked(), false);
  await expectText(page.getByTestId('autopay-reason'), /wallet can't be charged automatically/i, { what: 'why not autopay' });
  await checkpoint(page, 'my-klarna-wallet', t);

  // On its date the payment waits for the shopper instead of being collected.
  await klarna.clock.advanceUntil(async () => {
    const subjects = await storedInboxText(page);
    return subjects.includes('Payment due today');
  }, { by: 'payment', max: 30, what: 'the first wallet payment falling due' });
  assert.equal(await klarna.countStatus('Paid'), 1, 'nothing was collected automatically');
  await klarna.payNow(0);
  await expectText(klarna.message, /^Paid .* payment 2 of 4/, { what: 'pay confirmation' });
  assert.equal(await klarna.countStatus('Paid'), 2);
  assert.equal(await klarna.upcoming.count(), 2);
}));

test('a declining card fails, is retried 7 days later, then charged a late fee', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'declining_card');
  const klarna = await new MyKlarnaPage(page, site).open();
  await klarna.upcoming.first().waitFor();
  await klarna.clock.advanceUntil(async () => (await klarna.overdueBanner.count()) > 0, { by: 'payment', max: 30, what: 'a declined collection' });
  await expectText(klarna.overdueBanner, /was declined on .*Klarna tries .* again on \w{3} \d+ \w{3} \d{4}\..*change your card/s, { what: 'the banner names the retry' });
  const retryOn = (await klarna.overdueBanner.textContent()).match(/again on (\w{3} \d+ \w{3} \d{4})\./)[1];
  const declinedOn = (await klarna.clock.nowIso()).slice(0, 10);
  assert.ok(daysBetween(declinedOn, isoOf(retryOn)) >= 7, `retried on ${retryOn}, declined on ${declinedOn}`);
  // A declined charge is shown as overdue at once: the shopper should act before the retry.
  assert.ok((await klarna.countStatus('Overdue')) > 0, 'the declined payment is marked overdue');
  await checkpoint(page, 'my-klarna-late', t);
  let subjects = await inboxSubjects(page);
  assert.ok(subjects.some((s) => s.startsWith('Payment failed')), subjects.join(' | '));
  assert.ok(!subjects.some((s) => s.startsWith('Late fee')), 'no fee before the retry');

  // The retry is 7 days after the decline, or the next business day when that is a weekend or
  // a holiday (a decline on 18 December is retried after Christmas): the clock moves to the
  // day the banner named, at the time of day it is now, after the collection hour.
  await klarna.clock.toDate(isoOf(retryOn));
  subjects = await inboxSubjects(page);
  assert.ok(subjects.some((s) => s.startsWith('Late fee charged')), subjects.join(' | '));
  const klarnaAgain = await new MyKlarnaPage(page, site).open();
  await expectText(klarnaAgain.planCards.first(), /Late fees/, { what: 'plan balance with a fee' });
  await expectText(klarnaAgain.overdueBanner, /was due on .* and is overdue\./, { what: 'the banner once the retry failed' });
  // Paying by hand with the same card is declined with the reason.
  await klarnaAgain.payNow(0);
  await expectText(klarnaAgain.message, /declined\. Choose another way to pay under "Pay with" .*Payment settings/, { what: 'pay refusal with the way out' });
}));

test('pay the whole balance early, then nothing is left to collect', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'pay_in_4');
  const klarna = await new MyKlarnaPage(page, site).open();
  await klarna.upcoming.first().waitFor();
  await klarna.payWholeBalance(0);
  await expectText(klarna.message, /Nothing more is owed/, { what: 'balance paid' });
  assert.equal(await klarna.upcoming.count(), 0);
  assert.deepEqual(await klarna.planStatusWords(), ['Paid', 'Paid', 'Paid', 'Paid']);
  await expectText(klarna.balance, /\$0\.00/, { what: 'balance owed' });
  await klarna.clock.advanceWeek();
  await klarna.clock.advanceWeek();
  const subjects = await inboxSubjects(page);
  assert.ok(subjects.some((s) => / paid in full$/.test(s)));
  assert.ok(!subjects.some((s) => s.startsWith('Payment collected')), 'nothing collected after paying early');
}));

test('extend a due date by 10 days, once per order', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'pay_in_4');
  const klarna = await new MyKlarnaPage(page, site).open();
  await klarna.upcoming.first().waitFor();
  const before = (await klarna.upcoming.first().locator('td').first().textContent()).trim();
  await klarna.extend(0);
  await expectText(klarna.message, /is now due on/, { what: 'extension confirmation' });
  assert.equal(await page.getByTestId('extend-due-date').count(), 0, 'the extension is used up');
  const rows = await klarna.upcoming.evaluateAll((trs) => trs.map((tr) => `${tr.dataset.number}:${tr.querySelector('td').textContent}`));
  const extended = rows.find((r) => r.startsWith('2:'));
  assert.notEqual(extended, `2:${before}`, 'payment 2 moved');
  assert.match(klarna.page.url(), /my-klarna/);
  await expectText(page.getByTestId('plan-card').first(), /\(extended\)/, { what: 'plan shows the extension' });
  const subjects = await inboxSubjects(page);
  assert.ok(subjects.includes('Due date extended'));
}));

test('a reload at any point finds everything as it was', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'pay_in_4');
  const klarna = await new MyKlarnaPage(page, site).open();
  await klarna.upcoming.first().waitFor();
  await klarna.payNow(0);
  await klarna.clock.advanceWeek();
  await klarna.clock.advanceDay();
  const snapshot = async () => ({
    now: await klarna.clock.nowIso(),
    statuses: await klarna.planStatusWords(),
    upcoming: await klarna.upcoming.count(),
    balance: (await klarna.balance.textContent()).trim(),
    unread: (await klarna.header.getByTestId('inbox-count').textContent()).trim(),
  });
  const before = await snapshot();
  await page.reload();
  await klarna.waitUntilReady();
  await klarna.upcoming.first().waitFor();
  const after = await snapshot();
  // Real seconds pass between the two reads; the simulated minute must not move backwards.
  assert.ok(Date.parse(after.now) >= Date.parse(before.now), `${after.now} >= ${before.now}`);
  assert.deepEqual({ ...after, now: undefined }, { ...before, now: undefined });
  await checkpoint(page, 'my-klarna-after-reload', t);
}));

test('the clock refuses a date in the past, with the reason', options, (t) => site.withPage(t, async ({ page }) => {
  const klarna = await new MyKlarnaPage(page, site).open();
  const before = await klarna.clock.nowIso();
  const status = await klarna.clock.toDate('2020-01-01');
  assert.match(status, /^Time only moves forward/);
  assert.equal(await klarna.clock.nowIso() >= before, true);
  assert.match(await klarna.clock.nowText(), /\d{4}/);
  await checkpoint(page, 'my-klarna-empty', t);
}));

test('financing shows statements on the 2nd and payments due on the 26th', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'financing');
  const klarna = await new MyKlarnaPage(page, site).open();
  await klarna.planCards.first().waitFor();
  assert.equal(await page.getByTestId('plan-payment').count(), 12);
  const rows = (await page.getByTestId('plan-payment').allTextContents()).map((r) => r.trim());
  assert.ok(rows.every((r) => /statement \w{3} 2 \w{3} \d{4}, due \w{3} \d+ \w{3} \d{4}/.test(r)), rows.join(' | '));
  // Due on the 26th, or the next business day when the 26th is a weekend or a holiday.
  const dueDays = rows.map((r) => Number(r.match(/due \w{3} (\d+)/)[1]));
  assert.ok(dueDays.every((d) => d >= 26 && d <= 29), dueDays.join(','));
  assert.ok(dueDays.filter((d) => d === 26).length >= 6, dueDays.join(','));
  await checkpoint(page, 'my-klarna-financing', t);
}));
