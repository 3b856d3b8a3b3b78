import { compare } from '../../../src/domain/change';
import { Summary, welch } from '../../../src/domain/stats';
import { matrix, rate } from '../../support/ratings';

const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** Five people in A rate B with the given constant scores (all seven items). */
const pulseOf = (prefix: string, scores: number[]) =>
  matrix(...people(prefix, scores.length).map((p, i) => rate(p, 'A', 'B', scores[i]!)));

describe('change between two pulses', () => {
  it('calls a clear rise "improved", with the Welch interval of the difference', () => {
    const before = [2, 3, 2, 3, 2];
    const after = [4, 5, 4, 4, 5];
    const c = compare(pulseOf('x', before), pulseOf('y', after));
    const expected = welch(Summary.of(before), Summary.of(after));
    expect(c.overall.difference).toBeCloseTo(4.4 - 2.4, 12);
    expect(c.overall.ci95).toEqual(expected.ci95);
    expect(c.overall.verdict).toBe('improved');
    const tie = c.ties.find((t) => t.from === 'A' && t.to === 'B')!;
    expect(tie.verdict).toBe('improved');
    expect(tie.dimensions.mutual_respect.verdict).toBe('improved');
    expect(c.respondents).toEqual({ before: 5, after: 5 });
  });

  it('calls a clear fall "declined" and a small wobble "no clear change"', () => {
    expect(compare(pulseOf('x', [4, 5, 4, 4, 5]), pulseOf('y', [2, 3, 2, 3, 2])).overall.verdict).toBe('declined');
    expect(compare(pulseOf('x', [3, 4, 3, 4, 3]), pulseOf('y', [4, 3, 3, 4, 4])).overall.verdict).toBe('no clear change');
  });

  it('hides the change when either pulse has too few respondents for the figure', () => {
    const c = compare(pulseOf('x', [2, 3, 2, 3]), pulseOf('y', [4, 5, 4, 4, 5]));
    expect(c.overall).toEqual(
      expect.objectContaining({ difference: null, ci95: null, verdict: null, suppressed: true }),
    );
    expect(c.overall.before.mean).toBeNull();
    expect(c.overall.after.mean).toBeCloseTo(4.4, 12);
  });

  it('lists a tie seen in only one pulse as suppressed on the other side', () => {
    const before = pulseOf('x', [3, 3, 3, 3, 3]);
    const after = matrix(...people('y', 5).map((p) => rate(p, 'A', 'C', 4)));
    const c = compare(before, after);
    expect(c.ties.map((t) => `${t.from}>${t.to}`)).toEqual(['A>B', 'A>C']);
    expect(c.ties.every((t) => t.suppressed && t.difference === null)).toBe(true);
  });
});
