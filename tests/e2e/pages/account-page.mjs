import { AppShell } from './app-shell.mjs';
import { expectText } from '../support/harness.mjs';

export class AccountPage extends AppShell {
  static route = '/account';
  static title = /^account$/i;

  constructor(page, site) {
    super(page, site);
    // Prefix matches: a control wrapped in its <label> gets its value appended to its name.
    this.fullName = page.getByLabel(/^full name\b/i);
    this.email = page.getByLabel(/^email\b/i);
    this.street = page.getByLabel(/^street address\b/i);
    this.city = page.getByLabel(/^city\b/i);
    this.postcode = page.getByLabel(/^postcode or zip\b/i);
    this.country = page.getByLabel(/^country\b/i);
    this.saveButton = page.getByRole('button', { name: 'Save account' });
    this.summary = page.getByTestId('account-summary');
  }

  /** details: { fullName, email, street, city, postcode, country } (country by its label). */
  async fill(details) {
    await this.fullName.fill(details.fullName);
    await this.email.fill(details.email);
    await this.street.fill(details.street);
    await this.city.fill(details.city);
    await this.postcode.fill(details.postcode);
    await this.country.selectOption({ label: details.country });
  }

  async save() {
    await this.saveButton.click();
  }

  async expectSummaryShows(text) {
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return expectText(this.summary, new RegExp(escaped), { what: 'account summary' });
  }
}
