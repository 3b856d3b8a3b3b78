import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * Running summary of a sample: count, mean and the sum of squared deviations (Welford),
 * which is numerically stable and lets intervals be built without keeping the values.
 */
export class Summary {
  n = 0;
  mean = 0;
  private m2 = 0;

  add(x: number): void {
    this.n += 1;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  /** Sample variance (n - 1 denominator); NaN when n < 2. */
  get variance(): number {
    return this.n < 2 ? Number.NaN : Math.max(0, this.m2 / (this.n - 1));
  }

  static of(values: Iterable<number>): Summary {
    const s = new Summary();
    for (const v of values) s.add(v);
    return s;
  }
}

/** The exact Student t quantile t(0.975, df) for real df > 0. */
export function t975(df: number): number {
  return tQuantile(0.975, df);
}

/** Two-sided 95% interval mean +/- t(0.975, n-1) * s / sqrt(n); null when n < 2. */
export function ci95(s: Summary): [number, number] | null {
  if (s.n < 2) return null;
  const half = (t975(s.n - 1) * Math.sqrt(s.variance)) / Math.sqrt(s.n);
  return [s.mean - half, s.mean + half];
}

export type ChangeVerdict = 'improved' | 'declined' | 'no clear change';

export interface WelchResult {
  /** after - before */
  difference: number;
  /** 95% Welch interval of the difference; null when either side has fewer than 2 values. */
  ci95: [number, number] | null;
  df: number | null;
  verdict: ChangeVerdict;
}

/**
 * Difference of two means (after - before) with a Welch 95% interval (Welch-Satterthwaite
 * degrees of freedom). The verdict is "improved" or "declined" only when the interval
 * excludes 0; otherwise, or when there is too little data for an interval, "no clear change".
 */
export function welch(before: Summary, after: Summary): WelchResult {
  const difference = after.mean - before.mean;
  if (before.n < 2 || after.n < 2) return { difference, ci95: null, df: null, verdict: 'no clear change' };
  const va = before.variance / before.n;
  const vb = after.variance / after.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) {
    // Both samples are constant: the difference is exact.
    const verdict: ChangeVerdict = difference > 0 ? 'improved' : difference < 0 ? 'declined' : 'no clear change';
    return { difference, ci95: [difference, difference], df: null, verdict };
  }
  const df = (va + vb) ** 2 / ((va * va) / (before.n - 1) + (vb * vb) / (after.n - 1));
  const half = t975(df) * se;
  const ci: [number, number] = [difference - half, difference + half];
  const verdict: ChangeVerdict = ci[0] > 0 ? 'improved' : ci[1] < 0 ? 'declined' : 'no clear change';
  return { difference, ci95: ci, df, verdict };
}

/**
 * Cronbach's alpha over listwise-complete rows of `items` values, with sample variances:
 * alpha = p/(p-1) * (1 - sum of item variances / variance of the row totals).
 * Rows are added one at a time so large data sets need no copies.
 */
export class AlphaAccumulator {
  private readonly itemSummaries: Summary[];
  private readonly totals = new Summary();

  constructor(private readonly items: number) {
    this.itemSummaries = Array.from({ length: items }, () => new Summary());
  }

  /** Adds the row values[offset .. offset + items - 1]. */
  addRow(values: ArrayLike<number>, offset = 0): void {
    let total = 0;
    for (let j = 0; j < this.items; j++) {
      const v = values[offset + j] as number;
      this.itemSummaries[j]!.add(v);
      total += v;
    }
    this.totals.add(total);
  }

  get rows(): number {
    return this.totals.n;
  }

  /** Alpha, or null when fewer than 2 rows or the totals do not vary. */
  value(): number | null {
    if (this.totals.n < 2 || this.items < 2) return null;
    const totalVariance = this.totals.variance;
    if (!(totalVariance > 0)) return null;
    const itemVarianceSum = this.itemSummaries.reduce((acc, s) => acc + s.variance, 0);
    return (this.items / (this.items - 1)) * (1 - itemVarianceSum / totalVariance);
  }
}
