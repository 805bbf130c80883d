// Monitoring, as a shopper meets it: buying from a seller that is not yet trusted holds the
// order for review (the provider's fraud status PENDING). While held, the order makes no
// delivery promise and sends one message; the review then accepts it (dates appear, "Order
// confirmed") or rejects it, and the rejection says exactly what the order page shows was
// paid and refunded.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, expectText, readStorage, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { stored } from './support/shopper.mjs';
import { AccountPage } from './pages/account-page.mjs';
import { CartPage } from './pages/cart-page.mjs';
import { CheckoutModal } from './pages/checkout-modal.mjs';
import { OrderPage } from './pages/order-page.mjs';
import { PaymentSettingsPage } from './pages/payment-settings-page.mjs';
import { ProductPage } from './pages/product-page.mjs';
import { ReceiptPage } from './pages/receipt-page.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS * 2 };

/** Sold by Fresh Start Goods, a new seller the shop does not trust yet. */
const UNTRUSTED_PRODUCT = 'ceramic-table-lamp';
const VISA = { number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };

/** The order page with what monitoring adds: the review box and the plan's balance. */
class HeldOrderPage extends OrderPage {
  constructor(page, site) {
    super(page, site);
    this.review = page.getByTestId('order-review');
    this.noDates = page.getByTestId('no-dates');
    this.estimates = page.getByTestId('delivery-estimate');
    this.guaranteed = page.getByTestId('guaranteed-by');
  }

  /** A figure of the plan's balance, by its label ("Paid", "Refunded to you"). */
  async balance(label) {
    const figure = this.page.locator('.plan-balance dt').filter({ hasText: new RegExp(`^${label}$`) }).locator('+ dd');
    return (await figure.textContent()).trim();
  }
}

/** The messages the inbox holds about `orderId`, oldest first, from what the app saved. */
async function messagesAbout(page, orderId) {
  const messages = stored(await readStorage(page), 'inbox')?.messages ?? [];
  return messages.filter((m) => m.link === `/orders/${orderId}`).map((m) => ({ subject: m.subject, body: m.body }));
}

/** Signs up, links Klarna, saves a Visa and pays for the untrusted seller's lamp with Pay in 4. */
async function buyFromUntrustedSeller(page) {
  const account = await new AccountPage(page, site).open();
  await account.fill({
    fullName: 'Ada Shopper', email: 'ada@example.com', street: '1 Main St', city: 'Springfield', region: 'IL', postcode: '62701', country: 'United States',
  });
  await account.save();
  await account.summary.waitFor();
  const settings = await new PaymentSettingsPage(page, site).open();
  await settings.linkKlarna('ada@example.com');
  await settings.expectLinked('ada@example.com');
  await settings.addCard(VISA);
  await expectText(settings.saved, /saved visa/i, { what: 'card saved' });

  const product = await new ProductPage(page, site).openProduct(UNTRUSTED_PRODUCT);
  await expectText(product.sellerTrust, /not yet trusted|new seller|untrusted/i, { what: 'seller trust' });
  await product.pickFirstAvailableVariant();
  await product.addToCart(1);
  const cart = await new CartPage(page, site).open();
  await cart.checkoutButton.click();
  const modal = await new CheckoutModal(page).waitOpen();
  await modal.choose('pay_in_4');
  await modal.pay('123456');
  const orderId = await new ReceiptPage(page, site).waitForOrder();
  await expectText(page.locator('.receipt-thanks'), /being checked before the seller ships it/, { what: 'receipt thanks' });
  return new HeldOrderPage(page, site).openOrder(orderId).then((order) => ({ order, orderId }));
}

async function expectHeld(page, order, orderId, t) {
  await order.expectStatus(/^Awaiting payment$/);
  await expectText(order.review, /Payment review: PENDING/, { what: 'review box' });
  await expectText(order.review, /Fresh Start Goods is not yet a trusted seller/, { what: 'why it is held' });
  await expectText(order.packageStatuses, /^Waiting for the payment review$/, { what: 'package status' });
  await expectText(order.noDates, /^Dates are set once the review is done$/, { what: 'no dates while held' });
  assert.equal(await order.estimates.count(), 0, 'no estimated delivery while held');
  assert.equal(await order.guaranteed.count(), 0, 'no guaranteed date while held');
  assert.deepEqual((await messagesAbout(page, orderId)).map((m) => m.subject), ["We're checking your order"],
    'one message while held, and no confirmation');
  await checkpoint(page, 'monitoring-held', t);
}

test('a held order promises no dates and sends one message; the review rejects it and says what was refunded', options, (t) => site.withPage(t, async ({ page }) => {
  const { order, orderId } = await buyFromUntrustedSeller(page);
  await expectHeld(page, order, orderId, t);

  await order.simulation.getByTestId('sim-reject-review').click();
  await order.expectStatus(/^Cancelled$/);
  await expectText(order.review, /Payment review: REJECTED/, { what: 'review box' });
  const paid = await order.balance('Paid');
  const refunded = await order.balance('Refunded to you');
  assert.match(paid, /^\$\d+\.\d\d$/);
  assert.equal(refunded, paid, 'everything paid goes back');
  await expectText(order.payments.first().getByTestId('payment-status'), /^Paid$/, { what: 'the first payment was paid' });
  const refund = `Your first payment of ${paid} is being refunded to Visa •••• 4242; nothing more will be collected.`;
  const shown = await expectText(order.review, /being refunded|not been charged/, { what: 'review message' });
  assert.ok(shown.includes(refund), shown);
  assert.doesNotMatch(shown, /not been charged|owe nothing/);
  await expectText(order.noDates, /^None: the order was not accepted$/, { what: 'no dates once rejected' });
  assert.equal(await order.estimates.count(), 0);
  await expectText(order.packageStatuses, /^Cancelled$/, { what: 'package status' });

  const messages = await messagesAbout(page, orderId);
  assert.deepEqual(messages.map((m) => m.subject), ["We're checking your order", 'We could not accept your order']);
  assert.ok(messages[1].body.endsWith(refund), messages[1].body);
  // The review box with the message heads the page: keep it in the screenshots.
  await page.evaluate(() => window.scrollTo(0, 0));
  await checkpoint(page, 'monitoring-rejected', t);
}));

test('the automatic review accepts a held order: dates from then on, and "Order confirmed"', options, (t) => site.withPage(t, async ({ page }) => {
  const { order, orderId } = await buyFromUntrustedSeller(page);
  await expectHeld(page, order, orderId, t);

  // One flag only: the provider's automatic review accepts it 30 minutes after the order.
  await order.clock.advanceDay();
  await order.expectStatus(/^Awaiting shipment$/);
  await expectText(order.review, /Payment review: ACCEPTED/, { what: 'review box' });
  await expectText(order.packageStatuses, /^(Seller ships by \w{3} \d+ \w{3} \d{4}|Accepted by the carrier|Left the origin facility|Shipped)$/, { what: 'package status' });
  assert.equal(await order.estimates.count(), 1, 'the package has its delivery estimate');
  assert.equal(await order.noDates.count(), 0);
  await expectText(order.guaranteed, /^\w{3} \d+ \w{3} \d{4}$/, { what: 'guaranteed date' });
  const subjects = (await messagesAbout(page, orderId)).map((m) => m.subject);
  assert.deepEqual(subjects.slice(0, 2), ["We're checking your order", 'Order confirmed']);
  await checkpoint(page, 'monitoring-accepted', t);
}));
