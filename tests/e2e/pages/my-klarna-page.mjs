import { AppShell } from './app-shell.mjs';
import { SimClock } from './sim-clock.mjs';

export class MyKlarnaPage extends AppShell {
  static route = '/my-klarna';
  static title = /^my klarna$/i;

  constructor(page, site) {
    super(page, site);
    this.clock = new SimClock(page);
    this.upcoming = page.getByTestId('upcoming-payment');
    this.nextPayment = page.getByTestId('next-payment');
    this.overdueBanner = page.getByTestId('overdue-banner');
    this.planCards = page.getByTestId('plan-card');
    this.planStatuses = page.getByTestId('plan-card').getByTestId('payment-status');
    this.balance = page.getByTestId('balance-owed');
    this.message = page.getByTestId('action-message');
    this.pastPayments = page.getByTestId('past-payment');
    this.spendingChart = page.getByTestId('spending-chart');
    this.payWholeBalanceButtons = page.getByTestId('pay-whole-balance');
    this.extendButtons = page.getByTestId('extend-due-date');
  }

  /** The plan card of order `id`. */
  planCard(id) {
    return this.page.locator(`[data-testid="plan-card"][data-order="${id}"]`);
  }

  /** The upcoming-payment rows of order `id`. */
  upcomingFor(id) {
    return this.page.locator(`[data-testid="upcoming-payment"][data-order="${id}"]`);
  }

  /** Status words of every payment of every plan, in plan order ("Paid", "Scheduled", "Overdue"...). */
  async planStatusWords() {
    return (await this.planStatuses.allTextContents()).map((t) => t.trim());
  }

  async countStatus(word) {
    return (await this.planStatusWords()).filter((w) => w === word).length;
  }

  async payNow(row = 0) {
    await this.upcoming.nth(row).getByTestId('pay-now-installment').click();
  }

  async extend(row = 0) {
    await this.upcoming.nth(row).getByTestId('extend-due-date').click();
  }

  async payWholeBalance(plan = 0) {
    await this.planCards.nth(plan).getByTestId('pay-whole-balance').click();
  }
}
