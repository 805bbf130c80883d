// Saving the whole shop to a file and loading it back, through the browser's own download
// and file chooser: the round trip restores every part, another tab follows, the load can
// be undone once, and every kind of bad file is refused with its reason, changing nothing.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { useSite, checkpoint, eventually, expectText, readStorage, waitForStart, TEST_TIMEOUT_MS, fillStorage, emptyFillers } from './support/harness.mjs';
import { startScenario } from './support/scenarios.mjs';
import { stored } from './support/shopper.mjs';
import { ShopFilesPage } from './pages/shop-files.mjs';
import { OrdersPage } from './pages/orders-page.mjs';
import { MyKlarnaPage } from './pages/my-klarna-page.mjs';

const site = useSite();
const options = { timeout: 2 * TEST_TIMEOUT_MS };

/** Each stored aggregate's data (its revision left out: a load writes a new one). */
function shopParts(storage) {
  const parts = {};
  for (const key of Object.keys(storage)) {
    if (!key.startsWith('bnpl.') || key.endsWith('.lineage') || key.includes('/')
      || key === 'bnpl.before-import' || key === 'bnpl.lock') continue;
    parts[key] = stored(storage, key.slice('bnpl.'.length));
  }
  return parts;
}

/** The parts that must come back exactly; the clock's offset from the device may differ. */
function withoutClockOffset(parts) {
  const copy = structuredClone(parts);
  if (copy['bnpl.clock']) delete copy['bnpl.clock'].clock;
  return copy;
}

/** Every part but the clock, which a tab's catch-up writes as real time passes (at start
 * and once a minute), whatever else happens. */
function withoutClock(parts) {
  const copy = structuredClone(parts);
  delete copy['bnpl.clock'];
  return copy;
}

test('save, reset and load give back the same shop; another tab follows; the load can be undone once', options, (t) => site.withPage(t, async ({ context, page }) => {
  await startScenario(page, site, 'pay_in_4');
  // A payment collected, so the file holds a plan part-way through.
  const before = await new MyKlarnaPage(page, site).open();
  await before.upcoming.first().waitFor();
  await before.clock.advanceUntil(async () => (await before.countStatus('Paid')) === 2, { by: 'payment', max: 1, what: 'the second payment collected' });
  const files = await new ShopFilesPage(page, site).open();
  const saved = shopParts(await readStorage(page));
  assert.ok(saved['bnpl.orders'] && saved['bnpl.payments'] && saved['bnpl.klarna'], 'a shop with an order');

  const download = await files.save();
  assert.match(download.suggestedFilename(), /^bnpl-\d{4}-\d\d-\d\d-1-order\.json$/);
  const dir = mkdtempSync(path.join(tmpdir(), 'bnpl-shop-'));
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.format, 'bnpl-market-shop');
  assert.equal(json.version, 1);

  await files.resetAll();
  await eventually(async () => shopParts(await readStorage(page))['bnpl.orders'], (orders) => !orders || Object.keys(orders.records ?? {}).length === 0, { what: 'the reset emptied the orders' });
  const afterReset = shopParts(await readStorage(page));

  // Another tab is open on the orders while this one loads the file.
  const otherTab = await context.newPage();
  const otherOrders = await new OrdersPage(otherTab, site).open();
  await expectText(otherTab.getByTestId('page-title'), /orders/i, { what: 'the other tab' });

  await files.choose(file);
  await expectText(files.summary, /Orders\s*1 order/, { what: 'the summary names the order' });
  await expectText(files.summary, /Payment plans\s*1 plan/, { what: 'and its plan' });
  await expectText(files.summary, /Shopper\s*\S+@\S+, United States/, { what: 'and the shopper' });
  await checkpoint(page, 'shop-file-summary', t);
  assert.deepEqual(withoutClock(shopParts(await readStorage(page))), withoutClock(afterReset), 'nothing changed before the confirmation');
  await files.confirmButton.click();
  await expectText(page.getByTestId('storage-notice').filter({ hasText: 'Loaded the shop' }), /1 order, the shop's date/, { what: 'the load notice' });

  // A part never written before the save (an untouched cart) is written by the load.
  const loaded = shopParts(await readStorage(page));
  assert.equal(Object.keys(loaded).length, 10, `every part is stored: ${Object.keys(loaded)}`);
  for (const [key, part] of Object.entries(withoutClockOffset(saved))) {
    assert.deepEqual(withoutClockOffset(loaded)[key], part, `${key} is back as saved`);
  }
  await eventually(() => otherOrders.rows.count(), (n) => n === 1, { what: 'the other tab shows the loaded order' });

  const klarna = await new MyKlarnaPage(page, site).open();
  await expectText(klarna.planCards.first().getByTestId('plan-progress'), /^2 of 4 paid$/, { what: 'the plan as it was saved' });

  // Undo brings back the empty shop the load replaced, once.
  const again = await new ShopFilesPage(page, site).open();
  await again.undoButton.click();
  await expectText(page.getByTestId('storage-notice').filter({ hasText: 'back as it was' }), /back as it was before\./, { what: 'the undo notice' });
  assert.equal(await again.undoButton.count(), 0, 'undo is offered once');
  await eventually(() => otherOrders.rows.count(), (n) => n === 0, { what: 'the other tab follows the undo' });
  assert.deepEqual(withoutClock(shopParts(await readStorage(page))), withoutClock(afterReset), 'the shop is the one the load replaced');
}));

