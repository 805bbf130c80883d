import { AppShell } from './app-shell.mjs';

export class InboxPage extends AppShell {
  static route = '/inbox';
  static title = /^inbox$/i;
}
