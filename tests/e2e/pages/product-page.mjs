import { AppShell } from './app-shell.mjs';
import { expectText } from '../support/harness.mjs';

export class ProductPage extends AppShell {
  constructor(page, site) {
    super(page, site);
    this.quantity = page.getByTestId('quantity-input');
    this.addButton = page.getByTestId('add-to-cart');
    this.feedback = page.getByTestId('buy-feedback');
  }

  async openProduct(slug) {
    return this.openRoute(`/product/${slug}`);
  }

  async addToCart(quantity = 1) {
    await this.quantity.fill(String(quantity));
    await this.addButton.click();
    await expectText(this.feedback, /added to your cart/i, { what: 'add to cart feedback' });
  }
}