test('a load a full storage refuses takes no earlier undo away', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'pay_in_4');
  const files = await new ShopFilesPage(page, site).open();
  const download = await files.save();
  const dir = mkdtempSync(path.join(tmpdir(), 'bnpl-shop-'));
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  t.after(() => rmSync(dir, { recursive: true, force: true }));

  // A first load: "Undo" would bring back the shop it replaced.
  await files.choose(file);
  await files.confirmButton.click();
  await page.getByTestId('storage-notice').filter({ hasText: 'Loaded the shop' }).waitFor();
  await files.undoButton.waitFor();
  const slot = (await readStorage(page))['bnpl.before-import'];
  assert.ok(slot, 'the first load kept the shop it replaced');

  // A second load, refused: storage has no room for it.
  await fillStorage(page);
  await files.choose(file);
  await files.confirmButton.click();
  await expectText(page.getByTestId('storage-notice').filter({ hasText: 'Nothing was saved' }), /browser storage is full/, { what: 'the refusal' });
  assert.equal((await readStorage(page))['bnpl.before-import'], slot, 'the first load\'s undo is still kept');
  assert.equal(await files.undoButton.count(), 1, 'and still offered');

  await emptyFillers(page);
  await files.undoButton.click();
  await expectText(page.getByTestId('storage-notice').filter({ hasText: 'back as it was' }), /back as it was before\./, { what: 'the undo' });
  assert.equal((await readStorage(page))['bnpl.before-import'], undefined, 'undone once');
}));

