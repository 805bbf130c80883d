// Phone-first journeys: at 390x844 under Chromium's phone emulation, no route scrolls
// sideways (at 360 px neither), the first product card is on the first screen, the
// checkout's pay button is on the dialog's first screen, and boxes with long text (the
// orders' search, the simulation's fault, the header's search down to 360 px) show it whole.
//
// Under phone emulation the layout viewport grows to fit content wider than the screen, so
// `window.innerWidth` is no yardstick: every width here is compared with 390 itself.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { useSite, checkpoint, eventually, expectText, settle, waitForStart, PHONE, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { startScenario } from './support/scenarios.mjs';
import { CatalogPage } from './pages/catalog-page.mjs';
import { SimulationPage } from './pages/simulation-page.mjs';
import { assertTextFits } from './support/text-fit.mjs';
import { openModal, prepareShopper } from './support/shopper.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS * 2 };
const PHONE_CONTEXT = { context: { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } };

/** How far the page reaches past the phone's width, and the widest element that does it. */
async function sidewaysOverflow(page, phoneWidth = PHONE.width) {
  return page.evaluate((width) => {
    const reach = document.documentElement.scrollWidth - width;
    let widest = null;
    for (const element of document.body.querySelectorAll('*')) {
      const right = element.getBoundingClientRect().right;
      if (right > width + 0.5 && (!widest || right > widest.right)) {
        widest = { right: Math.round(right), what: `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}` };
      }
    }
    return { reach, widest };
  }, phoneWidth);
}

async function openRoute(page, route) {
  await page.goto(site.urlFor(route));
  await waitForStart(page);
  await page.locator('main h1').first().waitFor();
  await settle(page);
}

test('the overflow check sees a page wider than the phone', options, (t) => site.withPage(t, async ({ page }) => {
  await openRoute(page, '/');
  assert.ok((await sidewaysOverflow(page)).reach <= 0, 'the catalog fits before the test widens it');
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.style.width = '500px';
    wide.style.height = '1px';
    document.querySelector('main').append(wide);
  });
  const { reach } = await sidewaysOverflow(page);
  assert.ok(reach >= 110, `a 500 px element makes the page reach past 390 px (reach ${reach})`);
}, PHONE_CONTEXT));

/** The narrowest phone the layout is checked at, besides the 390 px one. */
const NARROW_PHONE = { width: 360, height: 780 };

test('no route scrolls sideways on a phone, at 390 px or at 360 px', options, (t) => site.withPage(t, async ({ page }) => {
  const orderId = await startScenario(page, site, 'pay_in_4');
  await openRoute(page, '/');
  const productHref = await page.getByTestId('product-card').first().getByRole('link').first().getAttribute('href');
  const productRoute = site.routeOf(new URL(productHref, page.url()).href);
  await openRoute(page, productRoute);
  const sellerHref = await page.locator('a[href*="/seller/"]').first().getAttribute('href');
  const sellerRoute = site.routeOf(new URL(sellerHref, page.url()).href);

  const routes = [
    '/', productRoute, sellerRoute, '/cart', '/account', '/inbox', '/orders', `/orders/${orderId}`,
    `/orders/${orderId}/receipt`, '/my-klarna', '/payment-settings', '/simulation', '/no-such-page',
  ];
  const wide = [];
  for (const route of routes) {
    await openRoute(page, route);
    for (const phone of [PHONE, NARROW_PHONE]) {
      await page.setViewportSize(phone);
      await settle(page);
      const { reach, widest } = await sidewaysOverflow(page, phone.width);
      if (reach > 0) wide.push(`${route} at ${phone.width} px: ${reach} px too wide (widest: ${widest?.what} to ${widest?.right} px)`);
    }
    await page.setViewportSize(PHONE);
  }
  assert.deepEqual(wide, [], `pages wider than the phone:\n  ${wide.join('\n  ')}`);
}, PHONE_CONTEXT));

test('on a phone the first product card is on the first screen', options, (t) => site.withPage(t, async ({ page }) => {
  const catalog = await new CatalogPage(page, site).open();
  await catalog.cards.first().waitFor();
  await settle(page);
  const box = await catalog.cards.first().boundingBox();
  assert.ok(box.y + Math.min(box.height, 120) <= PHONE.height, `the first card starts within the first screen (at ${Math.round(box.y)} px)`);
  await checkpoint(page, 'catalog-phone-first-screen', t);
}, PHONE_CONTEXT));

