import { compare } from '../../../src/domain/change';
import { choosePulsesForImpact, impactChange, impactViewSchema, interventionImpact, type PulseDates } from '../../../src/domain/impact';
import type { Dimension } from '../../../src/domain/instrument';
import { Summary, welch } from '../../../src/domain/stats';
import { matrix, rate } from '../../support/ratings';
import { changeOf, clear, hidden, leak, shown } from './report-fixtures';

const names = { a: 'Mother and baby unit', b: 'Community perinatal team', c: 'Health visiting', d: 'Maternity' };

/** Respondents of `from` rating `to`, one constant score each (so RC(i, to) is that score). */
const group = (prefix: string, from: string, to: string, scores: number[]) => scores.map((s, i) => rate(`${prefix}${i}`, from, to, s));

const before = matrix(
  ...group('ab', 'a', 'b', [2, 3, 2, 3, 2, 3]),
  ...group('ba', 'b', 'a', [4, 4, 3, 4, 5, 4]),
  ...group('da', 'd', 'a', [3, 4, 3, 4, 3, 4]),
  ...group('ca', 'c', 'a', [3, 3, 3, 3, 3, 3]),
  ...group('ac', 'a', 'c', [3, 4, 3, 4, 3, 4]),
);
const after = matrix(
  ...group('ab', 'a', 'b', [4, 5, 4, 4, 5, 4]),
  ...group('ba', 'b', 'a', [4, 3, 4, 4, 5, 4]),
  ...group('da', 'd', 'a', [4, 4, 4, 5, 4, 4]),
  // Only three people in c answered this time: fewer than k.
  ...group('ca', 'c', 'a', [5, 5, 5]),
  ...group('ac', 'a', 'c', [4, 3, 4, 3, 4, 3]),
);
const report = compare(before, after);
const targets = {
  ties: [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'a' },
    { from: 'c', to: 'a' },
    { from: 'a', to: 'd' },
    { from: 'a', to: 'c' },
  ],
  dimensions: ['timely', 'mutual_respect'] as Dimension[],
};
const impact = interventionImpact(targets, report, names);

describe('the impact of an intervention', () => {
  it('gives exactly the verdicts, differences and Welch intervals of change.ts for the targeted ties', () => {
    expect(impactViewSchema.parse(impact)).toEqual(impact);
    for (const t of impact.ties) {
      const fromCompare = report.ties.find((x) => x.from === t.tie.from && x.to === t.tie.to);
      expect(t.rc).toEqual(impactChange(fromCompare));
      if (!t.rc.suppressed) {
        expect(t.rc.verdict).toBe(fromCompare!.verdict);
        expect(t.rc.difference).toBe(fromCompare!.difference);
        expect(t.rc.ci95).toEqual(fromCompare!.ci95);
      }
    }
  });

  it('agrees with a Welch test worked from the raw answers', () => {
    const ab = impact.ties[0]!;
    const expected = welch(Summary.of([2, 3, 2, 3, 2, 3]), Summary.of([4, 5, 4, 4, 5, 4]));
    expect(ab.tie.label).toBe('Mother and baby unit → Community perinatal team');
    expect(ab.rc).toMatchObject({ suppressed: false, verdict: 'improved', difference: expected.difference, ci95: expected.ci95 });
    expect(ab.dimensions.map((d) => d.dimension)).toEqual(['timely', 'mutual_respect']);
    expect(ab.dimensions[0]!.change).toMatchObject({ verdict: 'improved', ci95: expected.ci95 });
  });

  it('calls a wobble inside the interval "no clear change"', () => {
    expect(impact.ties[4]!.rc).toMatchObject({ suppressed: false, verdict: 'no clear change', difference: 0 });
  });

  it('suppresses a tie that complementary suppression hides, though it has enough respondents', () => {
    // c -> a has three respondents after; showing b -> a and d -> a would let it be worked out
    // from a's incoming figure, so the smaller (by name, b) is hidden too.
    expect(report.ties.find((t) => t.from === 'b' && t.to === 'a')!.after.suppressed).toBe(true);
    expect(impact.ties[1]!.rc).toEqual({ suppressed: true });
  });

  it('suppresses a tie with too few respondents on either side, and a tie neither pulse measured, with no numbers at all', () => {
    const [, , ca, ad] = impact.ties;
    expect(ca!.rc).toEqual({ suppressed: true });
    expect(ca!.dimensions.every((d) => d.change.suppressed)).toBe(true);
    expect(ad!.tie.label).toBe('Mother and baby unit → Maternity');
    expect(ad!.rc).toEqual({ suppressed: true });
  });

  it('shows the targeted dimensions across the collaborative and counts the verdicts', () => {
    expect(impact.dimensions.map((d) => d.title)).toEqual(['Timely communication', 'Mutual respect']);
    for (const d of impact.dimensions) expect(d.change).toEqual(impactChange(report.dimensions[d.dimension]));
    const all = [...impact.ties.map((t) => t.rc), ...impact.dimensions.map((d) => d.change)];
    const { improved, declined, noClearChange, suppressed } = impact.summary;
    expect(improved + declined + noClearChange + suppressed).toBe(all.length);
    expect(suppressed).toBe(all.filter((c) => c.suppressed).length);
    expect(improved).toBeGreaterThanOrEqual(1);
  });

  it('never shows a change when any part of it is suppressed, even a broken one that leaks a mean', () => {
    expect(impactChange(changeOf(hidden(), shown(4), 0.5, [0.1, 0.9], 'improved'))).toEqual({ suppressed: true });
    expect(impactChange(changeOf(shown(3), leak(1), -2, [-3, -1], 'declined'))).toEqual({ suppressed: true });
    expect(impactChange({ ...clear(0.5), suppressed: true })).toEqual({ suppressed: true });
    expect(impactChange(changeOf(shown(3), shown(4), null, null, null))).toEqual({ suppressed: true });
    expect(impactChange(undefined)).toEqual({ suppressed: true });
  });
});

