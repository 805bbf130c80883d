import { AppShell } from './app-shell.mjs';
import { expectText } from '../support/harness.mjs';

export class ProductPage extends AppShell {
  constructor(page, site) {
    super(page, site);
    this.price = page.getByTestId('product-price');
    this.teaser = page.getByTestId('klarna-teaser');
    this.variantValues = page.getByTestId('variant-value');
    this.deliveryOptions = page.getByTestId('delivery-option');
    this.quantity = page.getByTestId('quantity-input');
    this.addButton = page.getByTestId('add-to-cart');
    this.feedback = page.getByTestId('buy-feedback');
    const added = page.getByTestId('added-to-cart');
    this.added = { box: added, item: added.getByTestId('added-item'), cartTotal: added.getByTestId('added-cart-total') };
    this.availability = page.getByTestId('availability');
    this.sellerTrust = page.getByTestId('seller-trust');
  }

  async openProduct(slug) {
    return this.openRoute(`/product/${slug}`);
  }

  /** Picks the first value of each picker that is enabled. */
  async pickFirstAvailableVariant() {
    const pickers = this.page.locator('.variant-picker');
    for (let i = 0; i < (await pickers.count()); i += 1) {
      await pickers.nth(i).locator('[data-testid=variant-value]:not([disabled])').first().click();
    }
  }

  /** Adds the selected variant and waits for the confirmation. */
  async addToCart(quantity = 1) {
    await this.quantity.fill(String(quantity));
    await this.addButton.click();
    await expectText(this.feedback, /added to your cart/i, { what: 'add to cart feedback' });
  }
}
