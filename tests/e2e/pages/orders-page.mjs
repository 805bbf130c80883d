import { AppShell } from './app-shell.mjs';

export class OrdersPage extends AppShell {
  static route = '/orders';
  static title = /^your orders$/i;

  constructor(page, site) {
    super(page, site);
    this.rows = page.getByTestId('order-row');
    this.statusFilter = page.getByTestId('order-status-filter');
    this.search = page.getByTestId('order-search');
    this.count = page.getByTestId('order-count');
  }

  async filterByStatus(label) {
    await this.statusFilter.selectOption({ label });
  }
}
