import type { Page } from 'playwright-core';
import { launchChromium, type RunningBrowser } from './chromium';
import { addExtraStates } from './extra-states';
import { screenshot, seriousAxeViolations } from './tab-page';
import { startTabStack, type TabStack } from './tab-stack';

/** The demo collaborative every browser test opens, and the two widths every view must read at. */
export const DEMO = 'yorkshire-humber-pmh';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

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
  /**
   * Elements of the page's main reaching past a phone's right edge, a few named (the development
   * sign-in banner, which exists only on a developer's machine, aside; with `scrollingRegions`,
   * also what scrolls inside its own region or chart by design, such as the matrix and the map).
   */
  overflowing(options?: { scrollingRegions?: boolean }): Promise<string[]>;
  /** expectAccessible at desktop width (`<name>-desktop`) and at 390 px (`<name>-390`), nothing wider than the phone, then back to desktop. */
  expectAccessibleAtBothWidths(name: string, options?: { scrollingRegions?: boolean }): Promise<void>;
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
    const expectAccessible = async (name: string) => {
      await screenshot(page, name);
      expect(await seriousAxeViolations(page)).toEqual([]);
    };
    const overflowing = (options: { scrollingRegions?: boolean } = {}) =>
      page.locator('main *').evaluateAll(
        (els, { width, regions }) =>
          els
            .filter((e) => !e.closest('[data-state="development"]') && !(regions && (e.closest('[role="region"]') || e.closest('svg'))) && e.getBoundingClientRect().right > width + 1)
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.textContent?.slice(0, 40)}`),
        { width: PHONE.width, regions: options.scrollingRegions === true },
      );
    return {
      browser,
      stack,
      page,
      facilitator,
      pageErrors,
      cspViolations,
      url: (path, query = {}, hash = '') => `${base}${path}?${new URLSearchParams({ ...query, as: facilitator }).toString()}${hash}`,
      expectAccessible,
      overflowing,
      async expectAccessibleAtBothWidths(name, options) {
        await page.setViewportSize(DESKTOP);
        await expectAccessible(`${name}-desktop`);
        await page.setViewportSize(PHONE);
        await expectAccessible(`${name}-390`);
        expect(await overflowing(options)).toEqual([]);
        await page.setViewportSize(DESKTOP);
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

/**
 * The hooks most browser test files share: the session opened before their tests (then
 * `setUp`, e.g. more states in storage), closed after them, and after each test no uncaught
 * error in the page and nothing its Content-Security-Policy refused. Returns the session.
 */
export function withTabSession(setUp?: (session: TabSession) => Promise<void>): () => TabSession {
  let session: TabSession | undefined;
  beforeAll(async () => {
    session = await openTabSession();
    await setUp?.(session);
  });
  afterAll(async () => {
    await session?.close();
  });
  afterEach(() => {
    expect(session!.pageErrors).toEqual([]);
    expect(session!.cspViolations).toEqual([]);
  });
  return () => session!;
}
