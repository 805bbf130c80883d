// Refunds on financing, as a shopper meets them: what is owed is the outstanding principal,
// so a cancelled or fully returned financed order owes nothing, not even interest, and the
// clock collects nothing more. The figures shown are the books': each cleared payment says
// what it was as agreed and how much of it was price refunded and interest dropped, and the
// plan says what it costs now against what was agreed. Every journey starts from the
// `financing` demo scenario ($208.00 over 12 months: 11 x $19.27 and $19.21, $231.18 in all).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, expectText, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { startScenario } from './support/scenarios.mjs';
import { OrderPage } from './pages/order-page.mjs';
import { MyKlarnaPage } from './pages/my-klarna-page.mjs';
import { InboxPage } from './pages/inbox-page.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS * 4 };

/** "$1,234.56" -> 123456: amounts are always shown with two decimals. */
function cents(text) {
  return Number(text.replace(/[^\d]/g, ''));
}

async function texts(locator) {
  return (await locator.allTextContents()).map((s) => s.trim());
}

async function inboxSubjects(page) {
  const inbox = await new InboxPage(page, site).open();
  await inbox.pageTitle.waitFor();
  return texts(page.getByTestId('inbox-message').locator('strong'));
}

const chargedSubjects = (subjects) => subjects.filter((s) => /^Payment (reminder|collected)/.test(s));

/** The simulated date `days` after the clock's now, as the date input takes it. */
async function daysLater(clock, days) {
  const now = new Date(await clock.nowIso());
  now.setUTCDate(now.getUTCDate() + days);
  return now.toISOString().slice(0, 10);
}

test('a financed order cancelled before shipment owes nothing, not even interest, and is never charged', options, (t) => site.withPage(t, async ({ page }) => {
  const id = await startScenario(page, site, 'financing');
  assert.equal(id, 'BM-000001');

  // As agreed: nothing paid yet, twelve payments to come, $231.18 in all.
  const before = await new MyKlarnaPage(page, site).open();
  const card = before.planCard(id);
  await card.waitFor();
  assert.equal(await before.upcomingFor(id).count(), 12);
  await expectText(card.locator('.plan-title .hint'), /· Financing, 12 months · \$231\.18$/, { what: 'plan cost as agreed' });
  assert.equal(await card.getByTestId('plan-interest-dropped').count(), 0, 'no interest dropped yet');
  await expectText(card.getByTestId('plan-owed'), /^\$231\.18$/, { what: 'owed as agreed' });

  const order = await new OrderPage(page, site).openOrder(id);
  await order.expectStatus(/^Awaiting shipment$/);
  await page.getByTestId('cancel-order').click();
  await expectText(page.getByTestId('cancellation-state'), /Cancellation requested/, { what: 'cancellation' });
  await order.simulation.getByTestId('sim-approve-cancellation').click();
  await order.expectStatus(/^Cancelled$/);
  await expectText(order.owed, /^\$0\.00$/, { what: 'owed after cancelling' });
  await order.refundRows.first().waitFor();
  assert.equal(await order.refundRows.count(), 1);
  await expectText(order.refundRows.first(), /· \$208\.00 · order cancelled before shipment$/, { what: 'the refund row' });

  // Nothing left to pay on any payment; each says what it was and what became of it.
  assert.equal(await order.payments.count(), 12);
  assert.deepEqual(new Set(await texts(order.payments.getByTestId('payment-status'))), new Set(['Refunded']));
  assert.deepEqual(new Set(await texts(order.payments.locator('.amount'))), new Set(['$0.00']));
  // Payment 1 of $19.27 was $15.81 of price and $3.46 of interest ($208 x 19.99% / 12).
  await expectText(order.payments.first(), /was \$19\.27: \$15\.81 refunded, \$3\.46 interest dropped/, { what: 'payment 1' });
  const changes = await texts(order.refundChanges);
  assert.equal(changes.length, 12, changes.join(' | '));
  assert.equal(changes[0], 'was $19.27: $15.81 refunded, $3.46 interest dropped');
  assert.match(changes[11], /^was \$19\.21: /);
  for (const change of changes) {
    const [agreed, refunded, dropped] = change.match(/\$[\d,]+\.\d\d/g).map(cents);
    assert.equal(refunded + dropped, agreed, change);
  }
  const refundedPrice = changes.map((c) => cents(c.match(/\$[\d,]+\.\d\d(?= refunded)/)[0])).reduce((a, b) => a + b, 0);
  assert.equal(refundedPrice, 20_800, 'the price refunded across the payments is the price');
  await expectText(order.interestDropped, /^\$23\.18$/, { what: 'interest dropped on the order page' });
  await checkpoint(page, 'financing-cancelled-order', t);

  const klarna = await new MyKlarnaPage(page, site).open();
  const cancelled = klarna.planCard(id);
  await cancelled.waitFor();
  assert.doesNotMatch(await cancelled.textContent(), /231\.18/, 'the agreed total is not shown as the cost');
  assert.equal(await klarna.upcomingFor(id).count(), 0, 'no upcoming payment for a cancelled order');
  await expectText(cancelled.getByTestId('plan-owed'), /^\$0\.00$/, { what: 'plan owed' });
  await expectText(cancelled.getByTestId('plan-cost'), /^\$208\.00$/, { what: 'plan cost now: the price, no interest' });
  await expectText(cancelled.getByTestId('plan-interest-dropped'), /^\$23\.18$/, { what: 'interest dropped' });
  await cancelled.getByTestId('plan-owed').scrollIntoViewIfNeeded();
  await checkpoint(page, 'financing-cancelled-my-klarna', t);

  // Sixty days on: no reminder, no collection, still nothing owed.
  await klarna.clock.toDate(await daysLater(klarna.clock, 60));
  assert.deepEqual(chargedSubjects(await inboxSubjects(page)), []);
  const later = await new OrderPage(page, site).openOrder(id);
  await later.expectStatus(/^Cancelled$/);
  await expectText(later.owed, /^\$0\.00$/, { what: 'owed 60 days later' });
  assert.equal(await later.payments.getByTestId('payment-status').filter({ hasText: /^Paid$/ }).count(), 0);
  const after = await new MyKlarnaPage(page, site).open();
  await expectText(after.planCard(id).getByTestId('plan-owed'), /^\$0\.00$/, { what: 'plan owed 60 days later' });
  assert.equal(await after.upcomingFor(id).count(), 0);
}));

