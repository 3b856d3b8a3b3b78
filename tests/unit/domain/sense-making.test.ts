import { catalogueEntry } from '../../../src/domain/intervention-catalogue';
import { compare } from '../../../src/domain/change';
import { score } from '../../../src/domain/scoring';
import { buildSenseMaking, senseMakingViewSchema, type SenseMakingStep } from '../../../src/domain/sense-making';
import { shownFigure } from '../../../src/domain/shown-figure';
import { matrix, rate } from '../../support/ratings';
import { changeOf, clear, compareOf, hidden, leak, noChange, reportOf, shown, tie, tieChange } from './report-fixtures';

const names = {
  mbu: 'Mother and baby unit',
  cpt: 'Community perinatal team',
  hv: 'Health visiting',
  mat: 'Maternity',
  tiny: 'Tiny team',
};

/** A pulse with six shown ties, two suppressed ones and a suppressed dimension, some leaking. */
const report = reportOf({
  ties: [
    tie('mbu', 'cpt', shown(4.4)),
    tie('cpt', 'mbu', shown(4.1)),
    tie('mbu', 'mbu', shown(3.9)),
    tie('hv', 'cpt', shown(3.6)),
    tie('hv', 'mbu', shown(3.2)),
    tie('mat', 'hv', shown(2.9), { timely: shown(2.4), accurate: shown(2.6), shared_goals: leak(1.0), frequent: hidden() }),
    tie('tiny', 'mbu', leak(1.2)),
    tie('mbu', 'tiny', hidden()),
  ],
  dimensions: { mutual_respect: shown(4.3), timely: shown(3.1), frequent: leak(1.0) },
});

const comparison = compareOf({
  overall: clear(0.3),
  dimensions: { timely: clear(0.4), accurate: changeOf(hidden(), shown(3.9), 0.9, [0.5, 1.3], 'improved') },
  ties: [
    tieChange('hv', 'mbu', clear(-0.6)),
    tieChange('mbu', 'cpt', clear(0.7, 'no clear change')),
    tieChange('tiny', 'mbu', { ...clear(2.0), suppressed: true }),
    tieChange('mbu', 'tiny', changeOf(shown(3), leak(1), -2, [-2.5, -1.5], 'declined')),
  ],
});

const view = buildSenseMaking({ report, compare: comparison, names });
const ofKind = <K extends SenseMakingStep['kind']>(kind: K) => view.steps.filter((s): s is Extract<SenseMakingStep, { kind: K }> => s.kind === kind);

