// What an order and a plan offer is what they accept: a button is shown only when the
// action behind it would be carried out. Each journey checks a button that used to be
// offered after the rules had closed it (or hidden while they allowed it).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, expectText, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { startScenario, startDelivered } from './support/scenarios.mjs';
import { OrderPage } from './pages/order-page.mjs';
import { MyKlarnaPage } from './pages/my-klarna-page.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS * 3 };

test('after the seller refuses a cancellation, "Cancel order" is no longer offered', options, (t) => site.withPage(t, async ({ page }) => {
  const id = await startScenario(page, site, 'pay_in_4');
  const order = await new OrderPage(page, site).openOrder(id);
  await order.expectStatus(/^Awaiting shipment$/);
  await order.cancelButton.click();
  await expectText(order.cancellationState, /Cancellation requested/, { what: 'request sent' });
  assert.equal(await order.cancelButton.count(), 0, 'not offered while the seller decides');
  await order.simulation.getByTestId('sim-refuse-cancellation').click();
  await expectText(order.cancellationState, /refused/, { what: 'seller refused' });
  await order.expectStatus(/^Awaiting shipment$/);
  assert.equal(await order.cancelButton.count(), 0, 'not offered after the refusal');
  await checkpoint(page, 'order-cancellation-refused', t);
}));

test('after a return starts, no "Start a return" and no return-by countdown', options, (t) => site.withPage(t, async ({ page }) => {
  const { order } = await startDelivered(page, site);
  await expectText(order.returnWindow, /Return by .* days? left/, { what: 'window while a return can start' });
  await order.fillReturn({ reason: 'Changed my mind' });
  await order.submitReturn();
  await order.expectStatus(/^Return in progress$/);
  assert.equal(await order.startReturnButton.count(), 0, 'no second return offered');
  await expectText(order.returnWindow, /Return on its way/, { what: 'the package card' });
  assert.doesNotMatch(await order.returnWindow.textContent(), /Return by|left/);
  await checkpoint(page, 'order-return-started', t);
}));

test('while one package is being returned, "Report a problem" is not offered for the other', options, (t) => site.withPage(t, async ({ page }) => {
  const { order } = await startDelivered(page, site, 'two_sellers');
  assert.equal(await order.packages.count(), 2);
  assert.equal(await order.reportProblemButton.count(), 1, 'offered while both can be reported');
  await order.fillReturn({ reason: 'Changed my mind' });
  await order.submitReturn();
  await order.expectStatus(/^Return in progress$/);
  assert.equal(await order.reportProblemButton.count(), 0, 'a dispute waits for the return');
  await checkpoint(page, 'order-return-blocks-dispute', t);
}));

test('"Not received" is not offered before the guaranteed date', options, (t) => site.withPage(t, async ({ page }) => {
  const id = await startScenario(page, site, 'pay_in_4');
  const order = await new OrderPage(page, site).openOrder(id);
  await order.clock.advanceUntil(async () => (await order.trackingNumbers.count()) > 0, { by: 'parcel', max: 20, what: 'shipment' });
  assert.equal(await order.allPackagesDelivered(), false, 'on its way');
  assert.equal(await order.reportProblemButton.count(), 0, 'nothing to report while it is on its way');
  await order.clock.advanceUntil(() => order.allPackagesDelivered(), { by: 'parcel', max: 40, what: 'delivery' });
  // Delivered by its guaranteed date: what can be wrong is the item, not its arrival.
  assert.deepEqual(await order.disputeReasons(), ['Not as described', 'Defective']);
  await checkpoint(page, 'order-dispute-reasons', t);
}));

test('a completed order says when its protection ended', options, (t) => site.withPage(t, async ({ page }) => {
  const { order } = await startDelivered(page, site);
  await page.getByTestId('confirm-receipt').click();
  await expectText(order.protection, /^Protected until \w{3} \d+ \w{3} \d{4}/, { what: 'protection running' });
  for (let week = 0; week < 3; week += 1) await order.clock.advanceWeek();
  await order.expectStatus(/^Completed$/);
  await expectText(order.protection, /^Buyer protection ended on \w{3} \d+ \w{3} \d{4}/, { what: 'protection ended' });
  await checkpoint(page, 'order-completed-protection', t);
}));

test('a paused plan offers its extension, and the extension works', options, (t) => site.withPage(t, async ({ page }) => {
  const { order } = await startDelivered(page, site);
  await order.openDispute('Not as described');
  await order.expectStatus(/^In dispute$/);
  const klarna = await new MyKlarnaPage(page, site).open();
  await expectText(klarna.planCards.first(), /Paused while a dispute is open/, { what: 'paused plan' });
  assert.ok((await klarna.extendButtons.count()) > 0, 'the extension is offered on a paused plan');
  await klarna.extend(0);
  await expectText(klarna.message, /is now due on/, { what: 'extended while paused' });
  assert.equal(await klarna.extendButtons.count(), 0, 'once per order');
  await checkpoint(page, 'my-klarna-paused-extended', t);
}));

test('a paid-off plan has no "Pay the whole balance"', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'pay_in_4');
  const klarna = await new MyKlarnaPage(page, site).open();
  await klarna.upcoming.first().waitFor();
  await klarna.payWholeBalance(0);
  await expectText(klarna.message, /Nothing more is owed/, { what: 'balance paid' });
  assert.equal(await klarna.payWholeBalanceButtons.count(), 0, 'nothing left to pay');
  await checkpoint(page, 'my-klarna-paid-off', t);
}));