test('bad files are refused with what is wrong, and nothing changes', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'wallet');
  const files = await new ShopFilesPage(page, site).open();
  const download = await files.save();
  const good = readFileSync(await download.path(), 'utf8');
  const before = await readStorage(page);
  const json = JSON.parse(good);
  const spoiled = (change) => { const copy = structuredClone(json); change(copy); return JSON.stringify(copy); };
  const dir = mkdtempSync(path.join(tmpdir(), 'bnpl-bad-'));
  const junk = path.join(dir, 'junk.json');
  writeFileSync(junk, Buffer.alloc(50 * 1024 * 1024, 'x'));

  const cases = [
    ['not JSON', { name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from('name,price\nTent,129.00\n') }, /^The file is not JSON \(/],
    ['another format', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"klarna-export","version":1}') }, /^The file is a "klarna-export" file, not a bnpl-market shop file\.$/],
    ['a newer version', { name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(spoiled((f) => { f.version = 2; })) }, /newer bnpl-market \(format version 2\)/],
    ['a truncated file', { name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from(good.slice(0, Math.floor(good.length / 2))) }, /ends too early: it may have been cut short/],
    ['50 MB of junk', junk, /^The file is 50\.0 MB; a shop file is at most 32 MB\.$/],
    ['markup in a text', { name: 'markup.json', mimeType: 'application/json', buffer: Buffer.from(spoiled((f) => { f.parts.account.data.full_name = 'Ada <img src=x onerror="window.__pwned=1">'; })) }, /markup in a text \(account\.data\.full_name\)/],
    ['an empty file', { name: 'empty.json', mimeType: 'application/json', buffer: Buffer.alloc(0) }, /^The file is empty\.$/],
  ];
  for (const [what, file, message] of cases) {
    await files.choose(file);
    await files.expectProblem(message, what);
    assert.equal(await files.summary.count(), 0, `${what}: nothing is offered to load`);
    assert.deepEqual(withoutClock(shopParts(await readStorage(page))), withoutClock(shopParts(before)), `${what}: storage is unchanged`);
  }
  rmSync(dir, { recursive: true, force: true });

  // A file dropped on the card is read the same way.
  await files.drop('dropped.csv', 'name,price\nTent,129.00\n');
  await files.expectProblem(/^The file is not JSON \(/, 'a dropped file');
  assert.deepEqual(withoutClock(shopParts(await readStorage(page))), withoutClock(shopParts(before)), 'a dropped bad file changes nothing');
  await files.drop('dropped.json', good);
  await expectText(files.summary, /Orders\s*1 order/, { what: 'a dropped good file is offered' });
  await checkpoint(page, 'shop-file-problem', t);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null, 'no script ran');
}));

test('a small shop shared as a link is offered to whoever opens it, and never loaded without asking', options, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'pay_in_4');
  const files = await new ShopFilesPage(page, site).open();
  const link = await files.share();
  assert.match(link, /\/#shop=[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 9 * 1024, `a link of ${link.length} characters`);
  const shared = shopParts(await readStorage(page));

  // A visitor with a shop of their own opens the link in another browser.
  await site.withPage(t, async ({ page: visitor }) => {
    await startScenario(visitor, site, 'wallet');
    const theirs = await readStorage(visitor);
    await visitor.goto(link);
    const offer = visitor.getByTestId('shared-shop');
    await expectText(offer, /This link holds a shop someone shared.*Orders\s*1 order/s, { what: 'the offer' });
    await checkpoint(visitor, 'shared-shop-offer', t);
    assert.deepEqual(withoutClock(shopParts(await readStorage(visitor))), withoutClock(shopParts(theirs)), 'nothing changed before the visitor chose');
    await offer.getByTestId('shop-file-confirm').click();
    await expectText(visitor.getByTestId('storage-notice').filter({ hasText: 'Loaded the shop' }), /1 order/, { what: 'the load notice' });
    assert.equal(await offer.count(), 0, 'the offer is gone');
    assert.equal(new URL(visitor.url()).hash, '', 'the shop is taken out of the address');
    const loaded = shopParts(await readStorage(visitor));
    assert.deepEqual(withoutClockOffset(loaded)['bnpl.orders'], withoutClockOffset(shared)['bnpl.orders'], 'the shared orders');
    assert.deepEqual(loaded['bnpl.payments'], shared['bnpl.payments'], 'the shared plans');
  });

  // A link cut short says so and changes nothing.
  await site.withPage(t, async ({ page: visitor }) => {
    await startScenario(visitor, site, 'wallet');
    const theirs = await readStorage(visitor);
    await visitor.goto(link.slice(0, link.length - 40));
    await expectText(visitor.getByTestId('storage-notice').filter({ hasText: 'shared shop' }), /was not loaded\. The link does not hold a shop: it was cut or changed/, { what: 'the cut link' });
    assert.equal(await visitor.getByTestId('shared-shop').count(), 0, 'nothing is offered');
    assert.deepEqual(withoutClock(shopParts(await readStorage(visitor))), withoutClock(shopParts(theirs)), 'nothing changed');
  });
}));

