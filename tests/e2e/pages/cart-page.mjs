import { AppShell } from './app-shell.mjs';

export class CartPage extends AppShell {
  static route = '/cart';
  static title = /^your cart$/i;

  constructor(page, site) {
    super(page, site);
    this.lines = page.getByTestId('cart-line');
    this.total = page.getByTestId('cart-total');
    this.empty = page.getByTestId('cart-empty');
    this.undo = page.getByTestId('undo-remove');
    this.checkoutButton = page.getByTestId('checkout-button');
    this.interrupted = page.getByTestId('checkout-interrupted');
    this.resumeButton = page.getByTestId('resume-payment');
  }

  line(n = 0) {
    const line = this.lines.nth(n);
    return {
      quantity: line.getByTestId('cart-quantity'),
      error: line.getByTestId('quantity-error'),
      total: line.getByTestId('line-total'),
      remove: line.getByRole('button', { name: /^remove/i }),
      delivery: line.getByLabel('Delivery'),
    };
  }

  /** Types a quantity and commits it the way a shopper does: Enter. */
  async setQuantity(text, n = 0) {
    const { quantity } = this.line(n);
    await quantity.fill(text);
    await quantity.press('Enter');
  }
}
