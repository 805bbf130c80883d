// The Klarna checkout modal (issue 4): the click on "Pay with Klarna" to the modal painted
// with every option, the default option's schedule and the comparison; then switching
// option, the click on another option to its schedule repainted.
//
// The shopper is prepared once the way the checkout journey does it (account, Klarna linked,
// a Visa saved, four earbuds in the cart so financing is offered too); the localStorage that
// the app wrote then seeds every run, each in a fresh browser context on a fresh load of
// /cart. One unrecorded warm-up run first, which also reads what each step must show (how
// many options, which one is picked for the shopper, how many payments each plan has), so
// the timed runs wait for exactly that.

import os from 'node:os';

import { markdownTable, summarize } from '../lib.mjs';
import { openProbedPage, settle, siteFor, timeAction } from '../flow-probe.mjs';
import { readStorage, seedStorage, expectText, eventually } from '../../tests/e2e/support/harness.mjs';
import { AccountPage } from '../../tests/e2e/pages/account-page.mjs';
import { PaymentSettingsPage } from '../../tests/e2e/pages/payment-settings-page.mjs';
import { ProductPage } from '../../tests/e2e/pages/product-page.mjs';
import { CartPage } from '../../tests/e2e/pages/cart-page.mjs';

const PRODUCT = 'aurora-wireless-earbuds';
// Four earbuds pass financing's 150 USD floor, so every US option is eligible.
const QUANTITY = 4;
const SWITCHES = [
  { name: 'toFinancing', plan: 'financing_12' },
  { name: 'toPayIn30', plan: 'pay_in_30' },
];
const MODAL = '[data-testid=klarna-modal]';

