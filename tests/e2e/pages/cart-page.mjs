import { AppShell } from './app-shell.mjs';

export class CartPage extends AppShell {
  static route = '/cart';
  static title = /^your cart$/i;

  constructor(page, site) {
    super(page, site);
    this.checkoutButton = page.getByTestId('checkout-button');
    this.total = page.getByTestId('cart-total');
    this.lines = page.getByTestId('cart-line');
    this.interrupted = page.getByTestId('checkout-interrupted');
    this.resumeButton = page.getByTestId('resume-payment');
  }
}
