import type { Page } from 'playwright-core';
import { screenshot } from './tab-page';
import { DEMO, DESKTOP, withTabSession, type TabSession } from './tab-session';

// The intervention tracker and "Talk it through" in Debian's Chromium against the real stack
// (Azurite, the seeded demo, the built server with the development sign-in).
jest.setTimeout(240_000);

const sessionOf = withTabSession();
let session: TabSession;
let page: Page;
beforeAll(() => {
  session = sessionOf();
  page = session.page;
});

const tabUrl = (hash = '', query: Record<string, string> = {}) => session.url('/tab/', { collaborative: DEMO, ...query }, hash);
const expectAccessibleAtBothWidths = (name: string) => session.expectAccessibleAtBothWidths(name);

describe('interventions in the results tab', () => {
  const title = 'Shared discharge huddle, unit and community teams';
  let interventionUrl = '';

  it('from the RC map, "Plan an intervention" on a weak tie opens the form filled with that tie; saved, it is on the board', async () => {
    await page.goto(tabUrl('#map'));
    const weak = page.locator('svg [data-tie][data-band="weak"]').first();
    await weak.waitFor();
    const key = (await weak.getAttribute('data-tie'))!;
    const [from, to] = key.split('>');
    // Enter keeps a tie's details open (as a click does), with the plan link in them.
    await weak.focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-part="tie-details"] [data-plan-tie="${key}"]`).click();
    const form = page.locator('[data-part="intervention-form"]');
    await form.waitFor();
    expect(await form.locator('[data-tie-row="0"] select').nth(0).inputValue()).toBe(from);
    expect(await form.locator('[data-tie-row="0"] select').nth(1).inputValue()).toBe(to);
    // The tie's weakest dimensions come ticked.
    expect(await form.locator('input[data-dimension]:checked').count()).toBeGreaterThan(0);
    await expectAccessibleAtBothWidths('intervention-form');

    await form.locator('[data-field="title"]').fill(title);
    await form.locator('[data-field="catalogue"]').selectOption('shared-huddles');
    await form.locator('input[data-owner]').first().check();
    await form.locator('[data-field="startOn"]').fill('2024-11-04');
    await form.locator('[data-action="save"]').click();
    await page.locator('[data-part="intervention"][data-status="proposed"]').waitFor();
    interventionUrl = page.url();

    await page.goto(tabUrl('#interventions'));
    const card = page.locator('[data-status="proposed"] [data-intervention]', { hasText: title });
    await card.waitFor();
    expect(await page.locator('[data-part="board"] section[data-status]').count()).toBe(5);
    await expectAccessibleAtBothWidths('interventions-board');
  });

  it('an edit made from an old version is refused kindly, showing the other version and a way to reapply', async () => {
    const other = session.page.context();
    await page.goto(`${interventionUrl}/edit`);
    await page.locator('[data-part="intervention-form"]').waitFor();
    // Someone else adds an update meanwhile, in another window: the version moves on.
    const second = await other.newPage();
    await second.goto(interventionUrl);
    await second.locator('[data-field="update"]').fill('Shared with the regional network.');
    await second.locator('[data-action="add-update"]').click();
    await second.locator('[data-part="log"] li', { hasText: 'regional network' }).waitFor();
    await second.close();

    await page.locator('[data-field="description"]').fill('A ten-minute huddle twice a week.');
    await page.locator('[data-action="save"]').click();
    const conflict = page.locator('[data-state="conflict"]');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Someone else changed this while you were editing');
    await page.getByRole('button', { name: 'Reapply my changes' }).click();
    expect(await page.locator('[data-field="description"]').inputValue()).toBe('A ten-minute huddle twice a week.');
    await page.locator('[data-action="save"]').click();
    await page.locator('[data-part="intervention"]', { hasText: 'A ten-minute huddle twice a week.' }).waitFor();
    // Their update is still there: nothing of theirs was overwritten.
    expect(await page.locator('[data-part="log"]').innerText()).toContain('Shared with the regional network.');
  });

  it('moves through its statuses, offering only legal moves, and each move is in its log', async () => {
    await page.goto(interventionUrl);
    for (const [next, offered] of [['agreed', ['agreed', 'dropped']], ['in_progress', ['in_progress', 'dropped']], ['done', ['done', 'dropped']]] as const) {
      await page.locator('[data-part="intervention"]').waitFor();
      expect((await page.locator('[data-move]').evaluateAll((els) => els.map((e) => e.getAttribute('data-move')))).sort()).toEqual([...offered].sort());
      await page.locator(`[data-move="${next}"]`).click();
      await page.locator(`[data-part="intervention"][data-status="${next}"]`).waitFor();
    }
    // Done is final: no moves are offered any more.
    expect(await page.locator('[data-move]').count()).toBe(0);
    expect(await page.locator('[data-part="log"] li[data-status-change]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status-change')))).toEqual(['agreed', 'in_progress', 'done']);
    await page.locator('[data-field="update"]').fill('Four huddles held; each discharge had a named community contact.');
    await page.locator('[data-action="add-update"]').click();
    await page.locator('[data-part="log"] li', { hasText: 'Four huddles held' }).waitFor();
    // Just finished: no pulse after it yet, which the page says in plain words.
    expect(await page.locator('[data-part="impact-not-yet"]').innerText()).toMatch(/\w/);
    await expectAccessibleAtBothWidths('intervention-detail');
  });

  it('shows the impact of a finished intervention, tie by tie, with verdict words', async () => {
    await page.goto(tabUrl('#interventions/impact'));
    const tie = page.locator('[data-part="all-impact"] section[data-impact-tie]').first();
    await tie.waitFor();
    expect(await tie.locator('[data-verdict], [data-part="suppressed"]').count()).toBeGreaterThan(0);
    await expectAccessibleAtBothWidths('interventions-impact');
  });
});

describe('Talk it through', () => {
  it('goes one step at a time with Next, Back and the arrow keys, and offers to plan for a weak tie', async () => {
    await page.goto(tabUrl('#talk'));
    const talk = page.locator('[data-part="talk"]');
    await talk.waitFor();
    expect(await page.locator('[data-step-index="0"]').count()).toBe(1);
    expect(await page.locator('[data-part="references"] li').count()).toBeGreaterThan(0);
    // Not in a meeting: no "Share to meeting".
    expect(await page.locator('[data-action="share-to-stage"]').count()).toBe(0);
    await expectAccessibleAtBothWidths('talk');
    await page.locator('[data-action="next"]').click();
    await page.locator('[data-step-index="1"]').waitFor();
    await page.locator('[data-action="back"]').click();
    await page.locator('[data-step-index="0"]').waitFor();
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-step-index="1"]').waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.locator('[data-step-index="0"]').waitFor();
    for (let i = 0; i < 12 && (await page.locator('[data-step="weak_tie"]').count()) === 0; i++) await page.keyboard.press('ArrowRight');
    const plan = page.locator('[data-step="weak_tie"] [data-plan]').first();
    await plan.click();
    await page.locator('[data-part="intervention-form"] [data-tie-row="0"]').waitFor();
    expect(await page.locator('[data-field="catalogue"]').inputValue()).not.toBe('');
  });

  it('the meeting stage layout (&stage=1) shows the step alone, in larger type, without navigation', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(tabUrl('', { stage: '1' }));
    await page.locator('[data-part="talk"][data-stage="true"]').waitFor();
    expect(await page.locator('nav').count()).toBe(0);
    expect(await page.locator('[data-plan]').count()).toBe(0);
    const size = await page.locator('[data-part="talk"] h2').evaluate((h) => parseFloat(h.ownerDocument.defaultView!.getComputedStyle(h).fontSize));
    expect(size).toBeGreaterThanOrEqual(40);
    await expectAccessibleAtBothWidths('talk-stage');
    await screenshot(page, 'talk-stage-final');
  });
});
