import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (which downloads no browser). The browser tests
 * must never pass by skipping: without Chromium they fail, saying how to install it.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface RunningBrowser {
  /** One browser context over a fresh profile folder (--user-data-dir), made for this run. */
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile; throws a clear error when it is not installed. */
export async function launchChromium(viewport = { width: 1366, height: 900 }): Promise<RunningBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}, and the results tab's browser tests need it. ` +
        'Install it with: sudo apt-get update && sudo apt-get install -y chromium (.ci/run does this in CI).',
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-pulse-chromium-'));
  // Playwright passes the profile folder to Chromium as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
    // Fluent's motion honours this: screenshots never catch a panel half-way open.
    reducedMotion: 'reduce',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
