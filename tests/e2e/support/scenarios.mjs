// Starting a journey from a demo scenario: the app places the order itself through its
// checkout flow when opened with ?scenario=<name> (see src/ui/demo_data.rs), so journeys
// after checkout do not depend on the checkout modal and no state is hand-written.

import { expectText, waitForStart } from './harness.mjs';
import { OrderPage } from '../pages/order-page.mjs';

/** Opens the app with `?scenario=name` and returns the id of the order it placed. */
export async function startScenario(page, site, name) {
  await page.goto(`${site.urlFor('/')}?scenario=${name}`);
  await waitForStart(page);
  const notice = page.getByTestId('storage-notice').filter({ hasText: /demo scenario/i });
  const text = await expectText(notice, /placed order BM-\d+/, { what: 'demo scenario notice' });
  return text.match(/BM-\d+/)[0];
}

/** Starts `scenario`, then moves to each parcel update until the order is delivered. */
export async function startDelivered(page, site, scenario = 'pay_in_4') {
  const id = await startScenario(page, site, scenario);
  const order = await new OrderPage(page, site).openOrder(id);
  await order.clock.advanceUntil(() => order.allPackagesDelivered(), { by: 'parcel', max: 40, what: 'delivery' });
  await order.expectStatus(/^Delivered$/);
  return { id, order };
}
