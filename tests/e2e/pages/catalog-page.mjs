import { AppShell } from './app-shell.mjs';
import { expectText } from '../support/harness.mjs';

export class CatalogPage extends AppShell {
  static route = '/';

  constructor(page, site) {
    super(page, site);
    this.cards = page.getByTestId('product-card');
    this.resultCount = page.getByTestId('result-count');
    this.emptyResults = page.getByTestId('empty-results');
    this.category = page.getByLabel('Category');
    this.minPrice = page.getByTestId('filter-min-price');
    this.maxPrice = page.getByTestId('filter-max-price');
    this.applyPrice = page.getByRole('button', { name: 'Apply' });
    this.freeShipping = page.getByTestId('filter-free-shipping');
    this.trustedOnly = page.getByTestId('filter-trusted');
    this.sort = page.getByLabel(/^sort by/i);
    // On a phone the filters are a sheet, opened and closed from these two buttons.
    this.filtersToggle = page.getByTestId('filters-toggle');
    this.filtersDone = page.getByTestId('filters-done');
    this.filterSheet = page.locator('#catalog-filters');
    this.categoryChips = page.getByTestId('category-chips');
    this.browseCategories = page.getByTestId('browse-categories');
  }

  /** What the search box offers while typing: each option's text and kind. */
  async suggestions() {
    return this.page.getByTestId('search-suggestions').locator('option')
      .evaluateAll((options) => options.map((o) => ({ value: o.value, label: o.label })));
  }

  async search(text) {
    await this.searchBox.fill(text);
    await this.searchBox.press('Enter');
  }

  async expectCount(pattern) {
    return expectText(this.resultCount, pattern, { what: 'result count' });
  }

  async cardNames() {
    return this.cards.locator('.product-card-name').allTextContents();
  }
}