test('a shop too large for a link says so and points to the file', options, (t) => site.withPage(t, async ({ page }) => {
  await page.goto(`${site.urlFor('/')}?history=100`);
  await expectText(page.getByTestId('storage-notice').filter({ hasText: 'history' }), /Generated a history of 100 orders/, { what: 'the history' });
  const files = await new ShopFilesPage(page, site).open();
  await files.shareButton.click();
  await expectText(files.shareProblem, /^This shop packs into \d+ KB; a link holds at most 8 KB\. Save it to a file instead\.$/, { what: 'too large for a link' });
  assert.equal(await files.shareLink.count(), 0, 'no link is offered');
}));

/** What a viewer of each starting point sees first, and where. */
const STARTING_POINTS = [
  ['fresh-shopper', '/payment-settings', (page) => expectText(page.getByTestId('page-title'), /payment settings/i, { what: 'the settings' }).then(() => expectText(page.locator('main'), /Visa •••• 4242/, { what: 'a saved card' }))],
  ['pay-in-4-mid-plan', '/my-klarna', (page) => expectText(page.getByTestId('plan-progress').first(), /^2 of 4 paid$/, { what: 'two paid' })],
  ['late-payment-with-fee', '/my-klarna', (page) => expectText(page.getByTestId('overdue-banner'), /is overdue/, { what: 'the overdue banner' }).then(() => expectText(page.getByTestId('plan-card').first(), /Late fees/, { what: 'the fee' }))
    .then(() => expectText(page.getByTestId('next-payment'), /payment 3 of 4/, { what: 'the next payment is the one after the overdue one' }))],
  ['financed-order', '/my-klarna', (page) => expectText(page.getByTestId('plan-card').first(), /Financing/, { what: 'the financing plan' })],
  ['return-being-refunded', '/orders', (page) => expectText(page.getByTestId('order-row').first(), /return/i, { what: 'the return' })],
  ['dispute-in-progress', '/orders', (page) => expectText(page.getByTestId('order-row').first(), /In dispute/, { what: 'the dispute' })],
  ['uk-pay-in-3', '/my-klarna', (page) => expectText(page.getByTestId('plan-progress').first(), /^1 of 3 paid$/, { what: 'pay in 3' }).then(() => expectText(page.getByTestId('plan-cost').first(), /^£/, { what: 'pounds' }))],
];

test('each starting point asks first, replaces the shop, shows its situation, and can be undone', { timeout: 4 * TEST_TIMEOUT_MS }, (t) => site.withPage(t, async ({ page }) => {
  await startScenario(page, site, 'wallet');
  const before = shopParts(await readStorage(page));
  let files = await new ShopFilesPage(page, site).open();
  assert.equal(await files.startingPoints.count(), STARTING_POINTS.length, 'every starting point is listed');

  await files.startingPoint('pay-in-4-mid-plan').getByRole('button', { name: /start from/i }).click();
  await expectText(page.getByTestId('starting-point-confirm'), /Replace everything here with “Pay in 4, mid-plan”\? You can undo it once\./, { what: 'the question' });
  await checkpoint(page, 'starting-point-confirm', t);
  assert.deepEqual(withoutClock(shopParts(await readStorage(page))), withoutClock(before), 'nothing changed before the answer');
  await page.getByRole('button', { name: 'Keep what is here' }).click();
  assert.equal(await page.getByTestId('starting-point-confirm').count(), 0, 'the question is gone');

  for (const [slug, route, sees] of STARTING_POINTS) {
    files = await new ShopFilesPage(page, site).open();
    await files.start(slug);
    await page.goto(site.urlFor(route));
    await waitForStart(page);
    await sees(page);
    await checkpoint(page, `starting-point-${slug}`, t);
  }

  // Undo brings back the shop the last start replaced: the one before it, the UK shopper's.
  files = await new ShopFilesPage(page, site).open();
  await files.undoButton.click();
  await expectText(page.getByTestId('storage-notice').filter({ hasText: 'back as it was' }), /before\./, { what: 'the undo' });
  const account = JSON.parse((await readStorage(page))['bnpl.account']).data;
  assert.equal(account.market, 'US', 'the shop before the UK start is back');
}));