describe('talking a pulse through', () => {
  it('goes intro, strongest ties, weakest ties, clear changes, the gap between dimensions, then "What shall we try?"', () => {
    expect(view.steps.map((s) => s.kind)).toEqual(['intro', 'strong_tie', 'strong_tie', 'weak_tie', 'weak_tie', 'change', 'change', 'change', 'dimension_gap', 'closing']);
    expect(senseMakingViewSchema.parse(view)).toEqual(view);
    expect(view.steps.at(-1)!.title).toBe('What shall we try?');
  });

  it('names the strongest and weakest shown ties, weakest first, with questions about the work', () => {
    expect(ofKind('strong_tie').map((s) => s.tie.label)).toEqual(['Mother and baby unit → Community perinatal team', 'Community perinatal team → Mother and baby unit']);
    expect(ofKind('strong_tie')[0]!.question).toBe('What helps Mother and baby unit and Community perinatal team work so well together, and could others borrow it?');
    const weak = ofKind('weak_tie');
    expect(weak.map((s) => `${s.tie.from}>${s.tie.to}`)).toEqual(['mat>hv', 'hv>mbu']);
    expect(weak[0]!.question).toBe('What makes handovers from Maternity to Health visiting hard to get right?');
    expect(weak[0]!.figure).toEqual(shownFigure(shown(2.9)));
    expect(weak[0]!.figure).not.toHaveProperty('suppressed');
  });

  it('finds the weak tie\'s lowest shown dimensions and suggests catalogue interventions for them', () => {
    const weakest = ofKind('weak_tie')[0]!;
    expect(weakest.weakestDimensions.map((d) => d.dimension)).toEqual(['timely', 'accurate']);
    expect(weakest.suggestions).toHaveLength(3);
    expect(weakest.suggestions[0]).toEqual({
      id: 'shared-protocols',
      kind: 'structural',
      title: 'Shared protocols and routines',
      description: expect.stringMatching(/handover template/),
    });
    for (const s of weakest.suggestions) expect(catalogueEntry(s.id)!.dimensions.some((d) => d === 'timely' || d === 'accurate')).toBe(true);
  });

  it('labels a within-group tie as such', () => {
    const v = buildSenseMaking({ report: reportOf({ ties: [tie('hv', 'hv', shown(4.5)), tie('mbu', 'mbu', shown(3.0))] }), names });
    const strong = v.steps[1] as Extract<SenseMakingStep, { kind: 'strong_tie' }>;
    const weak = v.steps[2] as Extract<SenseMakingStep, { kind: 'weak_tie' }>;
    expect(strong.tie).toMatchObject({ withinGroup: true, label: 'Within Health visiting' });
    expect(strong.question).toBe('What helps people within Health visiting work so well together, and could other groups borrow it?');
    expect(weak.tie.label).toBe('Within Mother and baby unit');
    expect(weak.question).toMatch(/^What makes it hard for people within Mother and baby unit/);
  });

  it('shows only clear changes, biggest first, with both sides shown', () => {
    const changes = ofKind('change');
    expect(changes.map((c) => c.subject)).toEqual([
      { type: 'tie', tie: expect.objectContaining({ from: 'hv', to: 'mbu' }) },
      { type: 'dimension', dimension: 'timely', title: 'Timely communication' },
      { type: 'overall' },
    ]);
    expect(changes.map((c) => c.verdict)).toEqual(['declined', 'improved', 'improved']);
    expect(changes[0]!.question).toBe('What has changed in the work between Health visiting and Mother and baby unit that makes it harder now?');
  });

  it('sets the dimensions furthest apart side by side, ignoring a suppressed one', () => {
    const [gap] = ofKind('dimension_gap');
    expect(gap!.highest.dimension).toBe('mutual_respect');
    expect(gap!.lowest.dimension).toBe('timely');
    expect(gap!.question).toBe(
      "We rate respect for each other's work highest and timely communication lowest. What gets in the way of timely communication, and could what supports respect for each other's work help?",
    );
    expect(gap!.suggestions.length).toBeGreaterThan(0);
  });

  it('puts the overall figure beside the published ranges, with their sources', () => {
    const [intro] = ofKind('intro');
    expect(intro!.overall).toEqual(shownFigure(shown(3.7, 40)));
    expect(intro!.references).toEqual([
      { setting: 'Hospital sites', low: 3.86, high: 4.22, source: expect.stringMatching(/^Gittell 2000, Medical Care 38\(8\)/) },
      { setting: 'A care-transition programme', low: 4.19, high: 4.19, source: expect.stringMatching(/VA TNP/) },
      { setting: 'Norwegian care processes', low: 2.7, high: 4.5, source: 'Hustoft 2018' },
    ]);
    expect(intro!.paragraphs.join(' ')).toMatch(/never how any one person works/);
  });

  it('closes with every suggestion made along the way, each once', () => {
    const [closing] = ofKind('closing');
    const made = view.steps.flatMap((s) => ('suggestions' in s && s.kind !== 'closing' ? s.suggestions.map((x) => x.id) : []));
    expect(closing!.suggestions.map((s) => s.id)).toEqual([...new Set(made)].slice(0, 5));
    expect(new Set(closing!.suggestions.map((s) => s.id)).size).toBe(closing!.suggestions.length);
  });
});

