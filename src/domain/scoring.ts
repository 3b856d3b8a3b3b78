import { analyse, type Analysis } from './analysis';
import { belowK, DEFAULT_K, K_MAX, K_MIN, protectPartition, type Cell } from './anonymity';
import { DIMENSION_COUNT, DIMENSIONS, type Dimension } from './instrument';
import type { RatingMatrix } from './ratings';
import { ci95, type Summary } from './stats';
import { hiddenFigure, type Band, type Bands, type Figure, type ScoreReport } from './figures';

export type { Band, Bands, Figure, ScoreReport, TieFigure, WorkgroupFigures } from './figures';

/** The default band thresholds: weak < 3.5 <= moderate < 4.0 <= strong (a practitioner convention, configurable). */
export const DEFAULT_BANDS: Bands = { moderate: 3.5, strong: 4.0 };
export const DEFAULT_MIN_ITEMS = 4;

/**
 * The band a mean falls in. The mean is first rounded to 9 decimal places: a mean of exactly a
 * threshold (4.0 = 44/11) comes out of floating-point sums as 4 or 3.9999999999999996
 * depending on the order respondents were added in, and the same answers must get the same
 * band in the tab, the cards and `rc-pulse compare` of an export (whose order is random).
 */
export function band(mean: number, bands: Bands = DEFAULT_BANDS): Band {
  const m = Math.round(mean * 1e9) / 1e9;
  return m < bands.moderate ? 'weak' : m < bands.strong ? 'moderate' : 'strong';
}

export interface ScoreOptions {
  k?: number;
  minItems?: number;
  bands?: Bands;
}

/** A summary with its suppression decision, before it becomes a Figure. */
export interface Decided extends Cell {
  readonly summary: Summary;
}

function decide(name: string, summary: Summary, k: number): Decided {
  return { name, n: summary.n, summary, suppressed: belowK(summary.n, k) };
}

/** Turns a decided summary into the published Figure. */
export function toFigure(c: Decided, bands: Bands): Figure {
  if (c.suppressed) return hiddenFigure();
  return { mean: c.summary.mean, n: c.summary.n, ci95: ci95(c.summary), band: band(c.summary.mean, bands), suppressed: false };
}

/** Every suppression decision of a report, kept beside the raw summaries. */
export interface Decisions {
  overall: Decided;
  overallBetween: Decided;
  dimensions: Record<Dimension, Decided>;
  indices: { communication: Decided; relationship: Decided };
  ties: { from: string; to: string; rc: Decided; dimensions: Record<Dimension, Decided> }[];
  workgroups: { workgroup: string; respondents: Cell; outgoing: Decided; incoming: Decided }[];
}

/**
 * Applies the anonymity rules to an analysis: k on every figure, then complementary
 * suppression in each published partition: (a) overall between-group vs the workgroups'
 * outgoing figures, (b) each workgroup's incoming figure vs the ties into it from the other
 * groups, (c) the respondent count vs the workgroups' respondent counts.
 */
export function decideSuppression(a: Analysis, k: number): Decisions {
  const perDim = (s: Record<Dimension, Summary>, prefix: string) =>
    Object.fromEntries(DIMENSIONS.map((d) => [d, decide(`${prefix}${d}`, s[d], k)])) as Record<Dimension, Decided>;
  const ties = a.ties.map((t) => ({
    from: t.from,
    to: t.to,
    rc: decide(t.from, t.rc, k),
    dimensions: perDim(t.dimensions, `${t.from}>${t.to}:`),
  }));
  const workgroups = a.workgroups.map((w) => ({
    workgroup: w.workgroup,
    respondents: { name: w.workgroup, n: w.respondents, suppressed: belowK(w.respondents, k) },
    outgoing: decide(w.workgroup, w.outgoing, k),
    incoming: decide(w.workgroup, w.incoming, k),
  }));
  const overallBetween = decide('overallBetween', a.overallBetween, k);

  protectPartition(overallBetween, workgroups.map((w) => w.outgoing));
  for (const w of workgroups) {
    protectPartition(w.incoming, ties.filter((t) => t.to === w.workgroup && t.from !== w.workgroup).map((t) => t.rc));
  }
  // The total respondent count is always shown, so it is a total that is never suppressed.
  protectPartition({ name: 'respondents', n: a.respondents, suppressed: false }, workgroups.map((w) => w.respondents));

  return {
    overall: decide('overall', a.overall, k),
    overallBetween,
    dimensions: perDim(a.dimensions, ''),
    indices: { communication: decide('communication', a.indices.communication, k), relationship: decide('relationship', a.indices.relationship, k) },
    ties,
    workgroups,
  };
}

/** Builds the published report from an analysis (figures are full precision). */
export function report(a: Analysis, k: number, bands: Bands = DEFAULT_BANDS): ScoreReport {
  const dec = decideSuppression(a, k);
  const fig = (c: Decided) => toFigure(c, bands);
  const perDim = (r: Record<Dimension, Decided>) =>
    Object.fromEntries(DIMENSIONS.map((d) => [d, fig(r[d])])) as Record<Dimension, Figure>;
  return {
    k,
    minItems: a.minItems,
    respondents: a.respondents,
    overall: fig(dec.overall),
    overallBetween: fig(dec.overallBetween),
    dimensions: perDim(dec.dimensions),
    indices: { communication: fig(dec.indices.communication), relationship: fig(dec.indices.relationship) },
    ties: dec.ties.map((t) => ({ from: t.from, to: t.to, ...fig(t.rc), dimensions: perDim(t.dimensions) })),
    workgroups: dec.workgroups.map((w) => ({
      workgroup: w.workgroup,
      respondents: w.respondents.suppressed ? null : w.respondents.n,
      outgoing: fig(w.outgoing),
      incoming: fig(w.incoming),
    })),
    // Reliability over fewer than k people would describe those few people's answers.
    alpha: belowK(a.respondents, k) ? { value: null, rows: a.alpha.rows } : a.alpha,
  };
}

/**
 * Scores a pulse exactly as the measurement contract says: every figure of section 3 with
 * the anonymity rules of section 4 applied. Defaults: k = 5, minItems = 4.
 */
export function score(m: RatingMatrix, options: ScoreOptions = {}): ScoreReport {
  const { k, minItems, bands } = resolveOptions(options);
  return report(analyse(m, minItems), k, bands);
}

/**
 * Fills in the defaults and checks the ranges the contract allows (k 3-25, minItems 1-7,
 * bands ordered), throwing a RangeError otherwise: a wrong k would silently weaken anonymity.
 */
export function resolveOptions(options: ScoreOptions): Required<ScoreOptions> {
  const k = options.k ?? DEFAULT_K;
  const minItems = options.minItems ?? DEFAULT_MIN_ITEMS;
  const bands = options.bands ?? DEFAULT_BANDS;
  if (!Number.isInteger(k) || k < K_MIN || k > K_MAX) throw new RangeError(`k must be a whole number from ${K_MIN} to ${K_MAX}`);
  if (!Number.isInteger(minItems) || minItems < 1 || minItems > DIMENSION_COUNT) {
    throw new RangeError(`minItems must be a whole number from 1 to ${DIMENSION_COUNT}`);
  }
  if (!(bands.moderate > 1 && bands.moderate < bands.strong && bands.strong <= 5)) {
    throw new RangeError('bands must satisfy 1 < moderate < strong <= 5');
  }
  return { k, minItems, bands };
}
