import { AppShell } from './app-shell.mjs';
import { expectText } from '../support/harness.mjs';

// The account form's labels, as the app names them. Matched as prefixes, case
// aside: a label may go on (" (optional)"), and a control wrapped in its <label> gets its
// value appended to its accessible name.
export const ACCOUNT_LABELS = {
  fullName: 'Full name',
  email: 'Email',
  street: 'Address line 1',
  city: 'Town or city',
  region: 'State or county',
  postcode: 'ZIP or postcode',
  country: 'Country',
};

function labelled(page, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}\\b`, 'i'));
}

export class AccountPage extends AppShell {
  static route = '/account';
  static title = /^account$/i;

  constructor(page, site) {
    super(page, site);
    this.fields = Object.fromEntries(
      Object.entries(ACCOUNT_LABELS).map(([field, label]) => [field, labelled(page, label)]),
    );
    this.saveButton = page.getByRole('button', { name: 'Save account' });
    this.summary = page.getByTestId('account-summary');
  }

  /** details: { fullName, email, street, city, region, postcode, country } (country by its label). */
  async fill(details) {
    for (const field of ['fullName', 'email', 'street', 'city', 'region', 'postcode']) {
      await this.fields[field].fill(details[field] ?? '');
    }
    await this.fields.country.selectOption({ label: details.country });
  }

  async save() {
    await this.saveButton.click();
  }

  async expectSummaryShows(text) {
    const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return expectText(this.summary, new RegExp(escaped), { what: 'account summary' });
  }
}
