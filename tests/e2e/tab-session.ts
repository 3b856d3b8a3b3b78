import type { Page } from 'playwright-core';
import { launchChromium, type RunningBrowser } from './chromium';
import { addExtraStates } from './extra-states';
import { screenshot, seriousAxeViolations } from './tab-page';
import { startTabStack, type TabStack } from './tab-stack';

/** One browser test file's world: Chromium, the stack with the demo and the extra states, a page. */
export interface TabSession {
  browser: RunningBrowser;
  stack: TabStack;
  page: Page;
  /** The demo facilitator's UPN, for ?as= (the development sign-in). */
  facilitator: string;
  /** Uncaught errors in the page: a designed state never comes from a crash. */
  pageErrors: string[];
  /** Whatever the page's Content-Security-Policy refused: the tab must need nothing it forbids. */
  cspViolations: string[];
  /** An address of the tab, signed in as the facilitator. */
  url(path: string, query?: Record<string, string>, hash?: string): string;
  /** Screenshot to tests/artefacts/tab-<name>.png, then no serious or critical axe findings. */
  expectAccessible(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts it all; Chromium first, so that without it the tests fail at once, saying how to install it. */
export async function openTabSession(): Promise<TabSession> {
  const browser = await launchChromium();
  let stack: TabStack | undefined;
  try {
    stack = await startTabStack();
    await addExtraStates(stack.env);
    const users = (await (await fetch(`${stack.baseUrl}/api/dev/users`)).json()) as { users: { upn: string; role: string }[] };
    const facilitator = users.users.find((u) => u.role === 'facilitator')!.upn;
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const cspViolations: string[] = [];
    // Chromium reports a refusal on the console; the DOM event catches any it does not.
    await page.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' from ' + (e.sourceFile || '(no file)') + ':' + e.lineNumber));",
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const base = stack.baseUrl;
    const running = stack;
    return {
      browser,
      stack,
      page,
      facilitator,
      pageErrors,
      cspViolations,
      url: (path, query = {}, hash = '') => `${base}${path}?${new URLSearchParams({ ...query, as: facilitator }).toString()}${hash}`,
      async expectAccessible(name) {
        await screenshot(page, name);
        expect(await seriousAxeViolations(page)).toEqual([]);
      },
      async close() {
        await browser.close();
        await running.stop();
      },
    };
  } catch (err) {
    await browser.close();
    await stack?.stop();
    throw err;
  }
}
