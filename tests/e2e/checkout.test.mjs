// Checkout with Klarna, as a shopper clicks (and types) through it: set up an account,
// link Klarna, save a card, fill the cart, pay in the modal. Runs against the release
// bundle; every test fails on a console error (support/harness.mjs).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, eventually, expectText, readStorage, TEST_TIMEOUT_MS, fillStorage, emptyFillers } from './support/harness.mjs';
import { CartPage } from './pages/cart-page.mjs';
import { CheckoutModal } from './pages/checkout-modal.mjs';
import { PaymentSettingsPage } from './pages/payment-settings-page.mjs';
import { ProductPage } from './pages/product-page.mjs';
import { ReceiptPage } from './pages/receipt-page.mjs';
import { UK, VISA, orderCount, prepareShopper, openModal, stored } from './support/shopper.mjs';
import { SimulationPage } from './pages/simulation-page.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS };

async function payAndExpectReceipt(page, modal, code = '123456') {
  await modal.pay(code);
  const receipt = new ReceiptPage(page, site);
  const orderId = await receipt.waitForOrder();
  assert.match(orderId, /^BM-\d{6}$/);
  return { receipt, orderId };
}

test('pay in 4 (US) is approved: one order, the receipt, an empty cart', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site);
  const modal = await openModal(cart);
  await modal.option('pay_in_4').waitFor();
  assert.equal(await modal.options.count(), 7, 'every US option is listed');
  assert.equal(await modal.option('financing_12').locator('input').isDisabled(), true, 'financing needs 150 USD');
  await expectText(modal.option('financing_12'), /not available: .*\$150\.00/i, { what: 'financing reason' });
  await modal.choose('pay_in_4');
  await eventually(() => modal.installments.count(), (n) => n === 4, { what: 'pay in 4 rows' });
  await modal.openComparison();
  await modal.timeline.waitFor();
  await checkpoint(page, 'checkout-modal-us', t);

  const { receipt, orderId } = await payAndExpectReceipt(page, modal);
  await expectText(receipt.method, /Visa •••• 4242/, { what: 'method on the receipt' });
  await expectText(receipt.providerReference, /^kl_ord_/, { what: 'Klarna reference' });
  assert.equal(await receipt.installments.count(), 4);
  assert.equal(await orderCount(page), 1);
  await expectText(cart.cartCount, /^\D*0\D*$/, { what: 'cart count after the order' });
  // "You're all set": the first payment was taken today, so the second comes next.
  const allSet = page.getByTestId('all-set');
  await expectText(allSet.getByTestId('all-set-next-payment'),
    /^\$\d+\.\d\d on \w{3} \d{1,2} \w{3} \d{4} with Visa •••• 4242 \(payment 2 of 4\)\.$/,
    { what: 'next payment' });
  await expectText(allSet.getByTestId('all-set-parcel').first(),
    /^.+: expected from \w{3} \d{1,2} \w{3} \d{4}, guaranteed by \w{3} \d{1,2} \w{3} \d{4}$/,
    { what: 'parcel arrival window' });
  assert.match(await allSet.getByTestId('view-order').getAttribute('href'), new RegExp(`/orders/${orderId}$`));
  await checkpoint(page, 'receipt', t);
  await allSet.getByTestId('continue-shopping').click();
  await eventually(() => page.getByTestId('product-card').count(), (n) => n > 0, { what: 'back in the shop' });
  assert.equal(site.routeOf(page.url()), '/');
  assert.ok(orderId);
}));

test('pay in 3 (UK) is approved with three payments in pounds', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site, { market: UK, email: 'uma@example.co.uk' });
  const modal = await openModal(cart);
  assert.equal(await modal.options.count(), 3, 'pay in 3, pay in 30 days, pay now');
  await modal.choose('pay_in_3');
  await eventually(() => modal.installments.count(), (n) => n === 3, { what: 'pay in 3 rows' });
  await expectText(modal.installments.first(), /£/, { what: 'first payment in pounds' });
  const { receipt } = await payAndExpectReceipt(page, modal);
  assert.equal(await receipt.installments.count(), 3);
  assert.equal(await orderCount(page), 1);
}));

test('a declined persona sees the reason, keeps the cart, and can still choose', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site, { email: 'dee+denied@example.com' });
  const modal = await openModal(cart);
  await modal.choose('pay_in_4');
  await modal.pay('123456');
  await expectText(modal.declined, /could not approve/i, { what: 'decline reason' });
  assert.equal(await orderCount(page), 0);
  assert.equal(await modal.option('pay_in_30').locator('input').isEnabled(), true, 'other options are still offered');
  await expectText(cart.cartCount, /^\D*1\D*$/, { what: 'cart kept' });
}));

