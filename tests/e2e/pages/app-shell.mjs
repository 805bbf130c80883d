// The parts of the app every page shares: the header, the page title, the app-ready
// marker and the storage notice. Page objects for single pages extend this.

import { expectText, waitForStart } from '../support/harness.mjs';

export class AppShell {
  /** Route of the page, e.g. "/cart"; subclasses set it. */
  static route = '/';

  constructor(page, site) {
    this.page = page;
    this.site = site;
    this.appReady = page.getByTestId('app-ready');
    this.pageTitle = page.getByTestId('page-title');
    this.storageNotice = page.getByTestId('storage-notice');
    this.bootShell = page.locator('#boot-shell');
    // The header that holds the search box (index.html's loading shell has a header too).
    this.header = page.locator('header').filter({ has: page.getByTestId('search-input') });
    this.homeLink = this.header.getByRole('link', { name: 'bnpl-market', exact: true });
    this.searchBox = this.header.getByTestId('search-input');
    this.cartCount = this.header.getByTestId('cart-count');
    this.cartLink = this.header.getByRole('link').filter({ has: page.getByTestId('cart-count') });
    this.accountLink = this.header.getByRole('link', { name: /^account\b/i });
    this.inboxLink = this.header.getByRole('link', { name: /^inbox\b/i });
  }

  /** Loads the page's route with a full page load and waits until the app has started. */
  async open() {
    return this.openRoute(this.constructor.route);
  }

  async openRoute(route) {
    await this.page.goto(this.site.urlFor(route));
    await this.waitUntilReady();
    return this;
  }

  /** Waits until the app has started (see `waitForStart`). */
  async waitUntilReady() {
    await waitForStart(this.page);
  }

  /** The app route the page shows now, base path removed ("/cart"). */
  route() {
    return this.site.routeOf(this.page.url());
  }

  async expectTitle(pattern) {
    return expectText(this.pageTitle, pattern, { what: `page title on ${this.route()}` });
  }

  async documentTitle() {
    return this.page.title();
  }
}
