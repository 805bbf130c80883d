// A full browser storage: the change is kept in the tab, and the shopper is told.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, expectText, readStorage, TEST_TIMEOUT_MS, fillStorage } from './support/harness.mjs';
import { ProductPage } from './pages/product-page.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS };

test('when storage is full, adding to the cart still works in the tab and a notice says it was not saved', options, (t) => site.withPage(t, async ({ page }) => {
  const product = await new ProductPage(page, site).openProduct('everyday-organic-tee');
  await fillStorage(page);
  await product.pickFirstAvailableVariant();
  await product.addButton.click();
  await expectText(product.cartCount, /1/, { what: 'the cart count in this tab' });
  await expectText(product.storageNotice, /could not save your cart/i, { what: 'storage notice' });
  assert.equal((await readStorage(page))['bnpl.cart'], undefined, 'nothing half-written was stored');
  await checkpoint(page, 'storage-full', t);
  await page.evaluate(() => localStorage.clear());
}));
