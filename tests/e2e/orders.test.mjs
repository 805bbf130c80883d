// Orders after checkout, as a shopper meets them: history with filter and search, cancelling
// before shipment, two sellers shipping two tracked packages, returns inside and outside the
// window, a dispute that pauses the plan, and an exchange. Seller-side decisions come from
// the order page's Simulation box. Every journey starts from a demo scenario.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, eventually, expectText, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { startScenario, startDelivered } from './support/scenarios.mjs';
import { OrdersPage } from './pages/orders-page.mjs';
import { OrderPage } from './pages/order-page.mjs';
import { MyKlarnaPage } from './pages/my-klarna-page.mjs';
import { storedInboxText } from './support/shopper.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS * 3 };

test('order history lists, filters and searches orders; cancel before shipment refunds', options, (t) => site.withPage(t, async ({ page }) => {
  const id = await startScenario(page, site, 'pay_in_4');
  const orders = await new OrdersPage(page, site).open();
  await orders.rows.first().waitFor();
  assert.equal(await orders.rows.count(), 1);
  await checkpoint(page, 'orders', t);
  await orders.filterByStatus('Shipped');
  await expectText(orders.count, /^0 orders$/, { what: 'filtered count' });
  await orders.filterByStatus('Awaiting shipment');
  await expectText(orders.count, /^1 order$/, { what: 'filtered count' });
  await orders.search.fill('no such thing');
  await expectText(orders.count, /^0 orders$/, { what: 'search count' });
  await orders.search.fill(id.toLowerCase());
  await expectText(orders.count, /^1 order$/, { what: 'search count' });
  await orders.rows.first().getByRole('link').click();

  const order = new OrderPage(page, site);
  await order.expectStatus(/^Awaiting shipment$/);
  assert.equal(await order.refundRows.count(), 0);
  await expectText(order.protection, /starts when the seller ships/, { what: 'protection' });
  await checkpoint(page, 'order-awaiting-shipment', t);
  await page.getByTestId('cancel-order').click();
  await expectText(page.getByTestId('cancellation-state'), /Cancellation requested/, { what: 'cancellation' });
  await order.simulation.getByTestId('sim-approve-cancellation').click();
  await order.expectStatus(/^Cancelled$/);
  await order.refundRows.first().waitFor();
  await expectText(order.owed, /\$0\.00/, { what: 'owed after cancelling' });
  await expectText(order.payments.first().getByTestId('payment-status'), /^Paid$/, { what: 'first payment' });
  await checkpoint(page, 'order-cancelled', t);
  // The money paid at checkout comes back after its processing delay.
  await order.clock.advanceWeek();
  const klarna = await new MyKlarnaPage(page, site).open();
  await expectText(klarna.balance, /\$0\.00/, { what: 'nothing owed' });
  const inbox = await storedInboxText(page);
  assert.match(inbox, /Refund processed/);
}));

test('two sellers ship two packages, each with its tracking number and scans', options, (t) => site.withPage(t, async ({ page }) => {
  const id = await startScenario(page, site, 'two_sellers');
  const order = await new OrderPage(page, site).openOrder(id);
  await order.packages.nth(1).waitFor();
  assert.equal(await order.packages.count(), 2);
  assert.equal(await page.getByTestId('delivery-estimate').count(), 2);
  await order.clock.advanceUntil(async () => (await order.trackingNumbers.count()) === 2, { by: 'parcel', max: 30, what: 'both packages shipped' });
  const numbers = (await order.trackingNumbers.allTextContents()).map((n) => n.trim());
  assert.notEqual(numbers[0], numbers[1]);
  await expectText(order.protection, /Protected until/, { what: 'protection once shipped' });
  await checkpoint(page, 'order-two-packages-shipped', t);
  await order.clock.advanceUntil(() => order.allPackagesDelivered(), { by: 'parcel', max: 40, what: 'both delivered' });
  await order.expectStatus(/^Delivered$/);
  // Each parcel was scanned on its way, at least when accepted, out for delivery and delivered.
  for (const pkg of await order.packages.all()) {
    assert.ok((await pkg.getByTestId('tracking-event').count()) >= 3);
    await expectText(pkg.getByTestId('tracking-event').first(), /Delivered/, { what: 'latest scan' });
  }
  assert.equal(await order.returnWindow.count(), 2, 'each package has its return window');
  await page.getByTestId('confirm-receipt').click();
  await expectText(order.message, /receipt confirmed/, { what: 'confirm receipt' });
  await expectText(order.protection, /Protected until \w{3} \d+ \w{3} \d{4}/, { what: 'protection end' });
  assert.ok((await order.timeline.count()) > 8, 'the timeline has everything that happened');
  await checkpoint(page, 'order-two-packages-delivered', t);
}));

