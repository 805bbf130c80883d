// Two tabs of the shop at once, racing: what both do is kept, nothing is written over.
// Each race is repeated, because a race that loses data does so only some of the time.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, eventually, expectText, readStorage, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { CartPage } from './pages/cart-page.mjs';
import { ProductPage } from './pages/product-page.mjs';
import { openModal, orderCount, prepareShopper, stored } from './support/shopper.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS };
const ROUNDS = 10;

function cartQuantity(storage) {
  const raw = storage['bnpl.cart'];
  if (!raw) return 0;
  return JSON.parse(raw).data.lines.reduce((sum, line) => sum + line.quantity, 0);
}

test('two tabs adding to the cart at the same moment keep every add', options, (t) => site.withPage(t, async ({ context, page }) => {
  const here = await new ProductPage(page, site).openProduct('aurora-wireless-earbuds');
  const otherTab = await context.newPage();
  const there = await new ProductPage(otherTab, site).openProduct('aurora-wireless-earbuds');
  const press = () => document.querySelector('[data-testid="add-to-cart"]').click();
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Both presses are sent before either tab hears of the other's save.
    await Promise.all([page.evaluate(press), otherTab.evaluate(press)]);
    await eventually(async () => cartQuantity(await readStorage(page)), (n) => n === 2 * round,
      { what: `the stored cart after round ${round} (two adds a round)` });
  }
  await expectText(here.cartCount, new RegExp(`^\\D*${2 * ROUNDS}\\D*$`), { what: 'the cart count in the first tab' });
  await expectText(there.cartCount, new RegExp(`^\\D*${2 * ROUNDS}\\D*$`), { what: 'the cart count in the other tab' });
}));

// Ten checkouts in two tabs take longer than one journey's usual allowance.
test('two tabs pressing the pay button at the same moment place one order, numbered once', { timeout: 3 * TEST_TIMEOUT_MS }, (t) => site.withPage(t, async ({ context, page }) => {
  await prepareShopper(page, site);
  const otherTab = await context.newPage();
  // A tab that has already heard of the other's attempt shows it instead of the button.
  const press = () => document.querySelector('[data-testid="confirm-payment"]')?.click();
  for (let round = 1; round <= ROUNDS; round += 1) {
    if (round > 1) await new ProductPage(page, site).openProduct('aurora-wireless-earbuds').then((p) => p.addToCart(1));
    for (const tab of [page, otherTab]) {
      const modal = await openModal(await new CartPage(tab, site).open());
      await modal.choose('pay_in_4');
      await modal.enterCode('123456');
    }
    await Promise.all([page.evaluate(press), otherTab.evaluate(press)]);
    await eventually(() => orderCount(page), (n) => n >= round, { what: `an order placed in round ${round}` });
    // Both tabs are done: neither is still authorizing (the one that paid shows its receipt).
    const progress = () => document.querySelector('[data-testid="checkout-progress"]')?.textContent ?? '';
    await eventually(async () => (await page.evaluate(progress)) + (await otherTab.evaluate(progress)),
      (text) => !/authorizing/i.test(text), { what: 'both tabs finished' });
    const storage = await readStorage(page);
    const orders = Object.keys(stored(storage, 'orders').records);
    assert.equal(orders.length, round, `one order in round ${round}: ${orders}`);
    assert.equal(new Set(orders).size, orders.length, 'every order number once');
    assert.equal(Object.keys(stored(storage, 'klarna').orders).length, round, 'one provider order a round');
  }
}));