test('on a phone the filters open in a sheet that shows how many products match', options, (t) => site.withPage(t, async ({ page }) => {
  const catalog = await new CatalogPage(page, site).open();
  await catalog.cards.first().waitFor();
  assert.equal(await catalog.filterSheet.isVisible(), false, 'the filters are folded away');
  await catalog.filtersToggle.click();
  await catalog.filterSheet.waitFor({ state: 'visible' });
  assert.equal(await catalog.filtersToggle.getAttribute('aria-expanded'), 'true');
  const all = Number((await catalog.resultCount.textContent()).match(/[\d,]+/)[0].replace(/,/g, ''));
  await catalog.freeShipping.check();
  const narrowed = await expectText(catalog.filtersDone, /^Show [\d,]+ products?$/, { what: 'the sheet\'s button' });
  await eventually(async () => (await catalog.filtersDone.textContent()).trim(), (text) => text !== `Show ${all} products`, { what: 'the count after the filter' });
  await checkpoint(page, 'catalog-filter-sheet', t);
  await catalog.filtersDone.click();
  await catalog.filterSheet.waitFor({ state: 'hidden' });
  await expectText(catalog.filtersToggle, /^Filters \(1\)$/, { what: 'the button counts the filter' });
  const shown = (await catalog.resultCount.textContent()).trim();
  assert.equal(`Show ${shown}`, (await catalog.filtersDone.textContent()).trim(), `the sheet promised what the page shows (${narrowed})`);
  assert.ok(Number(shown.match(/[\d,]+/)[0].replace(/,/g, '')) < all, 'free shipping leaves fewer products');
  await catalog.categoryChips.getByRole('link', { name: 'Electronics' }).click();
  await expectText(catalog.pageTitle, /^Electronics$/, { what: 'a chip picks the category' });
  assert.equal(await catalog.categoryChips.getByRole('link', { name: 'Electronics' }).getAttribute('aria-current'), 'true');
}, PHONE_CONTEXT));

test('on a phone the checkout pay button is on the dialog\'s first screen', options, (t) => site.withPage(t, async ({ page }) => {
  const modal = await openModal(await prepareShopper(page, site));
  await modal.choose('pay_in_4');
  await settle(page);
  const box = await modal.confirmButton.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE.height, `the pay button is on screen (box ${JSON.stringify(box)})`);
  await checkpoint(page, 'checkout-phone-first-screen', t);
  // The comparison's table is wider than a phone: it scrolls in its own box, and the dialog
  // does not scroll sideways.
  await modal.openComparison();
  await modal.timeline.waitFor();
  const sideways = await page.locator('.dialog-backdrop').evaluate((backdrop) => ({
    scroll: backdrop.scrollWidth,
    width: backdrop.clientWidth,
    dialog: backdrop.querySelector('.dialog').getBoundingClientRect().width,
  }));
  assert.ok(sideways.scroll <= sideways.width, `nothing in the dialog is wider than the screen (${JSON.stringify(sideways)})`);
  assert.ok(sideways.dialog <= PHONE.width, `the dialog fits the screen (${JSON.stringify(sideways)})`);
  await checkpoint(page, 'checkout-phone-comparison', t);
}, PHONE_CONTEXT));

test('on a phone the orders\' search, the fault choice and a seller\'s counts read whole', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'pay_in_4');
  await openRoute(page, '/orders');
  await assertTextFits(page, { 'orders\' search placeholder': '[data-testid=order-search]', 'orders\' status choice': '[data-testid=order-status-filter]' }, t);
  await checkpoint(page, 'orders-phone', t);

  await openRoute(page, '/simulation');
  const simulation = new SimulationPage(page, site);
  // Each fault's name fits its select, and the line under it says what the fault does.
  for (const [kind, effect] of [['error', /^The call fails/], ['timeout', /^The call goes through, but its answer is lost/]]) {
    await simulation.fault.selectOption(kind);
    await expectText(simulation.faultEffect, effect, { what: `what a ${kind} does` });
    await assertTextFits(page, { [`fault choice (${kind})`]: '[data-testid=sim-fault]' }, t);
  }

  await openRoute(page, '/seller/northwind-outfitters');
  await expectText(page.getByTestId('seller-feedback'), /^\d+\.\d% from \d{1,3}(,\d{3})+ buyers$/, { what: 'the feedback count, grouped in thousands' });
  await expectText(page.getByTestId('seller-followers'), /^\d{1,3}(,\d{3})+$/, { what: 'the followers, grouped in thousands' });
}, PHONE_CONTEXT));

test('on phones narrower than 390 px the header\'s search placeholder reads whole', options, (t) => site.withPage(t, async ({ page }) => {
  await openRoute(page, '/');
  for (const width of [NARROW_PHONE.width, 375, PHONE.width]) {
    await page.setViewportSize({ width, height: PHONE.height });
    await settle(page);
    await assertTextFits(page, { [`search placeholder at ${width} px`]: '[data-testid=search-input]' }, t);
  }
}, PHONE_CONTEXT));