test('a wrong code is refused and the right one then goes through', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site);
  const modal = await openModal(cart);
  await modal.pay('999999');
  await expectText(modal.otpError, /not correct/i, { what: 'wrong code message' });
  assert.equal(await modal.otp.getAttribute('aria-invalid'), 'true');
  assert.equal(await orderCount(page), 0);
  await payAndExpectReceipt(page, modal, '246810');
  assert.equal(await orderCount(page), 1);
}));

test('financing shows its APR and total interest before the shopper agrees', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site, { quantity: 4 });
  const modal = await openModal(cart);
  await modal.choose('financing_12');
  await eventually(() => modal.installments.count(), (n) => n === 12, { what: '12 monthly rows' });
  await expectText(modal.apr, /^19\.99%$/, { what: 'APR' });
  await expectText(modal.interest, /^\$[1-9]\d*\.\d\d$/, { what: 'total interest' });
  await expectText(modal.terms, /19\.99% APR, total interest \$\d+\.\d\d, total cost \$/, { what: 'plain terms' });
  const { receipt } = await payAndExpectReceipt(page, modal);
  assert.equal(await receipt.installments.count(), 12);
}));

test('the whole checkout works with the keyboard only', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site);
  const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
  await page.locator('body').focus();
  for (let i = 0; i < 80 && (await focusedTestId()) !== 'checkout-button'; i += 1) await page.keyboard.press('Tab');
  assert.equal(await focusedTestId(), 'checkout-button', 'Tab reaches "Pay with Klarna"');
  await page.keyboard.press('Enter');
  const modal = await new CheckoutModal(page).waitOpen();
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('[role=dialog]')), true, 'focus moved into the dialog');

  await page.keyboard.press('Escape');
  await modal.dialog.waitFor({ state: 'hidden' });
  assert.equal(await focusedTestId(), 'checkout-button', 'focus returns to the button');

  await page.keyboard.press('Enter');
  await modal.waitOpen();
  for (let i = 0; i < 40 && (await focusedTestId()) !== 'identity-continue'; i += 1) await page.keyboard.press('Tab');
  assert.equal(await focusedTestId(), 'identity-continue', 'Tab reaches "Continue as"');
  await page.keyboard.press('Enter');
  await eventually(focusedTestId, (id) => id === 'otp-input', { what: 'focus on the code once it is sent' });
  await page.keyboard.type('135790');
  await page.keyboard.press('Enter');
  await new ReceiptPage(page, site).waitForOrder();
  assert.equal(await orderCount(page), 1);
}));

test('a double click on pay places one order', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site);
  const modal = await openModal(cart);
  await modal.enterCode('123456');
  // Two clicks in the same task, before any re-render could disable the button.
  await modal.confirmButton.evaluate((button) => { button.click(); button.click(); });
  await new ReceiptPage(page, site).waitForOrder();
  assert.equal(await orderCount(page), 1);
  const klarna = stored(await readStorage(page), 'klarna');
  assert.equal(Object.keys(klarna.orders).length, 1, 'one order at Klarna too');
}));

test('a timeout offers a retry that continues the same payment: one order', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site);
  const sim = await new SimulationPage(page, site).open();
  await sim.injectFault('timeout');
  await expectText(page.getByTestId('sim-tab-lock'), /one tab at a time, using the browser's Web Locks\.$/,
    { what: 'which cross-tab lock is in use' });
  await checkpoint(page, 'simulation-panel', t);
  await cart.open();
  const modal = await openModal(cart);
  await modal.pay('123456');
  await expectText(modal.retryable, /no answer from klarna/i, { what: 'timeout message' });
  assert.equal(await orderCount(page), 0);
  await modal.retryButton.click();
  await new ReceiptPage(page, site).waitForOrder();
  assert.equal(await orderCount(page), 1);
  assert.equal(Object.keys(stored(await readStorage(page), 'klarna').orders).length, 1);
}));

