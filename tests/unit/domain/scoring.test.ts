import { score } from '../../../src/domain/scoring';
import { matrix, rate } from '../../support/ratings';

const t2 = 4.302653; // t(0.975, 2)

/**
 * Two workgroups, A and B, three respondents each, k = 3 and minItems = 4.
 * A constant score rates all seven dimensions; arrays leave items unanswered.
 *   a1: A 4, B 3          RC_all 3.5  RC_between 3
 *   a2: A 5, B 2 (4 items) RC_all 3.5  RC_between 2
 *   a3: A 3, B 4 (3 items: below minItems, so RC(a3,B) undefined) RC_all 3, RC_between undefined
 *   b1: A 2, B 4          RC_all 3    RC_between 2
 *   b2: A 3, B 5          RC_all 4    RC_between 3
 *   b3: A 4, B 3          RC_all 3.5  RC_between 4
 */
const data = () =>
  matrix(
    rate('a1', 'A', 'A', 4), rate('a1', 'A', 'B', 3),
    rate('a2', 'A', 'A', 5), rate('a2', 'A', 'B', [2, 2, 2, 2]),
    rate('a3', 'A', 'A', 3), rate('a3', 'A', 'B', [4, 4, 4]),
    rate('b1', 'B', 'A', 2), rate('b1', 'B', 'B', 4),
    rate('b2', 'B', 'A', 3), rate('b2', 'B', 'B', 5),
    rate('b3', 'B', 'A', 4), rate('b3', 'B', 'B', 3),
  );

describe('scoring a small pulse by hand', () => {
  const r = score(data(), { k: 3, minItems: 4 });
  const tie = (from: string, to: string) => r.ties.find((t) => t.from === from && t.to === to)!;

  it('reports the options and the respondent count', () => {
    expect(r.k).toBe(3);
    expect(r.minItems).toBe(4);
    expect(r.respondents).toBe(6);
  });

  it('scores the within-group tie A -> A as the mean of respondent-target RC with a t interval', () => {
    // 4, 5, 3: mean 4, s 1, n 3
    const t = tie('A', 'A');
    expect(t.mean).toBeCloseTo(4, 12);
    expect(t.n).toBe(3);
    expect(t.ci95![0]).toBeCloseTo(4 - t2 / Math.sqrt(3), 5);
    expect(t.ci95![1]).toBeCloseTo(4 + t2 / Math.sqrt(3), 5);
    expect(t.band).toBe('strong');
  });

  it('leaves out a respondent-target pair with fewer than minItems answers', () => {
    // A -> B: a1 3, a2 2 (four items is enough), a3 only three items -> n = 2 < k
    expect(tie('A', 'B')).toEqual(expect.objectContaining({ suppressed: true, mean: null, n: null, ci95: null, band: null }));
    // with minItems 3, a3 counts too: 3, 2, 4 -> mean 3, n 3
    const looser = score(data(), { k: 3, minItems: 3 }).ties.find((t) => t.from === 'A' && t.to === 'B')!;
    expect(looser.mean).toBeCloseTo(3, 12);
    expect(looser.n).toBe(3);
  });

  it('scores tie B -> A and its dimensions', () => {
    // 2, 3, 4: mean 3 (weak)
    const t = tie('B', 'A');
    expect(t.mean).toBeCloseTo(3, 12);
    expect(t.band).toBe('weak');
    expect(t.dimensions.timely.mean).toBeCloseTo(3, 12);
    expect(t.dimensions.timely.n).toBe(3);
    // within-group tie B -> B: 4, 5, 3
    expect(tie('B', 'B').mean).toBeCloseTo(4, 12);
  });

  it('counts a dimension of a tie over everyone who answered it, regardless of minItems', () => {
    // A -> B frequent: a1 3, a2 2, a3 4 -> n 3, mean 3; shared goals: only a1 -> suppressed
    const t = tie('A', 'B');
    expect(t.dimensions.frequent.mean).toBeCloseTo(3, 12);
    expect(t.dimensions.frequent.n).toBe(3);
    expect(t.dimensions.shared_goals.suppressed).toBe(true);
  });

  it('computes overall RC as the mean of respondents\' RC over all targets', () => {
    // 3.5 + 3.5 + 3 + 3 + 4 + 3.5 = 20.5 over 6
    expect(r.overall.mean).toBeCloseTo(20.5 / 6, 12);
    expect(r.overall.n).toBe(6);
    expect(r.overall.band).toBe('weak');
  });

  it('computes overall between-group RC from other groups only', () => {
    // 3, 2, 2, 3, 4 (a3 has no defined between-group RC): 14 / 5 = 2.8
    expect(r.overallBetween.mean).toBeCloseTo(2.8, 12);
    expect(r.overallBetween.n).toBe(5);
  });

  it('hides a second outgoing figure so the hidden one cannot be found by subtraction', () => {
    // outgoing A = 3, 2 (n 2 < k) is suppressed; outgoing B = 2, 3, 4 would be shown, but then
    // A = (2.8 x 5 - 3 x 3) / 2 could be worked out, so B is suppressed as well.
    const a = r.workgroups.find((w) => w.workgroup === 'A')!;
    const b = r.workgroups.find((w) => w.workgroup === 'B')!;
    expect(a.outgoing.suppressed).toBe(true);
    expect(b.outgoing.suppressed).toBe(true);
    expect(b.outgoing.mean).toBeNull();
  });

  it('computes incoming figures from the other groups only', () => {
    // incoming A: b1 2, b2 3, b3 4 -> 3; incoming B: a1 3, a2 2 -> n 2 < k
    const a = r.workgroups.find((w) => w.workgroup === 'A')!;
    const b = r.workgroups.find((w) => w.workgroup === 'B')!;
    expect(a.incoming.mean).toBeCloseTo(3, 12);
    expect(a.incoming.n).toBe(3);
    expect(b.incoming.suppressed).toBe(true);
    expect(a.respondents).toBe(3);
    expect(b.respondents).toBe(3);
  });

  it('averages each dimension over targets per respondent, then over respondents', () => {
    // frequent: a1 (4+3)/2, a2 (5+2)/2, a3 (3+4)/2, b1 (2+4)/2, b2 (3+5)/2, b3 (4+3)/2 = 21 / 6
    expect(r.dimensions.frequent.mean).toBeCloseTo(3.5, 12);
    // shared goals: a2 and a3 answered only for A: 3.5, 5, 3, 3, 4, 3.5 = 22 / 6
    expect(r.dimensions.shared_goals.mean).toBeCloseTo(22 / 6, 12);
    expect(r.dimensions.shared_goals.n).toBe(6);
  });

  it('computes the communication and relationship indices over their items', () => {
    // communication (first four items, pooled over targets): a1 28/8, a2 28/8, a3 (12+12)/7,
    // b1 3, b2 4, b3 3.5
    const expected = (3.5 + 3.5 + 24 / 7 + 3 + 4 + 3.5) / 6;
    expect(r.indices.communication.mean).toBeCloseTo(expected, 12);
    // relationship (last three): a1 (12+9)/6, a2 5, a3 3, b1 3, b2 4, b3 3.5
    expect(r.indices.relationship.mean).toBeCloseTo((3.5 + 5 + 3 + 3 + 4 + 3.5) / 6, 12);
  });

  it('computes alpha over complete rows only', () => {
    // complete rows: a1 A, a1 B, a2 A, a3 A and all six of B's rows = 10; each row is
    // constant, so sum of item variances = 7 var and variance of totals = 49 var: alpha = 1
    expect(r.alpha.rows).toBe(10);
    expect(r.alpha.value).toBeCloseTo(1, 12);
  });

  it('keeps figures at full precision', () => {
    expect(r.overall.mean).toBe(20.5 / 6);
  });
});