/** The checkout journey's shopper, by the same clicks; returns the storage the app wrote. */
async function prepareShopper(browser, site) {
  const { context, page } = await openProbedPage(browser);
  try {
    const account = await new AccountPage(page, site).open();
    const fields = {
      name: 'Ada Shopper', email: 'ada@example.com', line1: '1 Main St', city: 'Springfield', region: 'IL', postcode: '62701',
    };
    for (const [field, value] of Object.entries(fields)) await page.locator(`#account-${field}`).fill(value);
    await account.fields.country.selectOption({ label: 'United States' });
    await account.save();
    await account.summary.waitFor();
    const settings = await new PaymentSettingsPage(page, site).open();
    await settings.linkKlarna(fields.email);
    await settings.expectLinked(fields.email);
    await settings.addCard({ number: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
    await expectText(settings.saved, /saved visa/i, { what: 'card saved' });
    const product = await new ProductPage(page, site).openProduct(PRODUCT);
    await product.addToCart(QUANTITY);
    return Object.fromEntries(Object.entries(await readStorage(page)).filter(([key]) => key.startsWith('bnpl.')));
  } finally {
    await context.close();
  }
}

function modalConditions(expected) {
  return [
    { selector: MODAL },
    { selector: `${MODAL} [data-testid=plan-option]`, count: expected.options },
    { selector: `${MODAL} [data-testid=plan-option][data-plan="${expected.defaultPlan}"].selected` },
    { selector: `${MODAL} [data-testid=plan-installment]`, count: expected.installments[expected.defaultPlan] },
    { selector: `${MODAL} [data-testid=plan-comparison]` },
    { selector: `${MODAL} [data-testid=plan-timeline]` },
  ];
}

function switchConditions(expected, plan) {
  return [
    { selector: `${MODAL} [data-testid=plan-option][data-plan="${plan}"].selected` },
    { selector: `${MODAL} #plan-schedule-title`, text: expected.names[plan].replace(/[.*+?^${}()|[\]\\]/g, '\\$&') },
    { selector: `${MODAL} [data-testid=plan-installment]`, count: expected.installments[plan] },
  ];
}

/** What the modal shows for this cart: read once, by hand, in the warm-up. */
async function readExpected(page) {
  const modal = page.locator(MODAL);
  await modal.locator('[data-testid=plan-installment]').first().waitFor();
  const options = await modal.getByTestId('plan-option').count();
  const defaultPlan = await modal.locator('[data-testid=plan-option].selected').getAttribute('data-plan');
  const installments = {};
  const names = {};
  // The schedule's title names the chosen plan ("Your payments with Financing, 12 months"):
  // a month of financing is a choice inside one card, with no name of its own.
  const title = modal.locator('#plan-schedule-title');
  let shown = (await title.textContent()).trim();
  for (const plan of [defaultPlan, ...SWITCHES.map((s) => s.plan)]) {
    const option = modal.locator(`[data-testid=plan-option][data-plan="${plan}"]`);
    if (await option.getAttribute('data-eligible') !== 'true') throw new Error(`${plan} is not eligible for ${QUANTITY} x ${PRODUCT}`);
    await option.click();
    if (plan !== defaultPlan) {
      const before = shown;
      shown = await eventually(async () => (await title.textContent()).trim(), (text) => text !== before, { what: `${plan} schedule` });
    }
    names[plan] = shown.replace(/^Your payments with /, '');
    installments[plan] = await modal.getByTestId('plan-installment').count();
  }
  return { options, defaultPlan, installments, names };
}

async function checkoutRun(browser, site, storage, expected) {
  const { context, page, errors } = await openProbedPage(browser);
  try {
    // The seeding page (a bare document) makes Chromium ask for /favicon.ico now and then,
    // which the server does not have; the app's own page declares its icon inline.
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
    await seedStorage(page, site, storage);
    const cart = await new CartPage(page, site).open();
    await cart.checkoutButton.waitFor();
    await settle(page);
    if (!expected) {
      await cart.checkoutButton.click();
      return { expected: await readExpected(page), errors };
    }
    const result = {};
    result.open = await timeAction(page, 'open-modal',
      { event: 'click', selector: '[data-testid=checkout-button]', conditions: modalConditions(expected) },
      () => cart.checkoutButton.click());
    for (const { name, plan } of SWITCHES) {
      await settle(page);
      result[name] = await timeAction(page, `switch-${plan}`,
        { event: 'click', selector: `[data-testid=plan-option][data-plan="${plan}"]`, conditions: switchConditions(expected, plan) },
        () => page.locator(`${MODAL} [data-testid=plan-option][data-plan="${plan}"]`).click());
    }
    return { result, errors };
  } finally {
    await context.close();
  }
}

const load = (l) => l.map((v) => v.toFixed(2)).join(' / ');

export default {
  name: 'checkout',
  needsBrowser: true,
  title: 'Checkout with Klarna: opening the modal and switching option (ms)',
  async run({ runs, browser, server }) {
    const loadBefore = os.loadavg();
    const site = siteFor(server);
    const storage = await prepareShopper(browser, site);
    const { expected } = await checkoutRun(browser, site, storage, null);

    const figures = [
      { key: 'open', label: `Click "Pay with Klarna" to the modal painted (${expected.options} options, the ${expected.names[expected.defaultPlan]} schedule of ${expected.installments[expected.defaultPlan]} payments, the comparison)` },
      ...SWITCHES.map(({ name, plan }, i) => {
        const from = i === 0 ? expected.defaultPlan : SWITCHES[i - 1].plan;
        return { key: name, label: `Switch option, ${expected.names[from]} to ${expected.names[plan]}: click to the schedule of ${expected.installments[plan]} payment${expected.installments[plan] === 1 ? '' : 's'} repainted` };
      }),
    ];
    const samples = Object.fromEntries(figures.map((f) => [f.key, { toPaint: [], toDom: [] }]));
    const errors = new Set();
    for (let run = 0; run < runs; run += 1) {
      const { result, errors: runErrors } = await checkoutRun(browser, site, storage, expected);
      for (const f of figures) {
        samples[f.key].toPaint.push(result[f.key].toPaint);
        samples[f.key].toDom.push(result[f.key].toDom);
      }
      runErrors.forEach((e) => errors.add(e));
    }
    const loadAfter = os.loadavg();

    const summary = Object.fromEntries(figures.map((f) => [f.key, {
      label: f.label, painted: summarize(samples[f.key].toPaint), inDom: summarize(samples[f.key].toDom),
    }]));
    const rows = figures.map((f) => {
      const s = summary[f.key];
      return [f.label, `**${s.painted.median}**`, `${s.painted.min}–${s.painted.max}`, s.inDom.median, s.painted.runs];
    });
    const notes = [
      `Medians of ${runs} runs, each a fresh browser context and a fresh load of /cart, with the localStorage the app wrote when a shopper signed up (US), linked Klarna, saved a Visa and put ${QUANTITY} x \`${PRODUCT}\` in the cart (so all ${expected.options} US options are eligible); one unrecorded warm-up run first.`,
      'Each run times three actions in order in the same tab: open the modal, then the two switches. Painted = the frame showing the result has been painted; in DOM = the result present, before style, layout and paint.',
      `Noise: load average (1/5/15 min) ${load(loadBefore)} before, ${load(loadAfter)} after, on ${os.cpus().length} cores shared with other work; the min–max column shows the spread.`,
    ];
    if (errors.size) notes.push(`Console errors seen while measuring: ${[...errors].join('; ')}`);
    return {
      markdown: [
        markdownTable(['figure', 'median', 'min–max', 'in DOM (median)', 'runs'], rows, ['l', 'r', 'r', 'r', 'r']),
        '',
        notes.map((n) => `- ${n}`).join('\n'),
      ].join('\n'),
      data: {
        unit: 'ms',
        cart: { product: PRODUCT, quantity: QUANTITY },
        expected,
        figures: summary,
        loadAverage: { before: loadBefore, after: loadAfter },
        consoleErrors: [...errors],
      },
    };
  },
};