test('a reload during authorization loses nothing and places at most one order', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site);
  const sim = await new SimulationPage(page, site).open();
  await sim.panel.waitFor();
  await sim.setLatency(4000);
  await cart.open();
  const before = (await cart.total.textContent()).trim();
  const modal = await openModal(cart);
  await modal.pay('123456');
  await expectText(modal.progress, /authorizing/i, { what: 'progress while Klarna works' });
  await page.reload();
  await cart.waitUntilReady();

  assert.ok((await orderCount(page)) <= 1, 'never two orders');
  assert.equal(await orderCount(page), 0, 'the reload came before Klarna answered');
  assert.equal((await cart.total.textContent()).trim(), before, 'the cart is intact');
  await cart.interrupted.waitFor();
  await cart.resumeButton.click();
  await new ReceiptPage(page, site).waitForOrder();
  assert.equal(await orderCount(page), 1);
  assert.equal(stored(await readStorage(page), 'pending-checkout').in_flight, null, 'the attempt is settled');
}));

test('a card number failing the Luhn check is refused and nothing is saved', options, (t) => site.withPage(t, async ({ page }) => {
  const settings = await new PaymentSettingsPage(page, site).open();
  await settings.addCard({ number: '4242 4242 4242 4241', expiry: '12/30', cvc: '123' });
  await expectText(settings.fieldError('card-number'), /typo/i, { what: 'Luhn message' });
  assert.equal(await page.getByTestId('card-number').getAttribute('aria-invalid'), 'true');
  assert.equal(await settings.methods.count(), 0);
  const payments = stored(await readStorage(page), 'payments');
  assert.equal(Object.keys(payments?.methods ?? {}).length, 0);
  await checkpoint(page, 'payment-settings-card-error', t);

  await settings.addCard(VISA);
  await expectText(settings.saved, /saved visa •••• 4242/i, { what: 'saved card' });
  assert.equal(await page.getByTestId('card-number').inputValue(), '', 'inputs are cleared after saving');
  const raw = JSON.stringify(await readStorage(page));
  assert.ok(!raw.includes('4242424242424242') && !raw.includes('4242 4242 4242 4242'), 'the full number is never stored');

  await settings.addWallet('ada@wallet.example');
  await expectText(page.getByTestId('payment-method').last(), /not available\. a wallet can't be charged automatically/i, { what: 'wallet autopay reason' });
}));

test('a new Klarna user signs up while linking; a shopper without Klarna is told how to fix it', options, (t) => site.withPage(t, async ({ page }) => {
  const settings = await new PaymentSettingsPage(page, site).open();
  await settings.klarnaEmail.fill('nia+new_user@example.com');
  await settings.sendCode.click();
  await settings.code.fill('999999');
  await settings.verify.click();
  await expectText(settings.codeError, /not correct/i, { what: 'wrong code when linking' });
  await settings.code.fill('111111');
  await settings.verify.click();
  await settings.signUp.waitFor();
  await page.getByLabel('Full name').fill('Nia Newcomer');
  await page.getByLabel(/agree/i).check();
  await page.getByTestId('klarna-create-account').click();
  await settings.expectLinked('nia+new_user@example.com');

  const product = await new ProductPage(page, site).openProduct('aurora-wireless-earbuds');
  await product.addToCart(1);
  const cart = await new CartPage(page, site).open();
  const modal = await openModal(cart);
  await expectText(modal.missing, /create your account/i, { what: 'missing account explained' });
  await checkpoint(page, 'checkout-modal-missing-account', t);
}));

test('a checkout while storage is full saves nothing, shows no receipt, and goes through once there is room', options, (t) => site.withPage(t, async ({ page }) => {
  const cart = await prepareShopper(page, site);
  const modal = await openModal(cart);
  await modal.choose('pay_in_4');
  const before = await readStorage(page);
  await fillStorage(page);
  await modal.pay('123456');
  await expectText(modal.retryable, /nothing was saved: browser storage is full/i, { what: 'why nothing happened' });
  const during = await readStorage(page);
  for (const key of ['bnpl.orders', 'bnpl.payments', 'bnpl.klarna', 'bnpl.cart', 'bnpl.inbox']) {
    assert.equal(during[key], before[key], `${key} is as it was before the checkout`);
  }
  assert.equal(during['bnpl.journal'], undefined, 'no half-done commit is left');
  assert.equal(await page.getByTestId('order-confirmation').count(), 0, 'no receipt for an order that is not saved');
  await expectText(cart.cartCount, /^\D*1\D*$/, { what: 'the cart keeps the earbuds' });
  await checkpoint(page, 'checkout-storage-full', t);

  await emptyFillers(page);
  // Nothing of the attempt was kept, so the shopper confirms again.
  await modal.pay('123456');
  const receipt = new ReceiptPage(page, site);
  await receipt.waitForOrder();
  assert.equal(await orderCount(page), 1, 'one order once there is room');
}));
