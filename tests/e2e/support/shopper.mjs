// A shopper ready to pay: an account, Klarna linked, a card saved, earbuds in the cart.
// Shared by the journeys that check out.

import { inflateSync } from 'node:zlib';

import { expectText, readStorage } from './harness.mjs';
import { AccountPage } from '../pages/account-page.mjs';
import { CartPage } from '../pages/cart-page.mjs';
import { CheckoutModal } from '../pages/checkout-modal.mjs';
import { PaymentSettingsPage } from '../pages/payment-settings-page.mjs';
import { ProductPage } from '../pages/product-page.mjs';

export const US = { country: 'United States', street: '1 Main St', city: 'Springfield', region: 'IL', postcode: '62701' };
export const UK = { country: 'United Kingdom', street: '12 St James\'s Square', city: 'London', region: '', postcode: 'SW1Y 4JH' };
export const VISA = { number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' };

/** A stored envelope's data, unpacked when it was stored compressed. */
function unpacked(raw) {
  const envelope = JSON.parse(raw);
  if (envelope.encoding === 'zlib+base64') {
    return JSON.parse(inflateSync(Buffer.from(envelope.data, 'base64')).toString('utf8'));
  }
  return envelope.data;
}

/**
 * Where the records of each aggregate stored in pages go (src/storage/page_layouts.rs): a
 * map by order id, or a list.
 */
const PAGED_RECORDS = {
  orders: { field: 'records', map: true },
  payments: { field: 'accounts', map: true },
  inbox: { field: 'messages', map: false },
};

/**
 * An aggregate's data as stored, unpacked when it was stored compressed, and put together
 * from its pages when it is stored in pages (src/storage/pages.rs): the same data as a value
 * stored whole.
 */
export function stored(storage, aggregate) {
  const raw = storage[`bnpl.${aggregate}`];
  if (!raw) return null;
  const data = unpacked(raw);
  const layout = PAGED_RECORDS[aggregate];
  if (!layout || !data || !('pages' in data && 'head' in data && 'written' in data)) return data;
  const records = Object.entries(data.pages)
    .sort(([a], [b]) => Number(a) - Number(b))
    .flatMap(([, name]) => {
      const page = storage[`bnpl.${aggregate}/${name}`];
      if (!page) throw new Error(`bnpl.${aggregate}: page ${name} is missing`);
      return unpacked(page);
    });
  return { ...data.head, [layout.field]: layout.map ? Object.fromEntries(records) : records };
}

/** The inbox as the app saved it, as JSON text: what a journey searches for a message in. */
export async function storedInboxText(page) {
  return JSON.stringify(stored(await readStorage(page), 'inbox') ?? {});
}

export async function orderCount(page) {
  return Object.keys(stored(await readStorage(page), 'orders')?.records ?? {}).length;
}

/**
 * Signs up in `market`, links Klarna as `email`, saves a Visa and puts `quantity` earbuds
 * in the cart. Ends on the cart page.
 */
export async function prepareShopper(page, site, { market = US, email = 'ada@example.com', quantity = 1 } = {}) {
  const account = await new AccountPage(page, site).open();
  const fields = {
    name: 'Ada Shopper', email, line1: market.street, city: market.city, region: market.region, postcode: market.postcode,
  };
  for (const [field, value] of Object.entries(fields)) await page.locator(`#account-${field}`).fill(value);
  await account.fields.country.selectOption({ label: market.country });
  await account.save();
  await account.summary.waitFor();

  const settings = await new PaymentSettingsPage(page, site).open();
  await settings.linkKlarna(email);
  await settings.expectLinked(email);
  await settings.addCard(VISA);
  await expectText(settings.saved, /saved visa/i, { what: 'card saved' });

  const product = await new ProductPage(page, site).openProduct('aurora-wireless-earbuds');
  await product.addToCart(quantity);
  return new CartPage(page, site).open();
}

export async function openModal(cart) {
  await cart.checkoutButton.click();
  return new CheckoutModal(cart.page).waitOpen();
}