describe('talking it through never uses a suppressed figure', () => {
  const text = JSON.stringify(view);

  it('never names a group that appears only in suppressed ties', () => {
    expect(text).not.toMatch(/Tiny team|tiny/);
  });

  it('never carries a leaked mean from a suppressed figure', () => {
    const means: number[] = [];
    JSON.parse(text, (key, value) => {
      if (key === 'mean') means.push(value);
      return value;
    });
    expect(means).not.toContain(1.0);
    expect(means).not.toContain(1.2);
    expect(ofKind('weak_tie')[0]!.weakestDimensions.map((d) => d.dimension)).not.toContain('shared_goals');
  });

  it('has no change item when either side, or the change itself, is suppressed', () => {
    const v = buildSenseMaking({
      report,
      compare: compareOf({ overall: { ...clear(0.5), suppressed: true }, dimensions: { timely: changeOf(shown(3), hidden(), 0.5, [0.1, 0.9], 'improved') } }),
      names,
    });
    expect(v.steps.filter((s) => s.kind === 'change')).toEqual([]);
  });

  it('shows no overall figure, no tie and no gap when everything is suppressed', () => {
    const v = buildSenseMaking({
      report: reportOf({ overall: hidden(), ties: [tie('mbu', 'cpt', leak(4.0)), tie('cpt', 'mbu', hidden())], dimensions: Object.fromEntries(['frequent', 'timely', 'accurate', 'problem_solving', 'shared_goals', 'shared_knowledge', 'mutual_respect'].map((d) => [d, hidden()])) }),
      compare: compareOf({ overall: noChange() }),
      names,
    });
    expect(v.steps.map((s) => s.kind)).toEqual(['intro', 'closing']);
    expect((v.steps[0] as Extract<SenseMakingStep, { kind: 'intro' }>).overall).toBeNull();
    expect(JSON.stringify(v)).not.toMatch(/Mother and baby unit|Community perinatal team/);
  });

  it('on a report scored from ratings, leaves out the tie that has fewer than k respondents', () => {
    const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
    const ratings = (seed: number) =>
      matrix(
        ...people('a', 6).map((p, i) => rate(p, 'mbu', 'cpt', 3 + ((i + seed) % 3))),
        ...people('b', 6).map((p, i) => rate(p, 'cpt', 'mbu', 2 + ((i + seed) % 2))),
        ...people('t', 2).map((p) => rate(p, 'tiny', 'mbu', 1)),
      );
    const r = score(ratings(0));
    expect(r.ties.find((t) => t.from === 'tiny')!.suppressed).toBe(true);
    // Complementary suppression hides cpt -> mbu too, or "tiny -> mbu" could be worked out from mbu's incoming figure.
    expect(r.ties.find((t) => t.from === 'cpt')!.suppressed).toBe(true);
    const v = buildSenseMaking({ report: r, compare: compare(ratings(1), ratings(0)), names });
    expect(JSON.stringify(v)).not.toMatch(/Tiny team|"tiny"/);
    const tieSteps = v.steps.filter((s) => s.kind === 'strong_tie' || s.kind === 'weak_tie') as Extract<SenseMakingStep, { kind: 'strong_tie' }>[];
    expect(tieSteps.map((s) => `${s.tie.from}>${s.tie.to}`)).toEqual(['mbu>cpt']);
  });
});

describe('the limits of a talk-through', () => {
  it('takes as many ties, changes and suggestions as asked', () => {
    const v = buildSenseMaking({ report, compare: comparison, names, limits: { ties: 1, changes: 1, suggestions: 1 } });
    expect(v.steps.map((s) => s.kind)).toEqual(['intro', 'strong_tie', 'weak_tie', 'change', 'dimension_gap', 'closing']);
    expect((v.steps[2] as Extract<SenseMakingStep, { kind: 'weak_tie' }>).suggestions).toHaveLength(1);
  });

  it('never calls one tie both strongest and weakest, nor praises a weak tie as working "so well"', () => {
    const v = buildSenseMaking({ report: reportOf({ ties: [tie('mbu', 'cpt', shown(3.1))] }), names });
    expect(v.steps.map((s) => s.kind)).toEqual(['intro', 'strong_tie', 'closing']);
    expect(v.steps[1]!.question).toBe('What works best between Mother and baby unit and Community perinatal team, and what would help it work better still?');
  });
});
