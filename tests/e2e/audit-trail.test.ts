import type { Page } from 'playwright-core';
import { DEMO, DESKTOP, withTabSession, type TabSession } from './tab-session';

// The Audit trail page in Debian's Chromium against the real stack (Azurite, the seeded demo,
// the built server with the development sign-in): for facilitators, readable at 390 px.
jest.setTimeout(240_000);


const sessionOf = withTabSession();
let session: TabSession;
let page: Page;
beforeAll(() => {
  session = sessionOf();
  page = session.page;
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

    await session.expectAccessibleAtBothWidths('audit');
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
