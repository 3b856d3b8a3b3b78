import type { Page } from 'playwright-core';
import { EMPTY_COLLABORATIVE, OPEN_COLLABORATIVE, QUIET_COLLABORATIVE } from './extra-states';
import { screenshot, text } from './tab-page';
import { openTabSession, type TabSession } from './tab-session';

// The results tab's other faces in Debian's Chromium, on the real stack: the Teams themes,
// every designed state (none a blank page), an open pulse's snapshot, the channel tab's
// configuration page and the personal tab.
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

  it('designed states, never a blank page: loading, no pulse yet, no answers yet, and an error', async () => {
    await page.route('**/results', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto(session.url('/tab/', { collaborative: DEMO }));
    await page.locator('[data-state="loading"]').waitFor();
    await screenshot(page, 'state-loading');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    for (const [state, collaborative] of [['empty', EMPTY_COLLABORATIVE], ['no-responses', QUIET_COLLABORATIVE], ['error', 'no-such-collaborative']] as const) {
      await page.goto(session.url('/tab/', { collaborative }));
      await page.locator(`[data-state="${state}"]`).waitFor();
      expect((await text(page, `[data-state="${state}"]`)).length).toBeGreaterThan(40);
      await session.expectAccessible(`state-${state}`);
    }
    // With no figures the response rates still show how the pulse is going.
    await page.goto(session.url('/tab/', { collaborative: QUIET_COLLABORATIVE }, '#rates'));
    await page.locator('table[data-part="rates-workgroups"]').waitFor();
  });

  it('an open pulse shows its published figures "as of N responses", hiding a group below k', async () => {
    await page.goto(session.url('/tab/', { collaborative: OPEN_COLLABORATIVE }));
    expect(await text(page, '[data-part="as-of"]')).toMatch(/This pulse is still open\. Figures are as of 7 responses/);
    await session.expectAccessible('open-pulse');
    await page.goto(session.url('/tab/', { collaborative: OPEN_COLLABORATIVE }, '#dimensions'));
    expect(await text(page, 'tr[data-workgroup="Community team"] [data-part="respondents"]')).toBe('fewer than 5');
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