describe('the minimum group size k', () => {
  it('shows every figure of five respondents with the default k, and none with k = 6', () => {
    const five = matrix(...['p1', 'p2', 'p3', 'p4', 'p5'].map((p, i) => rate(p, 'A', 'B', 1 + i)));
    expect(score(five).overall).toEqual(expect.objectContaining({ mean: 3, n: 5, suppressed: false }));
    const hidden = score(five, { k: 6 });
    expect(hidden.overall).toEqual({ mean: null, n: null, ci95: null, band: null, suppressed: true });
    expect(hidden.alpha.value).toBeNull();
    expect(hidden.workgroups.every((w) => w.respondents === null)).toBe(true);
  });

  it('refuses a k outside 3 to 25 rather than weakening anonymity', () => {
    const m = matrix(rate('p1', 'A', 'B', 3));
    expect(() => score(m, { k: 2 })).toThrow(RangeError);
    expect(() => score(m, { k: 26 })).toThrow(RangeError);
    expect(() => score(m, { minItems: 0 })).toThrow(RangeError);
    expect(() => score(m, { minItems: 8 })).toThrow(RangeError);
  });
});

describe('frequency is scored for adequacy', () => {
  it('treats the scores as given: "Too often" (4) counts above "Not enough" (3)', () => {
    const m = matrix(...['p1', 'p2', 'p3'].map((p) => rate(p, 'A', 'B', [4, 4, 4, 4])));
    expect(score(m, { k: 3 }).dimensions.frequent.mean).toBe(4);
  });
});
