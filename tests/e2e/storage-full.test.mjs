// A full browser storage: the change is kept in the tab, and the shopper is told.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, expectText, readStorage, TEST_TIMEOUT_MS, fillStorage } from './support/harness.mjs';
import { ProductPage } from './pages/product-page.mjs';
import { startScenario } from './support/scenarios.mjs';

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

test('when storage is full at the start, what fell due is held back and the notice says the shop tries again', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'pay_in_4');
  const before = await readStorage(page);
  await fillStorage(page);
  // Three weeks later on this device: the second payment and the parcel's updates fell due
  // while the shop was closed, and storage has no room for them.
  await page.clock.setFixedTime(Date.now() + 21 * 24 * 60 * 60 * 1000);
  await page.goto(site.urlFor('/'));
  // Not `waitForStart`: the fake clock stands in for `performance` too, so its marks are not
  // seen; the notice below is what this journey waits for.
  await page.getByTestId('app-ready').waitFor({ state: 'attached' });
  const notice = page.getByTestId('storage-notice').filter({ hasText: /fell due/ });
  await expectText(notice, /^What fell due .* could not be saved: browser storage is full\. None of it is shown yet; the shop tries again every minute, so free some browser storage\./, { what: 'catch-up notice' });
  assert.doesNotMatch(await notice.textContent(), /try again\./, 'no "try again" for a step the shopper did not take');
  const after = await readStorage(page);
  assert.equal(after['bnpl.payments'], before['bnpl.payments'], 'the payments stored are as they were');
  await checkpoint(page, 'storage-full-catch-up', t);
  await page.evaluate(() => localStorage.clear());
}));
