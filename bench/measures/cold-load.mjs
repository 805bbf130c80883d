// Cold load: from navigation start to the "app-mounted" performance mark the app sets once
// it has mounted, in headless Chromium, each run in a fresh browser context (empty cache,
// empty storage). Beside it, the same figure for a static page with the same shell markup
// (index.html without its scripts, marking "app-mounted" inline at the end of <body>): the
// floor that HTML and CSS alone cost on this machine. The ratio says what the wasm app adds.
//
// The two pages are loaded alternately in the same run so that whatever else the machine
// is doing affects both alike. One unrecorded warm-up load of each comes first: the first
// page a new browser process loads pays for starting its renderer.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { markdownTable, round, summarize } from '../lib.mjs';

export const STATIC_SHELL_FILE = 'static-shell.html';
const MOUNT_TIMEOUT_MS = 30_000;

/** dist/index.html -> the same page with no scripts, marking app-mounted where the body ends. */
export function staticShellFrom(indexHtml) {
  const withoutScripts = indexHtml
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*\brel=["']?(?:modulepreload|preload)\b[^>]*>/gi, '');
  const marker = '<script>performance.mark("app-mounted")</script>';
  if (!/<\/body>/i.test(withoutScripts)) throw new Error('dist/index.html has no </body>');
  return withoutScripts.replace(/<\/body>/i, `${marker}\n</body>`);
}

async function timeToMounted(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const errors = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('app-mounted').length > 0, null,
      { timeout: MOUNT_TIMEOUT_MS, polling: 50 });
    // startTime is measured from the navigation start (performance.timeOrigin).
    const mountedAt = await page.evaluate(() => performance.getEntriesByName('app-mounted')[0].startTime);
    return { mountedAt, errors };
  } catch (error) {
    throw new Error(`${url} never set the app-mounted mark: ${error.message}${errors.length ? `\npage errors: ${errors.join('; ')}` : ''}`);
  } finally {
    await context.close();
  }
}

export default {
  name: 'cold-load',
  needsBrowser: true,
  title: 'Cold load: navigation start to the app-mounted mark (ms)',
  async run({ siteDir, indexHtml, runs, browser, server }) {
    await writeFile(path.join(siteDir, STATIC_SHELL_FILE), staticShellFrom(indexHtml));
    const pages = {
      app: server.url,
      static: `${server.url}${STATIC_SHELL_FILE}`,
    };

    for (const url of Object.values(pages)) await timeToMounted(browser, url);

    const samples = { app: [], static: [] };
    const errors = new Set();
    for (let run = 0; run < runs; run += 1) {
      // Alternate which page goes first, so neither always follows the other.
      const order = run % 2 === 0 ? ['app', 'static'] : ['static', 'app'];
      for (const name of order) {
        const result = await timeToMounted(browser, pages[name]);
        samples[name].push(result.mountedAt);
        result.errors.forEach((e) => errors.add(`${name}: ${e}`));
      }
    }

    const app = summarize(samples.app);
    const staticShell = summarize(samples.static);
    const ratio = round(app.median / staticShell.median, 2);
    const rows = [
      ['wasm app (`index.html`)', app.median, app.min, app.max, app.runs],
      ['static shell, same markup, no scripts', staticShell.median, staticShell.min, staticShell.max, staticShell.runs],
      ['**ratio app / static (medians)**', `**${ratio}x**`, '', '', ''],
    ];
    const notes = errors.size ? `\n\nConsole errors seen while measuring:\n${[...errors].map((e) => `- ${e}`).join('\n')}` : '';
    return {
      markdown: markdownTable(['page', 'median', 'min', 'max', 'runs'], rows, ['l', 'r', 'r', 'r', 'r']) + notes,
      data: {
        unit: 'ms',
        from: 'navigation start (performance.timeOrigin)',
        to: 'performance.mark("app-mounted")',
        app,
        static: staticShell,
        ratio,
        consoleErrors: [...errors],
      },
    };
  },
};