test('a return within the window gives a partial refund that lowers the remaining payments', options, (t) => site.withPage(t, async ({ page }) => {
  const { order } = await startDelivered(page, site);
  const owedBefore = (await order.owed.textContent()).trim();
  await expectText(order.returnWindow, /Return by .* days? left/, { what: 'return window' });
  await order.fillReturn({ reason: 'Changed my mind', original: true, resellable: false });
  await expectText(page.getByTestId('return-shipping'), /Paid by you/, { what: 'who pays shipping' });
  await expectText(order.returnQuote, /80%/, { what: 'partial refund quote' });
  await checkpoint(page, 'order-return-form', t);
  await order.submitReturn();
  await order.expectStatus(/^Return in progress$/);
  await expectText(order.message, /^Return started: send the package back/, { what: 'return confirmation' });
  await order.clock.advanceUntil(async () => (await order.refundRows.count()) > 0, { by: 'parcel', max: 10, what: 'the return received and refunded' });
  // The confirmation spoke of the moment the return was sent: once time moved, it is gone.
  await expectText(order.message, /^$/, { what: 'no stale confirmation after the refund' });
  const owedAfter = (await order.owed.textContent()).trim();
  assert.notEqual(owedAfter, owedBefore, 'the refund changed what is still owed');
  await expectText(order.payments.last(), /refunded/, { what: 'a remaining payment shows the refund' });
  await checkpoint(page, 'order-returned', t);
}));

test('after the window the package says it closed and no return is offered', options, (t) => site.withPage(t, async ({ page }) => {
  const { order } = await startDelivered(page, site);
  await order.clock.advanceWeek();
  await order.clock.advanceWeek();
  await order.clock.advanceDay();
  await order.clock.advanceDay();
  await expectText(order.returnWindow, /window closed on/, { what: 'closed window' });
  assert.equal(await order.startReturnButton.count(), 0, 'a return the window refuses is not offered');
  assert.notEqual(await order.statusText(), 'Return in progress');
  await checkpoint(page, 'order-return-refused', t);
}));

test('a dispute pauses collections while the clock moves', options, (t) => site.withPage(t, async ({ page }) => {
  // "Not received" waits for the guaranteed date; an item in hand can be reported at once.
  const { id, order } = await startDelivered(page, site);
  await order.openDispute('Not as described');
  await order.expectStatus(/^In dispute$/);
  await checkpoint(page, 'order-in-dispute', t);
  const klarna = await new MyKlarnaPage(page, site).open();
  assert.deepEqual(await klarna.planStatusWords(), ['Paid', 'Paused', 'Paused', 'Paused']);
  await expectText(klarna.planCards.first(), /Paused while a dispute is open/, { what: 'paused note' });
  await klarna.clock.advanceWeek();
  await klarna.clock.advanceWeek();
  await klarna.clock.advanceWeek();
  assert.equal(await klarna.countStatus('Paid'), 1, 'nothing collected while paused');
  const inbox = await storedInboxText(page);
  assert.doesNotMatch(inbox, /Payment collected/);
  // Every remaining payment is paused: none is headlined as collected on a day that passed.
  assert.equal(await klarna.nextPayment.count(), 0, 'no "next payment" while the plan is paused');
  await checkpoint(page, 'my-klarna-paused', t);
  // The marketplace decides for the seller: the plan resumes with its dates moved.
  const again = await new OrderPage(page, site).openOrder(id);
  await again.simulation.getByTestId('sim-dispute-seller').click();
  await eventually(() => again.statusText(), (s) => s !== 'In dispute', { what: 'dispute decided' });
  const resumed = await new MyKlarnaPage(page, site).open();
  assert.equal(await resumed.countStatus('Paused'), 0);
}));

test('an item damaged on arrival is exchanged for a replacement', options, (t) => site.withPage(t, async ({ page }) => {
  const { order } = await startDelivered(page, site);
  await order.fillReturn({ reason: 'Changed my mind' });
  assert.equal(await page.getByTestId('return-exchange').isDisabled(), true, 'no exchange for a change of mind');
  await page.getByTestId('return-reason').selectOption({ label: 'Damaged on arrival' });
  await page.getByTestId('return-exchange').check();
  await expectText(page.getByTestId('return-shipping'), /Paid by the seller/, { what: 'who pays shipping' });
  await order.submitReturn();
  await order.expectStatus(/^Return in progress$/);
  await order.clock.advanceUntil(async () => (await order.packages.count()) === 2, { by: 'parcel', max: 10, what: 'a replacement package' });
  await expectText(order.packages.nth(1), /Replacement for package/, { what: 'replacement' });
  await order.clock.advanceUntil(async () => (await order.trackingNumbers.count()) === 2, { by: 'parcel', max: 10, what: 'replacement shipped' });
  assert.equal(await order.refundRows.count(), 0, 'an exchange refunds nothing');
  await checkpoint(page, 'order-exchanged', t);
}));
