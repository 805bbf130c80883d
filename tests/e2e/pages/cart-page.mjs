import { AppShell } from './app-shell.mjs';

export class CartPage extends AppShell {
  static route = '/cart';
  static title = /^your cart$/i;
}
