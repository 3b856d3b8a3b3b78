import type { Page } from 'playwright-core';
import { FAMILY_ANSWERS, FAMILIES_CLOSED_PULSE, FAMILIES_COLLABORATIVE, addFamilyStates } from './family-states';
import { openTabSession, type TabSession } from './tab-session';

// Transition checks and the families' voice in the results tab, in Debian's Chromium against
// the real stack (Azurite, the seeded demo plus a collaborative that asks families, the built
// server with the development sign-in). Every page is checked at 390 px and on a desktop.
jest.setTimeout(240_000);

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
const K = 5;

let session: TabSession;
let page: Page;

const familiesUrl = (pulse: string, hash = '') => session.url('/tab/', { collaborative: FAMILIES_COLLABORATIVE, pulse }, hash);

/** Screenshots at desktop width and at 390 px, axe finding nothing serious or critical, and nothing wider than a phone. */
async function expectAccessibleAtBothWidths(name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await session.expectAccessible(`${name}-desktop`);
  await page.setViewportSize(PHONE);
  await session.expectAccessible(`${name}-390`);
  const overflowing = await page.locator('main *').evaluateAll((els, width) =>
    els
      // The development sign-in banner exists only on a developer's machine; the matrix and map scroll inside their own region by design.
      .filter((e) => !e.closest('[data-state="development"]') && !e.closest('[role="region"]') && !e.closest('svg') && e.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.textContent?.slice(0, 40)}`), PHONE.width);
  expect(overflowing).toEqual([]);
  await page.setViewportSize(DESKTOP);
}

beforeAll(async () => {
  session = await openTabSession();
  page = session.page;
  await addFamilyStates(session.stack.env);
});

afterAll(async () => {
  await session?.close();
});

afterEach(() => {
  expect(session.pageErrors).toEqual([]);
  expect(session.cspViolations).toEqual([]);
});

describe('Families in the RC map and the tie matrix', () => {
  it('the map has Families as one more group, marked and explained in the key; their own figures read "fewer than k responses"', async () => {
    await page.goto(familiesUrl(FAMILIES_CLOSED_PULSE, '#map'));
    await page.locator('[data-tie]').first().waitFor();
    expect(await page.locator('svg [data-group="families"] [data-part="families-ring"]').count()).toBe(1);
    expect(await page.locator('[data-part="families-key"]').innerText()).toContain('answered through family links');
    // Only 3 families answered (k = 5): every tie from Families is suppressed, with no number in it.
    const fromFamilies = await page.$$eval('[data-tie^="families>"]', (els) => els.map((e) => ({ band: e.getAttribute('data-band'), label: e.getAttribute('aria-label')! })));
    expect(fromFamilies.length).toBeGreaterThan(0);
    for (const tie of fromFamilies) {
      expect(tie.band).toBe('suppressed');
      expect(tie.label).toMatch(new RegExp(`^How families experience working with .+: fewer than ${K} responses$`));
      expect(tie.label).not.toMatch(/\d\.\d/);
    }
    // Staff rated Families: those ties are drawn like any other.
    expect(await page.locator('[data-tie$=">families"]').count()).toBeGreaterThan(0);
    expect(FAMILY_ANSWERS).toBeLessThan(K);
    await expectAccessibleAtBothWidths('families-map');
  });

  it('the matrix has a Families row and column, labelled as answered through family links, its suppressed cells reading "fewer than k responses"', async () => {
    await page.goto(familiesUrl(FAMILIES_CLOSED_PULSE, '#matrix'));
    const row = page.locator('tbody th[data-group="families"]');
    await row.waitFor();
    expect(await row.innerText()).toMatch(/^Families\s+answered through family links$/);
    expect(await page.locator('thead th[data-group="families"]').count()).toBe(1);
    const cells = await page.$$eval('td[data-cell^="families>"]', (tds) => tds.map((td) => ({ cell: td.getAttribute('data-cell'), text: td.textContent!.trim(), suppressed: td.getAttribute('data-suppressed') })));
    const rated = cells.filter((c) => c.text !== 'no ratings');
    expect(rated.length).toBeGreaterThan(0);
    for (const c of rated) expect(c).toMatchObject({ text: `fewer than ${K} responses`, suppressed: 'true' });
    expect(await page.locator('[data-part="families-note"]').innerText()).toContain('family links');
    await expectAccessibleAtBothWidths('families-matrix');
  });
});
