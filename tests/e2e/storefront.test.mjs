// Storefront journeys: browse, search, filter, a product with its variants and delivery
// choice, the cart and its quantity rules, and hostile input shown as text.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, eventually, expectText, readStorage, PHONE, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { assertTextFits } from './support/text-fit.mjs';
import { CatalogPage } from './pages/catalog-page.mjs';
import { ProductPage } from './pages/product-page.mjs';
import { CartPage } from './pages/cart-page.mjs';
import { AccountPage } from './pages/account-page.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS };
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';

/** The query string of the page's URL, where the catalog keeps its search and filters. */
function search(page) {
  return new URL(page.url()).search;
}

function storedCart(storage) {
  return JSON.parse(storage['bnpl.cart']).data;
}

test('browse, search and filter, with the query in the URL and the back button restoring it', options, (t) => site.withPage(t, async ({ page }) => {
  const catalog = await new CatalogPage(page, site).open();
  await catalog.expectCount(/^48 products$/);
  await checkpoint(page, 'catalog', t);

  await catalog.search('merino');
  await eventually(() => search(page), (r) => r.includes('q=merino'), { what: 'search in the URL' });
  assert.equal(catalog.route(), '/', 'a search stays on the catalog, under the base path once');
  const names = await catalog.cardNames();
  assert.ok(names.length > 0 && names.length < 48, `merino finds some products, found ${names.length}`);
  assert.ok(names.some((n) => /merino/i.test(n)), `a merino product is listed: ${names}`);

  await catalog.category.selectOption({ label: 'Electronics' }).catch(async () => {
    await catalog.category.selectOption({ index: 2 });
  });
  await catalog.freeShipping.check();
  await eventually(() => search(page), (r) => r.includes('free=1') || r.includes('free=true'), { what: 'free shipping in the URL' });

  await page.goBack();
  await eventually(() => search(page), (r) => !r.includes('free'), { what: 'back removes the free-shipping filter' });
  assert.equal(await catalog.freeShipping.isChecked(), false, 'the checkbox follows the URL back');

  await catalog.search('zzzz-nothing-matches');
  await catalog.emptyResults.waitFor();
  await checkpoint(page, 'catalog-empty', t);
  const clearFilters = catalog.emptyResults.getByRole('button', { name: 'Clear filters' });
  await expectText(catalog.emptyResults, /Nothing matches "zzzz-nothing-matches"\./, { what: 'what found nothing' });
  assert.equal(await clearFilters.count(), 0, 'no filters to clear');
  await catalog.freeShipping.check();
  await expectText(catalog.emptyResults, /Nothing matches "zzzz-nothing-matches" with these filters/, { what: 'words and a filter' });
  await clearFilters.click();
  await eventually(() => search(page), (r) => !r.includes('free'), { what: 'the filter cleared' });
  await expectText(catalog.resultCount, /^0 products$/, { what: 'words still apply after clearing filters' });
  await catalog.emptyResults.getByRole('button', { name: 'Show all products' }).click();
  await expectText(catalog.resultCount, /^48 products$/, { what: 'every product again' });
  await eventually(() => search(page), (r) => r === '', { what: 'the plain shop URL' });
}));

