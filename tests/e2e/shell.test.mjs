// Foundation journeys: the app shell, routing, deep links, the 404 page, and the storage
// layer as a shopper meets it. Runs against the release bundle (dist/) served on 127.0.0.1.
// Every test fails on any console error or uncaught exception (see support/harness.mjs),
// and every page reached is audited with axe-core and screenshotted (checkpoint).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  useSite, checkpoint, eventually, expectText, readStorage, saveScreenshots, seedStorage, TEST_TIMEOUT_MS,
} from './support/harness.mjs';
import { AppShell } from './pages/app-shell.mjs';
import { CatalogPage } from './pages/catalog-page.mjs';
import { CartPage } from './pages/cart-page.mjs';
import { AccountPage } from './pages/account-page.mjs';
import { InboxPage } from './pages/inbox-page.mjs';
import { NotFoundPage } from './pages/not-found-page.mjs';

const site = useSite();
const options = { timeout: TEST_TIMEOUT_MS };

const SHOPPER = {
  fullName: 'Ada Lovelace',
  email: 'ada@example.com',
  street: '12 St James\'s Square',
  city: 'London',
  postcode: 'SW1Y 4JH',
  country: 'United Kingdom',
};

// A cart value cut off mid-write: valid envelope start, no data.
const TRUNCATED_CART = '{"schema":1,"rev":1,"data":';

function quarantinedEntries(storage, aggregate) {
  return Object.entries(storage).filter(([key]) => key.startsWith(`bnpl.quarantine.${aggregate}.`));
}

test('the shell loads with its header and no console errors', options, (t) => site.withPage(t, async ({ page }) => {
  const catalog = await new CatalogPage(page, site).open();

  await catalog.pageTitle.waitFor();
  await catalog.bootShell.waitFor({ state: 'hidden' });
  await catalog.homeLink.waitFor();
  await catalog.accountLink.waitFor();
  await catalog.inboxLink.waitFor();
  await catalog.cartLink.waitFor();
  await expectText(catalog.cartCount, /^\D*0\D*$/, { what: 'cart count of a new shopper' });

  // A search field with a suggestion list is a combobox to assistive technology.
  const search = page.getByRole('combobox', { name: 'Search products' });
  await search.waitFor();
  assert.equal(await search.getAttribute('data-testid'), 'search-input',
    'the combobox named "Search products" should be [data-testid=search-input]');

  assert.notEqual((await catalog.documentTitle()).trim(), '', 'the document should have a title');
  await checkpoint(page, 'home', t);
}));

test('the loading shell shows until the wasm has started, then gives way to the app', options, (t) => site.withPage(t, async ({ page }) => {
  let releaseWasm;
  const wasmHeld = new Promise((resolve) => { releaseWasm = resolve; });
  await page.route(/\.wasm(\?.*)?$/, async (route) => {
    await wasmHeld;
    await route.continue();
  });

  const shell = new AppShell(page, site);
  await page.goto(site.urlFor('/'), { waitUntil: 'domcontentloaded' });
  await shell.bootShell.waitFor({ state: 'visible' });
  await expectText(shell.bootShell, /loading/i, { what: 'loading shell' });
  assert.equal(await shell.appReady.count(), 0, 'the app cannot be ready before its wasm has loaded');
  // The catalog's grid is drawn from the first paint, so the page has its shape while the wasm loads.
  const skeletonCards = shell.bootShell.locator('.skeleton-grid .skeleton-card');
  assert.equal(await skeletonCards.count(), 8, 'the boot shell draws a grid of card placeholders');
  assert.ok(await skeletonCards.first().isVisible(), 'the first placeholder card is on screen');
  await checkpoint(page, 'loading-shell', t);

  releaseWasm();
  await shell.waitUntilReady();
  await shell.bootShell.waitFor({ state: 'hidden' });
}));

