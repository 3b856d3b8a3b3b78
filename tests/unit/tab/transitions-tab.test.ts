import { chartPoints, gridLines, yOf } from '../../../tab/src/transitions/chart-geometry';
import { referenceHint } from '../../../tab/src/transitions/reference-hint';
import { NEW_START_FORM, refusalIsAboutReference, startBody } from '../../../tab/src/transitions/start-model';
import { allTypes, shownPoints, weakShareText } from '../../../tab/src/transitions/transition-summary';
import { hashOf, routeFromHash } from '../../../tab/src/interventions/iv-route';
import { checkTransitionReference } from '../../../src/domain/transition-reference';

describe('the Transitions view in the address', () => {
  it('#transitions is the summary and #transitions/new the start form; both round-trip', () => {
    expect(routeFromHash('#transitions')).toEqual({ page: 'transitions' });
    expect(routeFromHash('#transitions/new')).toEqual({ page: 'transition-new' });
    expect(routeFromHash('#transitions/nonsense')).toEqual({ page: 'transitions' });
    for (const route of [{ page: 'transitions' }, { page: 'transition-new' }] as const) expect(routeFromHash(hashOf(route))).toEqual(route);
  });
});

describe('the summary in words', () => {
  const rows = [
    { checks: 4, withTeamRc: 3, weak: 1, weakShare: 1 / 3 },
    { checks: 2, withTeamRc: 2, weak: 2, weakShare: 1 },
    { checks: 1, withTeamRc: 0, weak: 0, weakShare: null },
  ];

  it('gives the weak share as "w of n (p%)", and says so plainly when no check has a figure', () => {
    expect(rows.map(weakShareText)).toEqual(['1 of 3 (33%)', '2 of 2 (100%)', 'none with a figure yet']);
  });

  it('adds the types up over the checks with a figure, not over every check', () => {
    expect(allTypes(rows)).toEqual({ checks: 7, withTeamRc: 5, weak: 3, weakShare: 3 / 5 });
    expect(allTypes([])).toEqual({ checks: 0, withTeamRc: 0, weak: 0, weakShare: null });
  });

  it('charts only checks whose team RC is shown: one with too few answers is no point, never a zero', () => {
    const points = shownPoints([
      { closedOn: '2026-01-10', type: 'admission', teamRc: { mean: 3.2, n: 4, ci95: null, band: 'weak' } },
      { closedOn: '2026-02-10', type: 'discharge', teamRc: null },
      { closedOn: '2026-03-10', type: 'transfer', teamRc: { mean: 4.4, n: 5, ci95: [4, 4.8], band: 'strong' } },
    ]);
    expect(points.map((p) => [p.closedAt, p.mean, p.band])).toEqual([['2026-01-10', 3.2, 'weak'], ['2026-03-10', 4.4, 'strong']]);
  });
});

describe('the team RC chart', () => {
  it('puts 5 at the top and 1 at the bottom, and keeps values off the scale on its edges', () => {
    expect(yOf(5)).toBeLessThan(yOf(1));
    expect(yOf(9)).toBe(yOf(5));
    expect(gridLines().map((g) => g.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('spreads checks over time from left to right, and sets two closed on one day side by side', () => {
    const [a, b, c] = chartPoints([
      { closedAt: '2026-01-01', mean: 3 },
      { closedAt: '2026-01-01', mean: 3 },
      { closedAt: '2026-03-01', mean: 4 },
    ]);
    expect(a!.x).toBeLessThan(b!.x);
    expect(b!.x).toBeLessThan(c!.x);
    expect(a!.y).toBe(b!.y);
  });
});

describe('the start form', () => {
  it('hints at the same reason the server gives for a reference that looks like an NHS number, and at nothing for a good one', () => {
    const nhs = '943 476 5919';
    const reason = checkTransitionReference(nhs);
    expect(reason.ok).toBe(false);
    expect(referenceHint(nhs, false)).toBe(!reason.ok && reason.reason);
    expect(referenceHint(nhs, false)).toMatch(/NHS number/);
    expect(referenceHint('MBU admission 14', true)).toBeUndefined();
    // An empty field says nothing until the person has been in it.
    expect(referenceHint('', false)).toBeUndefined();
    expect(referenceHint('', true)).toMatch(/reference/);
  });

  it('sends the reference as typed (trimmed) even when the hint objects: the server decides', () => {
    expect(startBody({ ...NEW_START_FORM, reference: ' 943 476 5919 ' }).reference).toBe('943 476 5919');
  });

  it('keeps the family links and the window within what the server accepts', () => {
    expect(startBody({ ...NEW_START_FORM, familyLinks: 40, windowDays: 0 })).toMatchObject({ familyLinks: 6, windowDays: 1 });
    expect(startBody({ ...NEW_START_FORM, familyLinks: 2.5, windowDays: Number.NaN })).toMatchObject({ familyLinks: 1, windowDays: 7 });
  });

  it('shows a refusal under the reference when the reference broke the rule or the server names it', () => {
    expect(refusalIsAboutReference('943 476 5919', 'This looks like an NHS number.')).toBe(true);
    expect(refusalIsAboutReference('MBU 14', 'Please give a reference your team chooses.')).toBe(true);
    expect(refusalIsAboutReference('MBU 14', 'a transition check needs at least 3 members of staff')).toBe(false);
  });
});
