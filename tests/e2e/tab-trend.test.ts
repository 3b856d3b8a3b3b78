import type { Page } from 'playwright-core';
import { text } from './tab-page';
import { DEMO, withTabSession, type TabSession } from './tab-session';

// The Trend view in Debian's Chromium against the real stack (Azurite, the seeded demo, the
// built server with the development sign-in): the demo's two pulses asked the same groups.
jest.setTimeout(240_000);

const PULSE = 'demo-repeat-2024';

const sessionOf = withTabSession();
let session: TabSession;
let page: Page;
beforeAll(() => {
  session = sessionOf();
  page = session.page;
});

const expectAccessibleAtBothWidths = (name: string) => session.expectAccessibleAtBothWidths(name);

describe('the Trend view', () => {
  it('follows the overall figure and any chosen tie across the closed pulses of the same scope, each with its interval', async () => {
    await page.goto(session.url('/tab/', { collaborative: DEMO, pulse: PULSE }, '#trend'));
    const chart = page.locator('svg[data-part="trend-chart"]');
    await chart.waitFor();
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toMatch(/^Relational coordination \(all ties\) over time\. .+: \d\.\d\d/);
    const rows = await page.$$eval('table[data-part="trend-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row[3]).toMatch(/\d\.\d\d/);

    // The overall figure of this pulse on its overview equals its point on the trend.
    const last = rows[rows.length - 1]!;
    await page.goto(session.url('/tab/', { collaborative: DEMO, pulse: PULSE }, '#overview'));
    const overview = await text(page, '[data-figure="overall"]');
    expect(overview).toContain(last[2]!.slice(0, 4));

    await page.goto(session.url('/tab/', { collaborative: DEMO, pulse: PULSE }, '#trend'));
    await chart.waitFor();
    await expectAccessibleAtBothWidths('trend');
    const select = page.locator('select[data-part="trend-figure"]');
    const tie = (await select.locator('option').allTextContents()).find((o) => o.includes(' about '))!;
    await select.selectOption({ label: tie });
    expect(await text(page, 'table[data-part="trend-table"] caption')).toBe(`${tie} by pulse`);
    // The tie followed is kept in the address: a reload (or a shared link) follows it still.
    expect(new URL(page.url()).hash).toMatch(/^#trend\?follow=tie%3A/);
    await page.reload();
    await chart.waitFor();
    expect(await text(page, 'table[data-part="trend-table"] caption')).toBe(`${tie} by pulse`);
    expect(await select.evaluate((el) => (el as unknown as { selectedOptions: { textContent: string }[] }).selectedOptions[0]?.textContent)).toBe(tie);
    await expectAccessibleAtBothWidths('trend-tie');
    expect(session.pageErrors).toEqual([]);
  });
});
