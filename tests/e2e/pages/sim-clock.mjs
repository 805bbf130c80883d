// The "Simulated time" bar shown on every page. Each move is awaited until the bar reports
// it finished (its data-moves counter goes up), so the next step sees the new state.

import { STEP_TIMEOUT_MS, eventually } from '../support/harness.mjs';

export class SimClock {
  constructor(page) {
    this.page = page;
    this.bar = page.getByTestId('sim-clock');
    this.now = page.getByTestId('clock-now');
    this.status = page.getByTestId('clock-status');
    this.dateInput = page.getByTestId('clock-date');
    this.toggle = page.getByTestId('clock-toggle');
    /** What the last move brought, as links: one per message it delivered. */
    this.digest = page.getByTestId('clock-digest');
  }

  /** On a phone the moves are folded away behind "Move time": opens them when they are. */
  async showMoves() {
    if (await this.toggle.isVisible() && (await this.toggle.getAttribute('aria-expanded')) !== 'true') {
      await this.toggle.click();
    }
  }

  async movesDone() {
    return Number(await this.bar.getAttribute('data-moves'));
  }

  async #move(click) {
    const before = await this.movesDone();
    await this.showMoves();
    await click();
    // A year of history can take a while; each step still reports progress.
    await eventually(() => this.movesDone(), (n) => n > before, { what: 'the clock move to finish', timeout: STEP_TIMEOUT_MS * 4 });
    return (await this.status.textContent()).trim();
  }

  advanceDay() { return this.#move(() => this.page.getByTestId('advance-day').click()); }
  advanceWeek() { return this.#move(() => this.page.getByTestId('advance-week').click()); }
  advanceNextPayment() { return this.#move(() => this.page.getByTestId('advance-next-payment').click()); }
  advanceNextParcel() { return this.#move(() => this.page.getByTestId('advance-next-parcel').click()); }

  /** date: 'YYYY-MM-DD'. Returns the status text (the reason when refused). */
  async toDate(date) {
    await this.showMoves();
    await this.dateInput.fill(date);
    return this.#move(() => this.page.getByTestId('advance-to-date').click());
  }

  async nowText() {
    return (await this.now.textContent()).trim();
  }

  async nowIso() {
    return this.now.getAttribute('datetime');
  }

  /**
   * Moves to the next payment (`by: 'payment'`) or the next parcel update (`by: 'parcel'`)
   * until `done()` holds (or fails after `max` moves).
   */
  async advanceUntil(done, { by, max = 40, what = 'condition' } = {}) {
    const step = { payment: () => this.advanceNextPayment(), parcel: () => this.advanceNextParcel() }[by];
    if (!step) throw new Error(`advanceUntil: by must be 'payment' or 'parcel', not ${by}`);
    for (let i = 0; i < max; i += 1) {
      if (await done()) return i;
      await step();
    }
    if (await done()) return max;
    throw new Error(`${what}: not reached after ${max} moves of the clock`);
  }
}
