import type { Page } from 'playwright-core';
import { FAMILY_ANSWERS, FAMILIES_CLOSED_PULSE, FAMILIES_COLLABORATIVE, FAMILIES_OPEN_PULSE, addFamilyStates } from './family-states';
import { DESKTOP, openTabSession, PHONE, type TabSession } from './tab-session';
import { parseConfig } from '../../src/config/config';
import { createStorage } from '../../src/storage/storage';
import { LISTED_PEOPLE, SEEDED_REFERENCES, TRANSITIONS_COLLABORATIVE, addTransitionStates } from './transition-states';

// Transition checks and the families' voice in the results tab, in Debian's Chromium against
// the real stack (Azurite, the seeded demo plus a collaborative that asks families, the built
// server with the development sign-in). Every page is checked at 390 px and on a desktop.
jest.setTimeout(240_000);

const K = 5;

let session: TabSession;
let page: Page;

const transitionsUrl = (collaborative: string, hash = '#transitions') => session.url('/tab/', { collaborative }, hash);
const familiesUrl = (pulse: string, hash = '') => session.url('/tab/', { collaborative: FAMILIES_COLLABORATIVE, pulse }, hash);

/** Both widths, axe, nothing wider than a phone; the matrix and map scroll inside their own region by design. */
const expectAccessibleAtBothWidths = (name: string) => session.expectAccessibleAtBothWidths(name, { scrollingRegions: true });

beforeAll(async () => {
  session = await openTabSession();
  page = session.page;
  await addFamilyStates(session.stack.env);
  await addTransitionStates(session.stack.env);
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

describe('the Transitions page', () => {
  it('shows how many checks, their team RC over time and the share that were weak by type, with no reference and nothing of the families', async () => {
    await page.goto(transitionsUrl(TRANSITIONS_COLLABORATIVE));
    const view = page.locator('[data-part="transitions"]');
    await view.locator('[data-figure="checks"]').waitFor();
    expect(await page.locator('nav [data-section="transitions"]').getAttribute('aria-current')).toBe('page');
    expect(await view.locator('[data-part="count"]').innerText()).toBe('7');
    expect(await view.locator('[data-figure="checks"]').innerText()).toContain('6 closed, 1 still open');
    // Two weak of the five closed checks with a team RC (one closed with too few staff answers).
    expect(await view.locator('[data-part="weak-share"]').innerText()).toBe('40%');
    const byType = await view.locator('[data-part="by-type"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-type'), r.querySelector('[data-part="checks"]')!.textContent, r.querySelector('[data-part="weak"]')!.textContent]));
    expect(byType).toEqual([
      ['admission', '3', '2 of 3 (67%)'],
      ['discharge', '3', '0 of 1 (0%)'],
      ['transfer', '1', '0 of 1 (0%)'],
      ['all', '7', '2 of 5 (40%)'],
    ]);
    // The chart has a point per shown team RC; the table has every closed check, the one with too few answers in words.
    expect(await view.locator('[data-part="team-rc-chart"] [data-point]').count()).toBe(5);
    expect(await view.locator('[data-part="team-rc-chart"]').getAttribute('aria-label')).toMatch(/^Team RC of 5 closed checks, from /);
    const cells = await view.locator('[data-part="closed-checks"] [data-part="team-rc"]').allInnerTexts();
    expect(cells).toHaveLength(6);
    expect(cells.filter((c) => c === 'fewer than 3 responses')).toHaveLength(1);
    expect(cells[0]).toMatch(/^3\.30\s+Weak$/);
    // No check's reference, and nothing about families (their view was seeded as 2.90), anywhere on the page.
    const all = await view.innerText();
    for (const reference of SEEDED_REFERENCES) expect(all).not.toContain(reference);
    expect(all).not.toMatch(/famil/i);
    expect(all).not.toContain('2.90');
    await expectAccessibleAtBothWidths('transitions');
  });

  it('with no check yet, explains what a transition check is and how to start one', async () => {
    await page.goto(transitionsUrl(FAMILIES_COLLABORATIVE));
    const empty = page.locator('[data-state="no-transitions"]');
    await empty.waitFor();
    const words = await empty.innerText();
    expect(words).toContain('transition start');
    expect(words).toMatch(/admission, a discharge or a transfer/);
    expect(await empty.locator('[data-action="start-transition"]').getAttribute('href')).toBe('#transitions/new');
    await expectAccessibleAtBothWidths('transitions-empty');
  });

  it("the start form hints as a reference that looks like an NHS number is typed, and shows the server's refusal under it", async () => {
    await page.goto(transitionsUrl(TRANSITIONS_COLLABORATIVE, '#transitions/new'));
    const form = page.locator('[data-part="start-transition"]');
    await form.waitFor();
    expect(await form.locator('[data-part="staff-note"]').innerText()).toContain('transition start');
    await form.locator('[data-field="type"]').selectOption('discharge');
    await form.locator('[data-field="reference"]').fill('943 476 5919');
    await form.locator('[data-field="reference"]').blur();
    // The hint, from the same rule the server applies, before anything is sent.
    expect(await form.locator('[data-part="reference-hint"]').innerText()).toContain('This looks like an NHS number.');
    await form.locator('[data-action="start"]').click();
    await form.locator('[data-part="reference-refused"]').waitFor();
    expect(await form.locator('[data-part="reference-refused"]').innerText()).toContain('This looks like an NHS number. Please use a reference your team chooses');
    expect(await form.locator('[data-field="reference"]').getAttribute('aria-invalid')).toBe('true');
    await expectAccessibleAtBothWidths('transition-start-refused');
    // Nothing was started.
    await page.goto(transitionsUrl(TRANSITIONS_COLLABORATIVE));
    expect(await page.locator('[data-part="transitions"] [data-part="count"]').innerText()).toBe('7');
  });

  it('on a phone, starts a check with three people from two roles chosen from the list, shows its family link as a QR image, and stores it', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(transitionsUrl(TRANSITIONS_COLLABORATIVE, '#transitions/new'));
    const form = page.locator('[data-part="start-transition"]');
    const picker = form.locator('[data-part="staff-picker"]');
    await picker.waitFor();
    const [amira, ben, , dev] = LISTED_PEOPLE.map((p) => p!);
    await form.locator('[data-field="reference"]').fill('Heron 3');
    // By keyboard: search, Tab to the only match, Space to choose.
    await picker.locator('[data-field="staff-search"]').fill('amira');
    expect(await picker.locator('[data-person]').count()).toBe(1);
    await picker.locator('[data-field="staff-search"]').press('Tab');
    await page.keyboard.press('Space');
    await picker.locator('[data-field="staff-search"]').fill('');
    await picker.locator(`[data-person="${ben!.aadObjectId}"]`).check();
    await picker.locator(`[data-person="${dev!.aadObjectId}"]`).check();
    // Each role is pre-filled from the person's workgroup.
    const roleOf = (id: string) => picker.locator(`[data-chosen="${id}"] select`).inputValue();
    expect([await roleOf(amira!.aadObjectId), await roleOf(ben!.aadObjectId), await roleOf(dev!.aadObjectId)]).toEqual(['mbu', 'community', 'mbu']);
    expect(await picker.locator('[data-part="staff-status"]').innerText()).toBe('3 chosen, from 2 roles. That is enough to start the check.');
    // Names only: no e-mail address from the list reaches the page.
    const words = await form.innerText();
    expect(words).not.toMatch(/\S@\S/);
    for (const p of LISTED_PEOPLE) expect(words).not.toContain(p.email);
    await expectAccessibleAtBothWidths('transition-start-staff');
    await page.setViewportSize(PHONE);

    await form.locator('[data-action="start"]').click();
    const done = page.locator('[data-part="started-check"]');
    await done.waitFor();
    expect(await done.innerText()).toContain('Heron 3');
    const qr = done.locator('img[data-part="qr"]');
    expect(await qr.count()).toBe(1);
    expect(await qr.evaluate((el) => { const img = el as unknown as { complete: boolean; naturalWidth: number }; return img.complete && img.naturalWidth > 0; })).toBe(true);
    await session.expectAccessible('transition-started-390');

    // Stored: the check with the chosen staff and roles.
    const storage = createStorage(parseConfig(session.stack.env));
    const stored = (await storage.transitions.get(TRANSITIONS_COLLABORATIVE, (await done.getAttribute('data-check'))!)).value;
    expect(stored).toMatchObject({ reference: 'Heron 3', status: 'open', familyLinks: 1 });
    expect(stored.staff).toEqual([
      { aadObjectId: amira!.aadObjectId, workgroupId: 'mbu' },
      { aadObjectId: ben!.aadObjectId, workgroupId: 'community' },
      { aadObjectId: dev!.aadObjectId, workgroupId: 'mbu' },
    ]);
    await page.setViewportSize(DESKTOP);
  });
});

