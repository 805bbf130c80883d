import { AppShell } from './app-shell.mjs';
import { expectText } from '../support/harness.mjs';

export class PaymentSettingsPage extends AppShell {
  static route = '/payment-settings';
  static title = /^payment settings$/i;

  constructor(page, site) {
    super(page, site);
    this.klarnaEmail = page.getByTestId('klarna-email');
    this.sendCode = page.getByTestId('klarna-send-code');
    this.code = page.getByTestId('klarna-code');
    this.codeError = page.getByTestId('klarna-code-error');
    this.verify = page.getByTestId('klarna-verify');
    this.signUp = page.getByTestId('klarna-sign-up');
    this.linked = page.getByTestId('klarna-linked');
    this.methods = page.getByTestId('payment-method');
    this.saveMethod = page.getByTestId('save-method');
    this.saved = page.getByTestId('method-saved');
  }

  /** Links Klarna with `email` and `code`; new users fill the sign-up step. */
  async linkKlarna(email, code = '123456') {
    await this.klarnaEmail.fill(email);
    await this.sendCode.click();
    await this.code.fill(code);
    await this.verify.click();
    if (email.includes('+new_user')) {
      await this.signUp.waitFor();
      await this.page.getByLabel('Full name').fill('Nia Newcomer');
      await this.page.getByLabel(/agree/i).check();
      await this.page.getByTestId('klarna-create-account').click();
    }
  }

  async expectLinked(email) {
    return expectText(this.linked, new RegExp(email.replace(/[.+]/g, '\\$&')), { what: 'linked Klarna account' });
  }

  /** kind: DebitCard | CreditCard */
  async addCard({ kind = 'DebitCard', number, expiry, cvc }) {
    await this.page.getByTestId(`method-kind-${kind}`).check();
    await this.page.getByTestId('card-number').fill(number);
    await this.page.getByTestId('card-expiry').fill(expiry);
    await this.page.getByTestId('card-cvc').fill(cvc);
    await this.saveMethod.click();
  }

  async addBank({ bank, account }) {
    await this.page.getByTestId('method-kind-BankAccount').check();
    await this.page.getByTestId('bank-name').fill(bank);
    await this.page.getByTestId('bank-account').fill(account);
    await this.saveMethod.click();
  }

  async addWallet(email) {
    await this.page.getByTestId('method-kind-Wallet').check();
    await this.page.getByTestId('wallet-email').fill(email);
    await this.saveMethod.click();
  }

  fieldError(fieldId) {
    return this.page.locator(`#${fieldId}-error`);
  }
}
