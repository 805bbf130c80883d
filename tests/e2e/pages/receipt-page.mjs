import { AppShell } from './app-shell.mjs';

export class ReceiptPage extends AppShell {
  static title = /^receipt$/i;

  constructor(page, site) {
    super(page, site);
    this.confirmation = page.getByTestId('order-confirmation');
    this.orderId = page.getByTestId('order-id');
    this.providerReference = page.getByTestId('provider-reference');
    this.method = page.getByTestId('receipt-method');
    this.total = page.getByTestId('receipt-total');
    this.installments = page.getByTestId('receipt-installment');
    this.lines = page.getByTestId('receipt-line');
  }

  async waitForOrder() {
    await this.confirmation.waitFor();
    return (await this.orderId.textContent()).trim();
  }
}
