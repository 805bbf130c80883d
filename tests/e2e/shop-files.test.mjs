// Saving the whole shop to a file and loading it back, through the browser's own download
// and file chooser: the round trip restores every part, another tab follows, the load can
// be undone once, and every kind of bad file is refused with its reason, changing nothing.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { useSite, checkpoint, eventually, expectText, readStorage, TEST_TIMEOUT_MS } from './support/harness.mjs';
import { startScenario } from './support/scenarios.mjs';
import { ShopFilesPage } from './pages/shop-files.mjs';
import { OrdersPage } from './pages/orders-page.mjs';
import { MyKlarnaPage } from './pages/my-klarna-page.mjs';

const site = useSite();
const options = { timeout: 2 * TEST_TIMEOUT_MS };

/** Each stored aggregate's data (its revision left out: a load writes a new one). */
function shopParts(storage) {
  const parts = {};
  for (const [key, raw] of Object.entries(storage)) {
    if (!key.startsWith('bnpl.') || key.endsWith('.lineage') || key === 'bnpl.before-import' || key === 'bnpl.lock') continue;
    const { data } = JSON.parse(raw);
    parts[key] = data;
  }
  return parts;
}

/** The parts that must come back exactly; the clock's offset from the device may differ. */
function withoutClockOffset(parts) {
  const copy = structuredClone(parts);
  if (copy['bnpl.clock']) delete copy['bnpl.clock'].clock;
  return copy;
}

/** Every part but the clock, which a tab's catch-up writes as real time passes. */
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
  await expectText(page.getByTestId('storage-notice').filter({ hasText: 'back as it was' }), /before the load/, { what: 'the undo notice' });
  assert.equal(await again.undoButton.count(), 0, 'undo is offered once');
  await eventually(() => otherOrders.rows.count(), (n) => n === 0, { what: 'the other tab follows the undo' });
  assert.deepEqual(withoutClock(shopParts(await readStorage(page))), withoutClock(afterReset), 'the shop is the one the load replaced');
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
    assert.deepEqual(await readStorage(page), before, `${what}: storage is unchanged`);
  }
  await checkpoint(page, 'shop-file-problem', t);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null, 'no script ran');
}));
