import type { Page } from 'playwright-core';
import { openTabSession, type TabSession } from './tab-session';

// The Audit trail page in Debian's Chromium against the real stack (Azurite, the seeded demo,
// the built server with the development sign-in): for facilitators, readable at 390 px.
jest.setTimeout(240_000);

const DEMO = 'yorkshire-humber-pmh';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

let session: TabSession;
let page: Page;

beforeAll(async () => {
  session = await openTabSession();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(session.pageErrors).toEqual([]);
  expect(session.cspViolations).toEqual([]);
});

describe('the Audit trail page', () => {
  it('shows a facilitator what was done, newest first, from the section navigation, at desktop width and at 390 px', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(session.url('/tab/', { collaborative: DEMO }, '#overview'));
    const link = page.getByRole('link', { name: 'Audit trail' });
    await link.click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    expect(await link.getAttribute('aria-current')).toBe('page');
    const entries = page.locator('[data-page="audit"] li[data-action]');
    await entries.first().waitFor();
    // The demo was written by the seed: its entry is there, in plain words.
    expect(await page.locator('li[data-action="demo.seeded"]').count()).toBeGreaterThan(0);
    await expect(page.locator('li[data-action="demo.seeded"]').first().innerText()).resolves.toContain('Demo data written');
    // Newest first.
    const times = await entries.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort().reverse());
    await page.getByRole('button', { name: 'Download as CSV' }).waitFor();

    await session.expectAccessible('audit-desktop');
    await page.setViewportSize(PHONE);
    await session.expectAccessible('audit-390');
    const overflowing = await page.locator('main *').evaluateAll((els, width) =>
      els.filter((e) => !e.closest('[data-state="development"]') && e.getBoundingClientRect().right > width + 1).slice(0, 5).map((e) => `${e.tagName.toLowerCase()} ${e.textContent?.slice(0, 40)}`), PHONE.width);
    expect(overflowing).toEqual([]);
    await page.setViewportSize(DESKTOP);
  });

  it('is not offered to someone who is not a facilitator, and refused if they go to it', async () => {
    const users = (await (await fetch(`${session.stack.baseUrl}/api/dev/users`)).json()) as { users: { upn: string; role: string }[] };
    const viewer = users.users.find((u) => u.role !== 'facilitator')!.upn;
    const as = (hash: string) => `${session.stack.baseUrl}/tab/?${new URLSearchParams({ collaborative: DEMO, as: viewer }).toString()}${hash}`;
    await page.goto(as('#overview'));
    await page.getByRole('link', { name: 'Interventions' }).waitFor();
    expect(await page.getByRole('link', { name: 'Audit trail' }).count()).toBe(0);
    await page.goto(as('#audit'));
    await page.getByText("Only the collaborative's facilitators can see its audit trail.").waitFor();
    expect(await page.locator('li[data-action]').count()).toBe(0);
  });
});
