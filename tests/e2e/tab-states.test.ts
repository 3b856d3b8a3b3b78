import type { Page } from 'playwright-core';
import { EMPTY_COLLABORATIVE, FEW_COLLABORATIVE, OPEN_COLLABORATIVE, QUIET_COLLABORATIVE } from './extra-states';
import { screenshot, text } from './tab-page';
import { openTabSession, type TabSession } from './tab-session';

// The results tab's other faces in Debian's Chromium, on the real stack: the Teams themes,
// every designed state (none a blank page), an open pulse (progress only: figures are
// published once, at close), the channel tab's configuration page and the personal tab.
jest.setTimeout(180_000);

const DEMO = 'yorkshire-humber-pmh';
let session: TabSession;
let page: Page;

beforeAll(async () => {
  session = await openTabSession();
  page = session.page;
});

afterAll(async () => session?.close());

describe('the results tab beyond the figures', () => {
  it('follows the Teams themes: dark and high contrast read well too', async () => {
    for (const theme of ['dark', 'contrast']) {
      await page.goto(session.url('/tab/', { collaborative: DEMO, theme }, '#map'));
      await page.locator('[data-tie]').first().waitFor();
      await session.expectAccessible(`map-${theme}`);
      await page.goto(session.url('/tab/', { collaborative: DEMO, theme }));
      await page.locator('[data-figure="overall"]').waitFor();
      await session.expectAccessible(`overview-${theme}`);
    }
  });

  it('designed states, never a blank page: loading, no pulse yet, a pulse nobody has answered yet, too few answers, and an error', async () => {
    await page.route('**/results', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto(session.url('/tab/', { collaborative: DEMO }));
    await page.locator('[data-state="loading"]').waitFor();
    await screenshot(page, 'state-loading');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    for (const [state, collaborative] of [['empty', EMPTY_COLLABORATIVE], ['open-pulse', QUIET_COLLABORATIVE], ['too-few', FEW_COLLABORATIVE], ['error', 'no-such-collaborative']] as const) {
      await page.goto(session.url('/tab/', { collaborative }));
      await page.locator(`[data-state="${state}"]`).waitFor();
      expect((await text(page, `[data-state="${state}"]`)).length).toBeGreaterThan(40);
      await session.expectAccessible(`state-${state}`);
    }
    // Nobody has answered the quiet pulse: the count reads "fewer than k", as every count below k does.
    await page.goto(session.url('/tab/', { collaborative: QUIET_COLLABORATIVE }));
    expect(await text(page, '[data-state="open-pulse"] [data-part="progress"]')).toMatch(/So far fewer than 5 people have answered\.$/);
    // A closed pulse with too few answers still shows its response rates.
    await page.goto(session.url('/tab/', { collaborative: FEW_COLLABORATIVE }, '#rates'));
    await page.locator('table[data-part="rates-workgroups"]').waitFor();
  });

  it('an open pulse shows its progress only, in plain words, and no figure at all, on a phone and on a desktop', async () => {
    const sizes = [['open-pulse-390px', { width: 390, height: 844 }], ['open-pulse-desktop', { width: 1366, height: 900 }]] as const;
    for (const [name, size] of sizes) {
      await page.setViewportSize(size);
      for (const hash of ['', '#map', '#dimensions']) {
        await page.goto(session.url('/tab/', { collaborative: OPEN_COLLABORATIVE }, hash));
        expect(await text(page, '[data-part="progress"]')).toMatch(/^Figures appear when the pulse closes on \w+day \d{1,2} \w+\. So far 7 people have answered\.$/);
        // Seven answered, five of them in one group: nothing of what they said is on the page.
        expect(await page.locator('[data-figure], [data-tie], [data-export], table, [role="tab"]').count()).toBe(0);
        expect(await page.locator('body').innerText()).not.toMatch(/\d\.\d\d/);
      }
      await session.expectAccessible(name);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('the configuration page picks a collaborative; the personal tab lists the open surveys', async () => {
    await page.goto(session.url('/tab/config'));
    await page.getByRole('radio', { name: /Yorkshire/ }).check();
    expect(await text(page, '[data-page="config"]')).toContain(`/tab/?collaborative=${DEMO}`);
    await session.expectAccessible('config');
    await page.goto(session.url('/tab/personal'));
    expect(await text(page, '[data-survey]')).toContain('Autumn pulse');
    expect(await page.locator('[data-survey]').count()).toBe(2);
    await session.expectAccessible('personal');
    expect(session.pageErrors).toEqual([]);
    expect(session.cspViolations).toEqual([]);
  });
});