test('typing offers categories, sellers and products; no results offers the categories', options, (t) => site.withPage(t, async ({ page }) => {
  const catalog = await new CatalogPage(page, site).open();
  await catalog.searchBox.fill('sho');
  await eventually(() => catalog.suggestions(), (list) => list.length > 1, { what: 'suggestions for "sho"' });
  const shoes = await catalog.suggestions();
  assert.deepEqual(shoes[0], { value: 'Shoes', label: 'Category' }, JSON.stringify(shoes));
  assert.ok(shoes.slice(1).every((s) => s.label === 'Product' && /\bsho/i.test(s.value)), JSON.stringify(shoes));
  await catalog.searchBox.fill('northw');
  await eventually(() => catalog.suggestions(), (list) => list.some((s) => s.value === 'Northwind Outfitters' && s.label === 'Seller'), { what: 'a seller by its name' });
  await catalog.searchBox.fill('s');
  await eventually(() => catalog.suggestions(), (list) => list.length === 0, { what: 'one letter suggests nothing' });

  // The words shoppers type find the catalog's products: plurals and a seller's name.
  await catalog.search('jackets');
  await eventually(() => catalog.cardNames(), (names) => names.includes('Harbour Waterproof Rain Jacket'), { what: '"jackets" finds the rain jacket' });
  await catalog.search('northwind');
  await eventually(() => catalog.cardNames(), (names) => names.includes('Everyday Organic Cotton T-Shirt'), { what: 'a seller\'s name finds its products' });

  await catalog.search('zzzz-nothing-matches');
  await catalog.emptyResults.waitFor();
  const categories = catalog.browseCategories.getByRole('link');
  assert.equal(await categories.count(), 8, 'every category is offered');
  await categories.filter({ hasText: /^Shoes$/ }).click();
  await eventually(() => search(page), (r) => r === '?cat=shoes', { what: 'the category without the words' });
  await expectText(catalog.pageTitle, /^Shoes$/, { what: 'the category page' });
  await expectText(catalog.resultCount, /^[1-9]\d* products?$/, { what: 'shoes are listed' });
  assert.equal(await catalog.searchBox.inputValue(), '', 'the search box is cleared');
}));

test('a price filter refuses text and narrows the grid', options, (t) => site.withPage(t, async ({ page }) => {
  const catalog = await new CatalogPage(page, site).open();
  await catalog.minPrice.fill('cheap');
  await catalog.applyPrice.click();
  await expectText(page.locator('#price-error'), /not a price/i, { what: 'price error' });
  await catalog.minPrice.fill('100');
  await catalog.applyPrice.click();
  await eventually(() => search(page), (r) => r.includes('min=100'), { what: 'min price in the URL' });
  const count = await catalog.cards.count();
  assert.ok(count > 0 && count < 48, `only pricier products remain (${count})`);
}));

test('a product: pick a variant and delivery, add to cart, change quantity, reload and the cart is intact', options, (t) => site.withPage(t, async ({ page }) => {
  const product = await new ProductPage(page, site).openProduct('everyday-organic-tee');
  await expectText(product.teaser, /4 interest-free payments of \$|Pay in 4/, { what: 'Klarna teaser' });
  await product.pickFirstAvailableVariant();
  await expectText(product.availability, /in stock|left in stock/i, { what: 'availability' });
  await product.deliveryOptions.nth(1).check();
  await product.sellerTrust.waitFor();
  await checkpoint(page, 'product', t);

  await product.quantity.fill('2');
  await product.addButton.click();
  await expectText(product.feedback, /added to your cart/i, { what: 'add-to-cart feedback' });
  // The confirmation shows the item as it went in: its picture, the choice and how many.
  await expectText(product.added.item, /^Everyday Organic Cotton T-Shirt · \w[\w ]* \/ \w+ × 2$/, { what: 'the added item' });
  await expectText(product.added.cartTotal, /^Your cart: 2 items, \$\d+\.\d\d$/, { what: 'what the cart holds now' });
  assert.equal(await product.added.box.locator('svg.product-picture').count(), 1, 'the added item has its picture');
  await expectText(product.cartCount, /2/, { what: 'cart count' });
  await checkpoint(page, 'product-added', t);

  const cart = await new CartPage(page, site).open();
  assert.equal(await cart.lines.count(), 1);
  const before = await cart.total.textContent();
  await cart.setQuantity('3');
  await eventually(() => cart.total.textContent(), (text) => text !== before, { what: 'the total follows the quantity' });
  await expectText(cart.cartCount, /3/, { what: 'cart count after change' });
  await checkpoint(page, 'cart', t);

  await page.reload();
  await cart.waitUntilReady();
  assert.equal(await cart.lines.count(), 1, 'the line survives a reload');
  assert.equal(await cart.line().quantity.inputValue(), '3');
  assert.equal(storedCart(await readStorage(page)).lines[0].quantity, 3);
}));