describe('choosing the pulses to measure impact with', () => {
  const pulse = (id: string, openedAt: string, closedAt?: string, kind = 'survey'): PulseDates => ({
    id,
    kind,
    status: closedAt ? 'closed' : 'open',
    openedAt: `${openedAt}T09:00:00.000Z`,
    ...(closedAt ? { closedAt: `${closedAt}T17:00:00Z` } : {}),
  });
  const pulses = [
    pulse('p6', '2026-06-01', '2026-06-15'),
    pulse('p1', '2026-01-05', '2026-01-20'),
    pulse('p3', '2026-02-20', '2026-02-22', 'transition'),
    pulse('p2', '2026-02-01', '2026-02-14'),
    pulse('p4', '2026-02-25', '2026-03-10'),
    pulse('p5', '2026-04-01', '2026-04-15'),
    pulse('p7', '2026-07-01'),
  ];
  const ids = (r: ReturnType<typeof choosePulsesForImpact>) => (r.ok ? [r.before.id, r.after.id] : r.reason);

  it('takes the last survey that closed before the start and, while not done, the latest that opened after it', () => {
    expect(ids(choosePulsesForImpact(pulses, { status: 'in_progress', startOn: '2026-03-01' }))).toEqual(['p2', 'p6']);
  });

  it('takes the first survey that opened after it was done', () => {
    expect(ids(choosePulsesForImpact(pulses, { status: 'done', startOn: '2026-03-01', completedAt: '2026-03-20T12:00:00.000Z' }))).toEqual(['p2', 'p5']);
    expect(ids(choosePulsesForImpact(pulses, { status: 'done', startOn: '2026-03-01', completedAt: '2026-05-01T12:00:00.000Z' }))).toEqual(['p2', 'p6']);
  });

  it('never uses a pulse that overlaps the start, a transition check or an open pulse', () => {
    const r = choosePulsesForImpact(pulses, { status: 'in_progress', startOn: '2026-03-05' });
    expect(ids(r)).toEqual(['p2', 'p6']);
    expect(ids(choosePulsesForImpact(pulses, { status: 'in_progress', startOn: '2026-02-23' }))).toEqual(['p2', 'p6']);
  });

  it('counts a pulse that closed at the very start of the start day as before', () => {
    const edge = [{ id: 'e1', kind: 'survey', status: 'closed', openedAt: '2026-02-01T00:00:00Z', closedAt: '2026-03-01T00:00:00Z' }, pulse('p5', '2026-04-01', '2026-04-15')];
    expect(ids(choosePulsesForImpact(edge, { status: 'in_progress', startOn: '2026-03-01' }))).toEqual(['e1', 'p5']);
  });

  it('says plainly why there is no pair yet', () => {
    const notStarted = choosePulsesForImpact(pulses, { status: 'agreed' });
    expect(notStarted).toEqual({ ok: false, reason: 'not_started', message: expect.stringMatching(/^This intervention has not started yet\./) });
    const noBefore = choosePulsesForImpact(pulses, { status: 'in_progress', startOn: '2026-01-10' });
    expect(noBefore).toEqual({ ok: false, reason: 'no_pulse_before', message: 'No survey pulse closed before this intervention started, so there is nothing to compare with.' });
    const noAfter = choosePulsesForImpact(pulses, { status: 'done', startOn: '2026-03-01', completedAt: '2026-06-10T00:00:00.000Z' });
    expect(noAfter).toEqual({ ok: false, reason: 'no_pulse_after', message: 'No survey pulse has run since this intervention was finished. Its impact will show once one has closed.' });
    expect(ids(choosePulsesForImpact(pulses, { status: 'in_progress', startOn: '2026-06-20' }))).toBe('no_pulse_after');
  });
});