describe('family links for a pulse with the families\' voice', () => {
  it('a facilitator makes links, and sees each with where it stands, its QR code as an image, and a Copy button that copies its address', async () => {
    await page.goto(familiesUrl(FAMILIES_OPEN_PULSE));
    const panel = page.locator('[data-part="family-links-panel"]');
    await panel.locator('[data-part="no-links"]').waitFor();
    await panel.locator('[data-field="link-count"]').fill('2');
    await panel.locator('[data-field="link-count"]').press('Tab');
    await panel.locator('[data-action="issue-links"]').click();
    const links = panel.locator('[data-family-link]');
    await links.nth(1).waitFor();
    expect(await links.count()).toBe(2);
    for (let i = 0; i < 2; i++) {
      const link = links.nth(i);
      expect(await link.getAttribute('data-used')).toBe('false');
      expect(await link.locator('[data-part="link-status"]').innerText()).toMatch(/^Not used yet, expires on \w+day \d{1,2} \w+ \d{4}$/);
      expect(await link.locator('[data-part="link-url"]').inputValue()).toMatch(new RegExp(`^${session.stack.baseUrl}/f/[0-9a-f]{32}\\.`));
      // The QR code is an image from a data: address, drawn by the browser (so it loaded, within the CSP), never markup in the page.
      const qr = link.locator('img[data-part="qr"]');
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
      expect(await qr.evaluate((el) => { const img = el as unknown as { complete: boolean; naturalWidth: number }; return img.complete && img.naturalWidth > 0; })).toBe(true);
      expect(await qr.getAttribute('alt')).toContain(`link ${i + 1} of 2`);
    }
    // The only inline SVGs in the panel are the buttons' own icons.
    expect(await panel.locator('svg').evaluateAll((els) => els.filter((e) => !e.closest('button')).length)).toBe(0);
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.stack.baseUrl });
    await links.nth(0).locator('[data-action="copy-link"]').click();
    await links.nth(0).getByText('Copied.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(await links.nth(0).locator('[data-part="link-url"]').inputValue());
    await expectAccessibleAtBothWidths('family-links');
    // A reload lists the same two links: they were stored, not only shown.
    await page.reload();
    await panel.locator('[data-family-link]').nth(1).waitFor();
    expect(await panel.locator('[data-family-link]').count()).toBe(2);
  });

  it('is not offered on a closed pulse', async () => {
    await page.goto(familiesUrl(FAMILIES_CLOSED_PULSE, '#overview'));
    await page.locator('[data-figure="overall"]').waitFor();
    expect(await page.locator('[data-part="family-links-panel"]').count()).toBe(0);
  });
});
