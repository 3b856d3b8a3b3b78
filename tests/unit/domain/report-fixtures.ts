import type { Change, CompareReport, TieChange } from '../../../src/domain/change';
import { DIMENSIONS, type Dimension } from '../../../src/domain/instrument';
import { band, type Figure, type ScoreReport, type TieFigure } from '../../../src/domain/scoring';

/**
 * Reports built by hand, so a test can say exactly which figures are shown and which are
 * suppressed. `leak` builds a BROKEN suppressed figure that still carries a mean and n:
 * code that reads results must ignore it all the same.
 */

export const shown = (mean: number, n = 8): Figure => ({ mean, n, ci95: [mean - 0.25, mean + 0.25], band: band(mean), suppressed: false });
export const hidden = (): Figure => ({ mean: null, n: null, ci95: null, band: null, suppressed: true });
export const leak = (mean: number): Figure => ({ mean, n: 2, ci95: [mean - 1, mean + 1], band: band(mean), suppressed: true });

export const perDimension = (f: (d: Dimension) => Figure): Record<Dimension, Figure> =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, f(d)])) as Record<Dimension, Figure>;

export function tie(from: string, to: string, figure: Figure, dims: Partial<Record<Dimension, Figure>> = {}): TieFigure {
  const fallback = figure.suppressed ? hidden() : shown(figure.mean!);
  return { from, to, ...figure, dimensions: perDimension((d) => dims[d] ?? fallback) };
}

export function reportOf(parts: { overall?: Figure; ties: TieFigure[]; dimensions?: Partial<Record<Dimension, Figure>> }): ScoreReport {
  const overall = parts.overall ?? shown(3.7, 40);
  return {
    k: 5,
    minItems: 4,
    respondents: 40,
    overall,
    overallBetween: overall,
    dimensions: perDimension((d) => parts.dimensions?.[d] ?? shown(3.7, 40)),
    indices: { communication: shown(3.6, 40), relationship: shown(3.8, 40) },
    ties: parts.ties,
    workgroups: [],
    alpha: { value: 0.85, rows: 100 },
  };
}

export function changeOf(before: Figure, after: Figure, difference: number | null, ci95: [number, number] | null, verdict: Change['verdict'], suppressed = false): Change {
  return { before, after, difference, ci95, verdict, suppressed };
}

/** A clear change (both sides shown) with the given difference and verdict. */
export const clear = (difference: number, verdict: 'improved' | 'declined' | 'no clear change' = difference > 0 ? 'improved' : 'declined'): Change =>
  changeOf(shown(3.5), shown(3.5 + difference), difference, [difference - 0.2, difference + 0.2], verdict);

export const noChange = (): Change => clear(0, 'no clear change');

export function tieChange(from: string, to: string, c: Change): TieChange {
  return { from, to, ...c, dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, noChange()])) as Record<Dimension, Change> };
}

export function compareOf(parts: { overall?: Change; dimensions?: Partial<Record<Dimension, Change>>; ties?: TieChange[] }): CompareReport {
  return {
    k: 5,
    minItems: 4,
    respondents: { before: 40, after: 42 },
    overall: parts.overall ?? noChange(),
    overallBetween: noChange(),
    dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, parts.dimensions?.[d] ?? noChange()])) as Record<Dimension, Change>,
    indices: { communication: noChange(), relationship: noChange() },
    ties: parts.ties ?? [],
  };
}
