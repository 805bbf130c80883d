import { SimulationPage } from './simulation-page.mjs';
import { expectText } from '../support/harness.mjs';

/** The Simulation page's "Save and load this shop" card. */
export class ShopFilesPage extends SimulationPage {
  constructor(page, site) {
    super(page, site);
    this.card = page.getByTestId('shop-files');
    this.saveButton = page.getByTestId('save-shop');
    this.fileInput = page.getByTestId('load-shop-file');
    this.problem = page.getByTestId('shop-file-problem');
    this.summary = page.getByTestId('shop-file-summary');
    this.confirmButton = page.getByTestId('shop-file-confirm');
    this.undoButton = page.getByTestId('undo-import');
  }

  /** Presses "Save to a file" and returns the browser's download. */
  async save() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.saveButton.click()]);
    return download;
  }

  /** Chooses `files` (paths, or { name, mimeType, buffer }) through the file chooser. */
  async choose(files) {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.fileInput.click()]);
    await chooser.setFiles(files);
  }

  async expectProblem(pattern, what) {
    return expectText(this.problem, pattern, { what });
  }
}
