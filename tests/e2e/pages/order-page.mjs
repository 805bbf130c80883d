import { AppShell } from './app-shell.mjs';
import { SimClock } from './sim-clock.mjs';
import { expectText } from '../support/harness.mjs';

export class OrderPage extends AppShell {
  static title = /^order /i;

  constructor(page, site) {
    super(page, site);
    this.clock = new SimClock(page);
    this.status = page.getByTestId('order-status');
    this.message = page.getByTestId('order-message');
    this.packages = page.getByTestId('package');
    this.packageStatuses = page.getByTestId('package-status');
    this.trackingNumbers = page.getByTestId('tracking-number');
    this.trackingEvents = page.getByTestId('tracking-event');
    this.refundRows = page.getByTestId('refund-row');
    this.protection = page.getByTestId('protection-ends');
    this.returnWindow = page.getByTestId('return-window');
    this.owed = page.getByTestId('order-owed');
    this.payments = page.getByTestId('order-payment');
    this.refundChanges = page.getByTestId('payment-refund-change');
    this.interestDropped = page.getByTestId('order-interest-dropped');
    this.timeline = page.getByTestId('timeline-entry');
    this.simulation = page.getByTestId('order-simulation');
    this.returnForm = page.getByTestId('return-form');
    this.returnQuote = page.getByTestId('return-quote');
    this.disputeForm = page.getByTestId('dispute-form');
    this.cancelButton = page.getByTestId('cancel-order');
    this.startReturnButton = page.getByTestId('start-return');
    this.reportProblemButton = page.getByTestId('open-dispute');
    this.cancellationState = page.getByTestId('cancellation-state');
  }

  openOrder(id) {
    return this.openRoute(`/orders/${id}`);
  }

  async expectStatus(pattern) {
    return expectText(this.status, pattern, { what: 'order status' });
  }

  async statusText() {
    return (await this.status.textContent()).trim();
  }

  async allPackagesDelivered() {
    const statuses = (await this.packageStatuses.allTextContents()).map((t) => t.trim());
    return statuses.length > 0 && statuses.every((s) => s === 'Delivered');
  }

  /** Opens the return form and fills it; `options`: { reason, original, resellable, exchange }. */
  async fillReturn({ reason = 'Changed my mind', original = true, resellable = true, exchange = false } = {}) {
    await this.page.getByTestId('start-return').click();
    await this.returnForm.waitFor();
    await this.page.getByTestId('return-reason').selectOption({ label: reason });
    await this.page.getByTestId('return-packaging').setChecked(original);
    await this.page.getByTestId('return-resellable').setChecked(resellable);
    if (exchange) await this.page.getByTestId('return-exchange').check();
  }

  async submitReturn() {
    await this.page.getByTestId('submit-return').click();
  }

  /** The reasons the dispute form offers for the package chosen in it. */
  async disputeReasons() {
    await this.reportProblemButton.click();
    await this.disputeForm.waitFor();
    return (await this.page.getByTestId('dispute-reason').locator('option').allTextContents()).map((t) => t.trim());
  }

  async openDispute(reason = 'Not received') {
    await this.page.getByTestId('open-dispute').click();
    await this.disputeForm.waitFor();
    await this.page.getByTestId('dispute-reason').selectOption({ label: reason });
    await this.page.getByTestId('submit-dispute').click();
  }
}