test('without JavaScript a message explains that the app needs it', options, (t) => site.withPage(t, async ({ page }) => {
  await page.goto(site.urlFor('/'));
  const message = page.getByText(/needs javascript/i).first();
  await message.waitFor();
  // The message is what the first screen shows, not a loading skeleton that never fills.
  assert.equal(await page.locator('.boot-main').isVisible(), false, 'no "Loading the shop…" without JavaScript');
  const box = await message.boundingBox();
  assert.ok(box && box.y + box.height <= page.viewportSize().height, `the message is on the first screen (box ${JSON.stringify(box)})`);
  await saveScreenshots(page, 'no-javascript', { settleFirst: false });
  // With scripts off Chromium blocks the bundle's module preloads and reports them as failed
  // requests; that is the point of this test, not a fault.
}, { context: { javaScriptEnabled: false }, allowProblems: true }));

test('header links navigate inside the app and the back button walks back', options, (t) => site.withPage(t, async ({ page }) => {
  const shell = await new CatalogPage(page, site).open();
  await shell.pageTitle.waitFor();
  // Survives only if no link causes a full page load: the router must handle them.
  await page.evaluate(() => { window.e2eSameDocument = true; });
  const titles = new Map();

  const visit = async (link, route, title, name) => {
    await link.click();
    await eventually(() => shell.route(), (r) => r === route, { what: `route after clicking the ${name} link` });
    await shell.expectTitle(title);
    titles.set(route, await shell.documentTitle());
    await checkpoint(page, name, t);
  };
  await visit(shell.accountLink, '/account', AccountPage.title, 'account');
  await visit(shell.inboxLink, '/inbox', InboxPage.title, 'inbox');
  await visit(shell.cartLink, '/cart', CartPage.title, 'cart');
  await shell.homeLink.click();
  await eventually(() => shell.route(), (r) => r === '/', { what: 'route after clicking the home link' });
  await shell.pageTitle.waitFor();

  await page.goBack();
  await eventually(() => shell.route(), (r) => r === '/cart', { what: 'route after one Back' });
  await shell.expectTitle(CartPage.title);
  await page.goBack();
  await eventually(() => shell.route(), (r) => r === '/inbox', { what: 'route after two Backs' });
  await shell.expectTitle(InboxPage.title);
  await page.goForward();
  await eventually(() => shell.route(), (r) => r === '/cart', { what: 'route after Forward' });
  await shell.expectTitle(CartPage.title);

  assert.equal(await page.evaluate(() => window.e2eSameDocument), true,
    'a header link or Back reloaded the whole page instead of routing inside the app');
  assert.equal(new Set(titles.values()).size, titles.size,
    `each page should set its own document title, got ${JSON.stringify(Object.fromEntries(titles))}`);
}));

test('deep links load their page directly', options, (t) => site.withPage(t, async ({ page }) => {
  for (const Page of [CartPage, AccountPage, InboxPage]) {
    const view = await new Page(page, site).open();
    await view.expectTitle(Page.title);
    await checkpoint(page, `deep-link${Page.route.replace(/\//g, '-')}`, t);
  }
  const cart = await new CartPage(page, site).openRoute('/cart?from=e2e#top');
  await cart.expectTitle(CartPage.title);
}));

test('an unknown address shows the 404 page, and the header still leads home', options, (t) => site.withPage(t, async ({ page }) => {
  const notFound = await new NotFoundPage(page, site).openRoute('/no/such/page');
  await notFound.expectTitle(NotFoundPage.title);
  await notFound.homeLink.waitFor();
  await checkpoint(page, 'not-found', t);

  await notFound.homeLink.click();
  await eventually(() => notFound.route(), (r) => r === '/', { what: 'route after clicking home on the 404 page' });
  const title = await expectText(notFound.pageTitle, /\S/, { what: 'catalog title' });
  assert.doesNotMatch(title, NotFoundPage.title, 'home should not be the 404 page');
}));

test('a saved account survives a reload', options, (t) => site.withPage(t, async ({ page }) => {
  const account = await new AccountPage(page, site).open();
  await account.expectTitle(AccountPage.title);
  await account.fill(SHOPPER);
  await account.save();

  const stored = await eventually(
    async () => (await readStorage(page))['bnpl.account'],
    (value) => typeof value === 'string' && value.includes(SHOPPER.fullName),
    { what: 'bnpl.account in localStorage holding the saved name' },
  );
  const envelope = JSON.parse(stored);
  assert.equal(typeof envelope.schema, 'number', 'the stored account carries a numeric schema version');
  assert.equal(typeof envelope.rev, 'number', 'the stored account carries a numeric revision');
  assert.ok(envelope.data && typeof envelope.data === 'object', 'the stored account keeps its fields under "data"');

  await page.reload();
  await account.waitUntilReady();
  if (account.route() !== AccountPage.route) await account.open();
  await account.expectSummaryShows(SHOPPER.fullName);
  await checkpoint(page, 'account-saved', t);
}));