test('bad quantities are refused with a message and change nothing', options, (t) => site.withPage(t, async ({ page }) => {
  const product = await new ProductPage(page, site).openProduct('everyday-organic-tee');
  await product.pickFirstAvailableVariant();
  for (const bad of ['0', '100', '-1', 'two']) {
    await product.quantity.fill(bad);
    await product.addButton.click();
    await expectText(product.feedback, /\S/, { what: `feedback for ${bad}` });
    assert.doesNotMatch(await product.feedback.textContent(), /added/i, `${bad} must not be added`);
  }
  await expectText(product.cartCount, /^\D*0\D*$/, { what: 'nothing was added' });
  await product.quantity.fill('1');
  await product.addButton.click();
  await expectText(product.cartCount, /1/, { what: 'a good quantity is added' });

  const cart = await new CartPage(page, site).open();
  for (const bad of ['0', '100', '-1', 'abc']) {
    await cart.setQuantity(bad);
    await expectText(cart.line().error, /\S/, { what: `cart error for ${bad}` });
    assert.equal(storedCart(await readStorage(page)).lines[0].quantity, 1, `${bad} leaves the saved quantity`);
  }
  await checkpoint(page, 'cart-bad-quantity', t);

  await cart.line().remove.click();
  await cart.empty.waitFor();
  await cart.undo.click();
  await eventually(() => cart.lines.count(), (n) => n === 1, { what: 'undo puts the line back' });
}));

test('markup typed into search and sign-up is shown as text and runs nothing', options, (t) => site.withPage(t, async ({ page }) => {
  const catalog = await new CatalogPage(page, site).open();
  await catalog.search(HOSTILE);
  await expectText(catalog.pageTitle, /<img src=x/, { what: 'the heading shows the markup as text' });
  assert.equal(await page.locator('main img').count(), 0, 'no element was created from the text');

  const account = await new AccountPage(page, site).open();
  await account.fill({ fullName: HOSTILE, email: 'not-an-email', street: HOSTILE, city: 'Boston', region: 'MA', postcode: '02108', country: 'United States' });
  await account.save();
  await page.locator('.field-error').filter({ hasText: /\S/ }).first().waitFor();
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null, 'no script ran');
  await checkpoint(page, 'account-errors', t);
}));

test('the shop works at phone width', options, (t) => site.withPage(t, async ({ page }) => {
  await page.setViewportSize(PHONE);
  const catalog = await new CatalogPage(page, site).open();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await catalog.cards.first().getByRole('link').click();
  const product = new ProductPage(page, site);
  await product.addButton.waitFor();
  const productOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(productOverflow <= 0, `no sideways scrolling on the product page (${productOverflow}px)`);
  await product.pickFirstAvailableVariant();
  // The add is saved under the tab lock, after the click returns: wait for its confirmation
  // before the cart is opened by a fresh load, or the load can come first.
  await product.addToCart(1);
  const cart = await new CartPage(page, site).open();
  await cart.total.waitFor();
  const cartOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(cartOverflow <= 0, `no sideways scrolling in the cart (${cartOverflow}px)`);
  assert.ok(await cart.total.isVisible(), 'the total is on screen width');
  // Text a box would cut short: the search box's placeholder, the delivery choice shown.
  await assertTextFits(page, { 'search placeholder': '[data-testid=search-input]', 'delivery choice': '.cart-line-delivery select' }, t);
  // A 375 px phone too; at 360 px the longest options are still cut (README, known limits).
  await page.setViewportSize({ width: 375, height: PHONE.height });
  await assertTextFits(page, { 'search placeholder at 375 px': '[data-testid=search-input]', 'delivery choice at 375 px': '.cart-line-delivery select' }, t);
  await page.setViewportSize(PHONE);
  await checkpoint(page, 'cart-phone', t);
}));
