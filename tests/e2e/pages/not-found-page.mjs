import { AppShell } from './app-shell.mjs';

export class NotFoundPage extends AppShell {
  static title = /not found/i;
}
