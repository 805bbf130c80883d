import { AppShell } from './app-shell.mjs';
import { expectText } from '../support/harness.mjs';

export class SimulationPage extends AppShell {
  static route = '/simulation';
  static title = /^simulation panel$/i;

  constructor(page, site) {
    super(page, site);
    this.panel = page.getByTestId('sim-panel');
    this.latency = page.getByTestId('sim-latency');
    this.limit = page.getByTestId('sim-limit');
    this.cardBehaviour = page.getByTestId('sim-card-behaviour');
    this.fault = page.getByTestId('sim-fault');
    this.faultStatus = page.getByTestId('sim-fault-status');
    this.faultEffect = page.getByTestId('sim-fault-effect');
  }

  async setLatency(ms) {
    await this.latency.fill(String(ms));
    await this.page.getByTestId('sim-save-latency').click();
    await expectText(this.page.getByRole('status').filter({ hasText: 'ms to answer' }), new RegExp(`${ms} ms`), { what: 'latency saved' });
  }

  async setPersona({ limit = '', card = 'pays' } = {}) {
    await this.limit.fill(String(limit));
    await this.cardBehaviour.selectOption(card);
    await this.page.getByTestId('sim-save-persona').click();
  }

  /** kind: 'timeout' | 'error' */
  async injectFault(kind) {
    await this.fault.selectOption(kind);
    await this.page.getByTestId('sim-inject-fault').click();
    await expectText(this.faultStatus, /waiting/i, { what: 'fault status' });
  }

  async resetAll() {
    await this.page.getByTestId('sim-reset').click();
    await this.page.getByTestId('sim-reset-confirm').click();
  }
}
