// Launching Debian's Chromium through playwright-core. Shared by the e2e suite and the
// benchmark so both drive the same browser the same way. Never `npx playwright install`:
// this machine reaches no browser download site, and Debian's build is the one we test.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// --no-sandbox: we run as root, where Chromium refuses to start sandboxed.
// The rest stop Chromium from calling home (updates, sync, field trials), which on a
// closed network only produces refused connections and noise.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run scripts/setup.sh (or make setup), which installs Debian's chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