test('a financed order returned in full after delivery owes nothing more and keeps only the interest paid', options, (t) => site.withPage(t, async ({ page }) => {
  const id = await startScenario(page, site, 'financing');
  const order = await new OrderPage(page, site).openOrder(id);
  await order.clock.advanceUntil(() => order.allPackagesDelivered(), { by: 'parcel', max: 40, what: 'delivery' });
  await order.expectStatus(/^Delivered$/);

  // At least one payment made before the return: the first is paid early if the clock has
  // not reached it (its date usually falls after the 15-day return window closes).
  let klarna = await new MyKlarnaPage(page, site).open();
  await klarna.planCard(id).waitFor();
  const paidBefore = async () => klarna.planCard(id).getByTestId('payment-status').filter({ hasText: /^Paid$/ }).count();
  if ((await paidBefore()) === 0) {
    await klarna.upcomingFor(id).first().getByTestId('pay-now-installment').click();
    await expectText(klarna.message, /^Paid \$[\d,]+\.\d\d for payment 1 of 12/, { what: 'early payment' });
  }
  const paid = await paidBefore();
  assert.ok(paid >= 1, 'a payment was made before the return');
  const chargedBefore = chargedSubjects(await inboxSubjects(page));

  // Everything goes back, each package with its own return (the form offers the first
  // package still delivered).
  const returning = await new OrderPage(page, site).openOrder(id);
  const packages = await returning.packages.count();
  for (let n = 0; n < packages; n += 1) {
    await returning.fillReturn({ reason: 'Defective' });
    await expectText(returning.returnQuote, /100%/, { what: 'a full refund quote' });
    if (n === 0) {
      await returning.returnQuote.scrollIntoViewIfNeeded();
      await checkpoint(page, 'financing-return-form', t);
    }
    await returning.submitReturn();
    await returning.expectStatus(/^Return in progress$/);
  }
  await returning.clock.advanceUntil(async () => (await returning.refundRows.count()) === packages, { by: 'parcel', max: 20, what: 'every return received and refunded' });
  const refunded = (await texts(returning.refundRows)).map((r) => cents(r.match(/\$[\d,]+\.\d\d/)[0])).reduce((a, b) => a + b, 0);
  assert.equal(refunded, 20_800, 'the whole price is refunded');
  await expectText(returning.owed, /^\$0\.00$/, { what: 'owed after the return' });
  const statuses = await texts(returning.payments.getByTestId('payment-status'));
  assert.equal(statuses.filter((s) => s === 'Paid').length, paid, statuses.join(','));
  assert.equal(statuses.filter((s) => s === 'Refunded').length, 12 - paid, statuses.join(','));
  await checkpoint(page, 'financing-returned-order', t);

  klarna = await new MyKlarnaPage(page, site).open();
  const card = klarna.planCard(id);
  await card.waitFor();
  assert.equal(await klarna.upcomingFor(id).count(), 0);
  await expectText(card.getByTestId('plan-owed'), /^\$0\.00$/, { what: 'plan owed after the return' });
  assert.doesNotMatch(await card.locator('.plan-title .hint').textContent(), /231\.18/, 'the agreed total is not shown as the cost');
  // The cost now is the price and the interest of the payments made; the rest was dropped.
  const cost = cents(await expectText(card.getByTestId('plan-cost'), /^\$\d+\.\d\d$/, { what: 'plan cost' }));
  const dropped = cents(await expectText(card.getByTestId('plan-interest-dropped'), /^\$\d+\.\d\d$/, { what: 'interest dropped' }));
  assert.ok(cost > 20_800 && cost < 23_118, `cost ${cost}`);
  assert.equal(cost + dropped, 23_118, 'what it costs and what was dropped make the agreed total');
  await card.getByTestId('plan-owed').scrollIntoViewIfNeeded();
  await checkpoint(page, 'financing-returned-my-klarna', t);

  // Sixty days on: nothing more reminded or collected, and nothing owed.
  await klarna.clock.toDate(await daysLater(klarna.clock, 60));
  assert.deepEqual(chargedSubjects(await inboxSubjects(page)), chargedBefore);
  const after = await new MyKlarnaPage(page, site).open();
  await expectText(after.planCard(id).getByTestId('plan-owed'), /^\$0\.00$/, { what: 'plan owed 60 days later' });
  assert.equal(await after.planCard(id).getByTestId('payment-status').filter({ hasText: /^Paid$/ }).count(), paid);
  const final = await new OrderPage(page, site).openOrder(id);
  await expectText(final.owed, /^\$0\.00$/, { what: 'order owed 60 days later' });
}));
