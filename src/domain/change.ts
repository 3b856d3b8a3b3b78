import { analyse, byName } from './analysis';
import { DIMENSIONS, type Dimension } from './instrument';
import type { RatingMatrix } from './ratings';
import {
  decideSuppression,
  resolveOptions,
  toFigure,
  type Bands,
  type Decided,
  type Decisions,
  type Figure,
  type ScoreOptions,
} from './scoring';
import { Summary, welch, type ChangeVerdict } from './stats';

/**
 * The change in one figure between two pulses. When either side is suppressed the change
 * is suppressed too: difference, interval and verdict are null.
 */
export interface Change {
  before: Figure;
  after: Figure;
  /** after - before */
  difference: number | null;
  /** Welch 95% interval of the difference. */
  ci95: [number, number] | null;
  verdict: ChangeVerdict | null;
  suppressed: boolean;
}

export interface TieChange extends Change {
  from: string;
  to: string;
  dimensions: Record<Dimension, Change>;
}

/** The output of `rc-pulse compare`. */
export interface CompareReport {
  k: number;
  minItems: number;
  respondents: { before: number; after: number };
  overall: Change;
  overallBetween: Change;
  dimensions: Record<Dimension, Change>;
  indices: { communication: Change; relationship: Change };
  /** Every tie seen in either pulse, sorted by from, then to. */
  ties: TieChange[];
}

const EMPTY: Decided = { name: '', n: 0, summary: new Summary(), suppressed: true };

/** The band thresholds of each side: each pulse is described by its own method. */
interface SideBands {
  before: Bands;
  after: Bands;
}

function change(before: Decided, after: Decided, bands: SideBands): Change {
  const b = toFigure(before, bands.before);
  const a = toFigure(after, bands.after);
  if (before.suppressed || after.suppressed) {
    return { before: b, after: a, difference: null, ci95: null, verdict: null, suppressed: true };
  }
  const w = welch(before.summary, after.summary);
  return { before: b, after: a, difference: w.difference, ci95: w.ci95, verdict: w.verdict, suppressed: false };
}

const perDimension = (b: Record<Dimension, Decided>, a: Record<Dimension, Decided>, bands: SideBands) =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, change(b[d], a[d], bands)])) as Record<Dimension, Change>;

function tieChanges(before: Decisions, after: Decisions, bands: SideBands): TieChange[] {
  const key = (t: { from: string; to: string }) => `${t.from}\u0000${t.to}`;
  const b = new Map(before.ties.map((t) => [key(t), t]));
  const a = new Map(after.ties.map((t) => [key(t), t]));
  const empty = Object.fromEntries(DIMENSIONS.map((d) => [d, EMPTY])) as Record<Dimension, Decided>;
  const all = [...new Map([...before.ties, ...after.ties].map((t) => [key(t), t])).values()].sort(
    (x, y) => byName(x.from, y.from) || byName(x.to, y.to),
  );
  return all.map(({ from, to }) => {
    const tb = b.get(key({ from, to }));
    const ta = a.get(key({ from, to }));
    return {
      from,
      to,
      ...change(tb?.rc ?? EMPTY, ta?.rc ?? EMPTY, bands),
      dimensions: perDimension(tb?.dimensions ?? empty, ta?.dimensions ?? empty, bands),
    };
  });
}

/** How to compare: k for both sides, the later pulse's minItems and bands, and the earlier one's when they differ. */
export interface CompareOptions extends ScoreOptions {
  /** The earlier pulse's own minItems and bands (default: the same as the later one's). */
  before?: Pick<ScoreOptions, 'minItems' | 'bands'>;
}

/**
 * Change between two pulses of the same collaborative (section 3.10): for the overall
 * figures, each dimension and index, and each tie, the difference of means with a Welch
 * 95% interval, called "improved" or "declined" only when the interval excludes 0.
 * Each pulse's own anonymity rules (k and complementary suppression) apply first, and each
 * pulse is scored with its own minItems and bands, so its figures have the n they were
 * published with.
 */
export function compare(before: RatingMatrix, after: RatingMatrix, options: CompareOptions = {}): CompareReport {
  const { k, minItems, bands: afterBands } = resolveOptions(options);
  const earlier = resolveOptions({ k, minItems: options.before?.minItems ?? minItems, bands: options.before?.bands ?? afterBands });
  const bands: SideBands = { before: earlier.bands, after: afterBands };
  const ab = analyse(before, earlier.minItems);
  const aa = analyse(after, minItems);
  const b = decideSuppression(ab, k);
  const a = decideSuppression(aa, k);
  return {
    k,
    minItems,
    respondents: { before: ab.respondents, after: aa.respondents },
    overall: change(b.overall, a.overall, bands),
    overallBetween: change(b.overallBetween, a.overallBetween, bands),
    dimensions: perDimension(b.dimensions, a.dimensions, bands),
    indices: {
      communication: change(b.indices.communication, a.indices.communication, bands),
      relationship: change(b.indices.relationship, a.indices.relationship, bands),
    },
    ties: tieChanges(b, a, bands),
  };
}
