// The Klarna checkout modal, opened from the cart's "Pay with Klarna" button.

import { expectText } from '../support/harness.mjs';

export class CheckoutModal {
  constructor(page) {
    this.page = page;
    this.dialog = page.getByTestId('klarna-modal');
    this.options = this.dialog.getByTestId('plan-option');
    this.installments = this.dialog.getByTestId('plan-installment');
    this.identityContinue = this.dialog.getByTestId('identity-continue');
    this.resendCode = this.dialog.getByTestId('resend-code');
    this.otp = this.dialog.getByTestId('otp-input');
    this.otpError = this.dialog.getByTestId('otp-error');
    this.confirmButton = this.dialog.getByTestId('confirm-payment');
    this.retryButton = this.dialog.getByTestId('retry-payment');
    this.progress = this.dialog.getByTestId('checkout-progress');
    this.outcome = this.dialog.getByTestId('checkout-outcome');
    this.declined = this.dialog.getByTestId('payment-declined');
    this.retryable = this.dialog.getByTestId('payment-retryable');
    this.missing = this.dialog.getByTestId('checkout-missing');
    this.apr = this.dialog.getByTestId('plan-apr');
    this.interest = this.dialog.getByTestId('plan-interest');
    this.totalCost = this.dialog.getByTestId('plan-total-cost');
    this.terms = this.dialog.getByTestId('plan-terms');
    this.timeline = this.dialog.getByTestId('plan-timeline');
    this.comparison = this.dialog.getByTestId('plan-comparison');
    this.comparisonDisclosure = this.dialog.getByTestId('comparison-disclosure');
    this.review = this.dialog.getByTestId('checkout-review');
  }

  option(planId) {
    return this.dialog.locator(`[data-testid="plan-option"][data-plan="${planId}"]`);
  }

  async waitOpen() {
    await this.dialog.waitFor({ state: 'visible' });
    return this;
  }

  async choose(planId) {
    await this.option(planId).click();
  }

  /** The identity step: "Continue as" the linked email (once), then the code it "sent". */
  async enterCode(code = '123456') {
    if (!(await this.otp.isVisible())) await this.identityContinue.click();
    await this.otp.fill(code);
  }

  async pay(code = '123456') {
    await this.enterCode(code);
    await this.confirmButton.click();
  }

  /** Opens "Compare all options", where the comparison table and timeline are. */
  async openComparison() {
    if ((await this.comparisonDisclosure.getAttribute('open')) === null) {
      await this.comparisonDisclosure.locator('summary').click();
    }
  }

  async expectOutcome(pattern) {
    return expectText(this.outcome, pattern, { what: 'checkout outcome' });
  }
}