test('an account saved in another tab shows up here without a reload', options, (t) => site.withPage(t, async ({ context, page }) => {
  const here = await new AccountPage(page, site).open();
  await here.expectTitle(AccountPage.title);

  const otherTab = await context.newPage();
  const there = await new AccountPage(otherTab, site).open();
  await there.fill(SHOPPER);
  await there.save();
  await there.expectSummaryShows(SHOPPER.fullName);

  await page.bringToFront();
  await here.expectSummaryShows(SHOPPER.fullName);
}));

test('a corrupt stored cart is quarantined, the shopper is told, and the app keeps working', options, (t) => site.withPage(t, async ({ page }) => {
  await seedStorage(page, site, { 'bnpl.cart': TRUNCATED_CART });

  const shell = await new CatalogPage(page, site).open();
  await shell.storageNotice.waitFor();
  await shell.pageTitle.waitFor();
  await expectText(shell.cartCount, /^\D*0\D*$/, { what: 'cart count after the cart was quarantined' });
  await checkpoint(page, 'storage-notice', t);

  const storage = await readStorage(page);
  const quarantined = quarantinedEntries(storage, 'cart');
  assert.equal(quarantined.length, 1,
    `expected the bad cart under one bnpl.quarantine.cart.<n> key, storage holds: ${JSON.stringify(storage)}`);
  assert.match(quarantined[0][0], /^bnpl\.quarantine\.cart\.\d+$/);
  assert.equal(quarantined[0][1], TRUNCATED_CART, 'the quarantined value is kept exactly as it was');
  assert.notEqual(storage['bnpl.cart'], TRUNCATED_CART, 'the bad value is moved aside, not left in place');

  // The notice says what happened in words; the key and the parser's message wait behind
  // "Technical details".
  const said = await shell.storageNotice.locator('p').first().textContent();
  assert.match(said, /could not read your cart, so it starts empty/);
  assert.doesNotMatch(said, /quarantine|JSON|EOF/, `the notice's first words are for the shopper: ${said}`);
  const detail = shell.storageNotice.getByTestId('storage-notice-detail');
  assert.equal(await detail.isVisible(), false, 'the technical details are closed at first');
  await shell.storageNotice.getByText('Technical details').click();
  await expectText(detail, new RegExp(`not valid JSON.*"${quarantined[0][0].replaceAll('.', '\\.')}"`),
    { what: 'the notice\'s technical details' });
  await checkpoint(page, 'storage-notice-details', t);

  // Moved once, not again on every load.
  await page.reload();
  await shell.waitUntilReady();
  assert.equal(quarantinedEntries(await readStorage(page), 'cart').length, 1, 'a reload must not quarantine again');

  const cart = new CartPage(page, site);
  await cart.cartLink.click();
  await cart.expectTitle(CartPage.title);
}));

test('a corrupt cart leaves the other stored data alone', options, (t) => site.withPage(t, async ({ page }) => {
  const account = await new AccountPage(page, site).open();
  await account.fill(SHOPPER);
  await account.save();
  await account.expectSummaryShows(SHOPPER.fullName);

  await page.evaluate((bad) => localStorage.setItem('bnpl.cart', bad), TRUNCATED_CART);
  await page.reload();
  await account.waitUntilReady();
  if (account.route() !== AccountPage.route) await account.open();

  await account.storageNotice.waitFor();
  await account.expectSummaryShows(SHOPPER.fullName);
  assert.equal(quarantinedEntries(await readStorage(page), 'cart').length, 1);
  assert.equal(quarantinedEntries(await readStorage(page), 'account').length, 0, 'the good account must not be quarantined');
}));
