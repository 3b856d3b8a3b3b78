import { bandsSchema, figureSchema, HIDDEN_FIGURE, publishedFiguresSchema, scoreReportSchema, shownFigure, shownFigures } from '../../../src/domain/figures';
import { score } from '../../../src/domain/scoring';
import { matrix, rate } from '../../support/ratings';

/** Five people in A and two in B rating both groups: B's figures are hidden (k = 5). */
const report = () =>
  score(
    matrix(
      ...['a1', 'a2', 'a3', 'a4', 'a5'].flatMap((p, i) => [rate(p, 'A', 'A', 3 + (i % 2)), rate(p, 'A', 'B', 2 + (i % 3))]),
      ...['b1', 'b2'].flatMap((p) => [rate(p, 'B', 'A', 1), rate(p, 'B', 'B', 1)]),
    ),
    { k: 5 },
  );

describe('the figures schema, defined once', () => {
  it('is exactly what the scoring produces: the report parses to itself', () => {
    const r = report();
    expect(scoreReportSchema.parse(r)).toEqual(r);
    expect(publishedFiguresSchema.parse({ ...r, workgroupNames: { A: 'Group A' } }).workgroupNames).toEqual({ A: 'Group A' });
    // A publication written before names were kept reads with none.
    expect(publishedFiguresSchema.parse(r).workgroupNames).toEqual({});
  });

  it('refuses what is not a figure: a band that does not exist, an interval of one number, an n that is not whole', () => {
    const shown = { mean: 3.9, n: 6, ci95: [3.7, 4.1], band: 'moderate', suppressed: false };
    expect(figureSchema.safeParse(shown).success).toBe(true);
    expect(figureSchema.safeParse({ ...shown, band: 'excellent' }).success).toBe(false);
    expect(figureSchema.safeParse({ ...shown, ci95: [3.7] }).success).toBe(false);
    expect(figureSchema.safeParse({ ...shown, n: 5.5 }).success).toBe(false);
    expect(bandsSchema.safeParse({ moderate: 4, strong: 3.5 }).success).toBe(false);
  });

  it('empties a suppressed figure again on the way out, even one stored with numbers in it', () => {
    const leaky = { mean: 1.07, n: 2, ci95: [0.9, 1.2] as [number, number], band: 'weak' as const, suppressed: true };
    expect(shownFigure(leaky)).toEqual(HIDDEN_FIGURE);
    const r = report();
    const tampered = { ...r, workgroupNames: {}, ties: r.ties.map((t) => (t.from === 'B' ? { ...t, mean: 1, n: 2 } : t)) };
    const fromB = shownFigures(tampered).ties.filter((t) => t.from === 'B');
    expect(fromB.length).toBeGreaterThan(0);
    for (const t of fromB) expect([t.mean, t.n, t.ci95, t.band, t.suppressed]).toEqual([null, null, null, null, true]);
  });
});
