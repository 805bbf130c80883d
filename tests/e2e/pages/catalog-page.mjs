import { AppShell } from './app-shell.mjs';

export class CatalogPage extends AppShell {
  static route = '/';
}
