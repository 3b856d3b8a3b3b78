import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoPulses } from '../../src/app/demo/demo-data';
import { twoDecimals } from '../../src/contract/display-format';
import { csvLine } from '../../src/domain/csv';
import { DIMENSIONS } from '../../src/domain/instrument';
import { differenceOf, expectedFigure, shownFigure, tieMeaning, type CompareJson, type ScoreJson } from './tab-figures';
import { readMatrix, screenshot, seriousAxeViolations, tabUntil, text } from './tab-page';
import { openTabSession, type TabSession } from './tab-session';

// The results tab in Debian's Chromium against the real stack (Azurite, the seeded demo, the
// built server with the development sign-in). The figures on screen must equal what
// `rc-pulse score` makes of the same pulse's exported responses (`rc-pulse export responses`).
jest.setTimeout(180_000);

const DEMO = 'yorkshire-humber-pmh';
const PULSE = 'demo-repeat-2024';
const BASELINE = 'demo-baseline-2024';
const K = 5;

let session: TabSession;
let page: Page;
let score: ScoreJson;
let baselineScore: ScoreJson;
let compare: CompareJson;
let scratch = '';

const resultsUrl = (hash = '', pulse = PULSE) => session.url('/tab/', { collaborative: DEMO, pulse }, hash);
const expectAccessible = (name: string) => session.expectAccessible(name);

beforeAll(async () => {
  session = await openTabSession();
  page = session.page;
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-pulse-e2e-'));
  const exportPulse = (pulse: string) => {
    const file = path.join(scratch, `${pulse}.csv`);
    session.stack.cli(['export', 'responses', '--pulse', pulse, '--collaborative', DEMO, '--out', file]);
    return file;
  };
  const repeat = exportPulse(PULSE);
  // The baseline's export pools its 4 commissioners (below k) as "Other groups", so it can no
  // longer stand in for the published figures: the oracle is the seeded answers themselves.
  const pooled = fs.readFileSync(exportPulse(BASELINE), 'utf8');
  expect(pooled).toContain(',Other groups,');
  expect(pooled).not.toMatch(/^r[0-9a-f]+,Commissioners,/m);
  const baseline = path.join(scratch, 'baseline-as-seeded.csv');
  const seeded = demoPulses().find((p) => p.id === BASELINE)!.responses;
  const lines = seeded.flatMap((r, i) =>
    Object.entries(r.ratings).flatMap(([target, scores]) => DIMENSIONS.map((d) => csvLine([`r${i}`, r.workgroup, target, d, String(scores[d] ?? '')]))),
  );
  fs.writeFileSync(baseline, ['respondent,workgroup,target,dimension,score', ...lines, ''].join('\r\n'));
  score = JSON.parse(session.stack.cli(['score', repeat]));
  baselineScore = JSON.parse(session.stack.cli(['score', baseline]));
  compare = JSON.parse(session.stack.cli(['compare', baseline, repeat]));
});

