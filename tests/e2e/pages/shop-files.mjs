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
    this.shareButton = page.getByTestId('share-shop');
    this.shareLink = page.getByTestId('share-link');
    this.shareProblem = page.getByTestId('share-link-problem');
    this.startingPoints = page.getByTestId('starting-point');
  }

  startingPoint(slug) {
    return this.page.locator(`[data-testid="starting-point"][data-point="${slug}"]`);
  }

  /** Starts from `slug`, answering its question, and waits until it is built. */
  async start(slug) {
    const title = (await this.startingPoint(slug).locator('strong').textContent()).trim();
    await this.startingPoint(slug).getByRole('button', { name: /start from/i }).click();
    await this.page.getByTestId('starting-point-start').click();
    await this.page.getByTestId('storage-notice').filter({ hasText: `Started from "${title}"` }).waitFor();
  }

  /** Presses "Share as a link" and returns the link. */
  async share() {
    await this.shareButton.click();
    await this.shareLink.waitFor();
    return this.shareLink.inputValue();
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

  /** Drops a file named `name` holding `text` on the card, as a file dragged from the desktop. */
  async drop(name, text) {
    await this.page.evaluate(([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: 'application/json' }));
      const zone = document.querySelector('.drop-zone');
      for (const type of ['dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    }, [name, text]);
  }

  async expectProblem(pattern, what) {
    return expectText(this.problem, pattern, { what });
  }
}
