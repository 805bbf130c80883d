import { AppShell } from './app-shell.mjs';

export class InboxPage extends AppShell {
  static route = '/inbox';
  static title = /^inbox$/i;

  constructor(page, site) {
    super(page, site);
    this.messages = page.getByTestId('inbox-message');
    this.shownCount = page.getByTestId('inbox-shown');
    this.showMoreButton = page.getByTestId('show-more-messages');
    this.markAllReadButton = page.getByTestId('mark-all-read');
  }

  /** The id of each message shown, top to bottom (from its element id, "inbox-message-<id>"). */
  async shownIds() {
    return this.messages.evaluateAll((items) => items.map((li) => Number(li.id.replace('inbox-message-', ''))));
  }
}