afterAll(async () => {
  await session?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the results tab in Chromium', () => {
  it('overview: the headline figures, indices, response count and reliability equal rc-pulse score', async () => {
    await page.goto(resultsUrl());
    for (const [id, figure] of [['overall', score.overall], ['overallBetween', score.overallBetween], ['communication', score.indices.communication], ['relationship', score.indices.relationship]] as const) {
      expect(await shownFigure(page, id)).toMatchObject(expectedFigure(figure, K));
    }
    expect(await text(page, '[data-figure="response-rate"] [data-part="answered"]')).toMatch(new RegExp(`^${score.respondents} of \\d+$`));
    await page.getByRole('button', { name: 'About these figures' }).click();
    expect(await text(page, '[data-figure="alpha"]')).toContain(`Cronbach's alpha is ${twoDecimals(score.alpha.value!)}, over ${score.alpha.rows} ratings`);
    await expectAccessible('overview');
  });

  it('RC map: every tie is drawn with its band; hovering or focusing a tie with the keyboard shows its figure, interval and n', async () => {
    await page.goto(resultsUrl('#map'));
    await page.locator('[data-tie]').first().waitFor();
    const labels = await page.$$eval('[data-tie]', (els) => els.map((e) => ({ label: e.getAttribute('aria-label')!, band: e.getAttribute('data-band')! })));
    expect(labels).toHaveLength(score.ties.length);
    for (const tie of score.ties) {
      const shown = labels.find((l) => l.label.startsWith(`${tieMeaning(tie.from, tie.to)}:`));
      expect(shown?.band).toBe(tie.suppressed ? 'suppressed' : tie.band);
      expect(shown?.label).toContain(tie.suppressed ? 'fewer than 5 responses' : twoDecimals(tie.mean!));
    }
    await screenshot(page, 'map');
    const details = async () => text(page, '[data-part="tie-details"]');
    /** The details panel says what the tie with this accessible name measures, and its figure. */
    const expectDetailsOf = async (label: string) => {
      const tie = score.ties.find((t) => label.startsWith(`${tieMeaning(t.from, t.to)}:`))!;
      const expected = expectedFigure(tie, K);
      const shown = await details();
      expect(shown).toContain(tieMeaning(tie.from, tie.to));
      for (const part of [expected.mean, expected.interval, expected.n]) if (part) expect(shown).toContain(part);
    };
    const node = page.locator('g[data-group][data-tie]').nth(1);
    await node.locator('circle').first().hover();
    await expectDetailsOf((await node.getAttribute('aria-label'))!);
    await page.mouse.move(1, 1);
    expect(await details()).toContain('Move over a tie');

    await tabUntil(page, '[data-tie]');
    for (let step = 0; step < 3; step++) {
      await expectDetailsOf((await page.locator(':focus').getAttribute('aria-label'))!);
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab'); // back into the map: focus returns to the tie last reached
    await expectDetailsOf((await page.locator(':focus').getAttribute('aria-label'))!);
    await screenshot(page, 'map-focused');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('tie matrix: every cell equals rc-pulse score, for RC and for each dimension; suppressed cells read "fewer than k"', async () => {
    const check = async (report: ScoreJson, pick: (t: ScoreJson['ties'][number]) => ScoreJson['overall']) => {
      const cells = await readMatrix(page);
      for (const tie of report.ties) {
        const cell = cells.find((c) => c.from === tie.from && c.to === tie.to)!;
        const f = pick(tie);
        if (f.suppressed) expect(cell).toMatchObject({ suppressed: true, text: 'fewer than 5 responses' });
        else expect(cell.mean).toBe(twoDecimals(f.mean!));
      }
      return cells;
    };
    await page.goto(resultsUrl('#matrix'));
    await check(score, (t) => t);
    await expectAccessible('matrix');
    for (const d of [DIMENSIONS[0], 'shared_knowledge'] as const) {
      await page.locator('[data-part="measure"]').selectOption(d);
      await page.locator(`table[data-measure="${d}"]`).waitFor();
      await check(score, (t) => t.dimensions[d]);
    }
    await screenshot(page, 'matrix-shared-knowledge');
    // The baseline had only four commissioners answering: their ties are not shown.
    await page.goto(resultsUrl('#matrix', BASELINE));
    expect((await check(baselineScore, (t) => t)).filter((c) => c.suppressed).length).toBe(baselineScore.ties.filter((t) => t.suppressed).length);
    expect(baselineScore.ties.some((t) => t.suppressed)).toBe(true);
    await screenshot(page, 'matrix-baseline');
  });

  it("dimensions: the seven dimensions and each workgroup's outgoing and incoming figures equal rc-pulse score", async () => {
    await page.goto(resultsUrl('#dimensions'));
    for (const d of DIMENSIONS) expect(await shownFigure(page, d)).toMatchObject({ mean: expectedFigure(score.dimensions[d], K).mean });
    for (const w of score.workgroups) {
      const row = `tr[data-workgroup="${w.workgroup}"]`;
      expect(await text(page, `${row} [data-part="respondents"]`)).toBe(w.respondents === null ? 'fewer than 5' : String(w.respondents));
      expect(await text(page, `${row} [data-figure="outgoing"]`)).toContain(expectedFigure(w.outgoing, K).mean);
      expect(await text(page, `${row} [data-figure="incoming"]`)).toContain(expectedFigure(w.incoming, K).mean);
    }
    await expectAccessible('dimensions');
  });

  it('change: this pulse against the baseline, overall and per tie, with the verdicts of rc-pulse compare', async () => {
    await page.goto(resultsUrl('#change'));
    for (const id of ['overall', 'overallBetween'] as const) {
      const row = `tr[data-change="${id}"]`;
      expect(await text(page, `${row} [data-part="difference"]`)).toContain(differenceOf(compare[id].difference!));
      expect((await text(page, `${row} [data-part="verdict"]`)).toLowerCase()).toBe(compare[id].verdict);
    }
    const rows = await page.$$eval('table[data-part="change-ties"] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())),
    );
    for (const tie of compare.ties.filter((t) => t.verdict === 'improved' || t.verdict === 'declined')) {
      const row = rows.find((r) => r[0] === tie.from && r[1] === (tie.from === tie.to ? 'each other' : tie.to));
      expect(row?.[5]?.toLowerCase()).toBe(tie.verdict);
    }
    await expectAccessible('change');
  });

  it('response rates: counts by workgroup and organisation, the total equal to the respondents scored', async () => {
    await page.goto(resultsUrl('#rates'));
    expect(await text(page, 'table[data-part="rates-workgroups"] tr[data-rate="All groups together"] [data-part="answered"]')).toBe(String(score.respondents));
    await page.locator('table[data-part="rates-organisations"]').waitFor();
    // The demo was seeded, not run in Teams: who answered by organisation was never recorded.
    expect(await text(page, '[data-part="organisations-not-recorded"]')).toContain('not recorded by organisation');
    await expectAccessible('rates');
  });

  it('keyboard: Tab reaches the views; the arrow keys and Enter open each one in turn', async () => {
    await page.goto(resultsUrl());
    await page.locator('[data-figure="overall"]').waitFor();
    await tabUntil(page, '[role="tab"][aria-selected="true"]');
    for (const view of ['map', 'matrix', 'dimensions', 'change', 'trend', 'rates', 'overview']) {
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await page.locator(`[role="tabpanel"][data-view="${view}"]`).waitFor();
    }
  });

  it('exports: figures as CSV and XLSX, and anonymised responses that score to the same figures', async () => {
    await page.goto(resultsUrl());
    const download = async (key: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export="${key}"]`).click()]);
      const saved = path.join(scratch, file.suggestedFilename());
      await file.saveAs(saved);
      return saved;
    };
    // The tab cannot know how many will be pooled before the download, so it says the rule.
    expect(await text(page, '[data-export-note="responses-csv"]')).toContain('people from workgroups of fewer than 5 are shown together as “Other groups”, or left out');
    expect(fs.readFileSync(await download('figures-csv'), 'utf8').length).toBeGreaterThan(100);
    expect(fs.readFileSync(await download('figures-xlsx')).subarray(0, 2).toString()).toBe('PK');
    const rescored = JSON.parse(session.stack.cli(['score', await download('responses-csv')])) as ScoreJson;
    // The responses come out in a new random order, so compare as shown (two decimals) and by n.
    expect(expectedFigure(rescored.overall, K)).toEqual(expectedFigure(score.overall, K));
    expect(session.pageErrors).toEqual([]);
  });

  it('every view above ran under its Content-Security-Policy with nothing refused, and the build gives away no source', async () => {
    expect(session.cspViolations).toEqual([]);
    const page = await fetch(session.url('/tab/'));
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';/);
    const assets = path.join(__dirname, '..', '..', 'tab', 'dist', 'assets');
    const files = fs.readdirSync(assets);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const scripts = files.filter((f) => f.endsWith('.js') || f.endsWith('.css'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of scripts) expect([f, fs.readFileSync(path.join(assets, f), 'utf8').includes('sourceMappingURL')]).toEqual([f, false]);
    const map = await fetch(`${session.stack.baseUrl}/tab/assets/${scripts.find((f) => f.endsWith('.js'))}.map`);
    expect(map.status).toBe(404);
  });
});
