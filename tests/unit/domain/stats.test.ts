import { AlphaAccumulator, ci95, Summary, t975, welch } from '../../../src/domain/stats';

describe('Student t quantile', () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [10, 2.228],
    [30, 2.042],
    [120, 1.98],
  ])('t(0.975, %i) matches the printed table value %d', (df, table) => {
    expect(t975(df)).toBeCloseTo(table, 3);
  });

  it('tends to the normal quantile 1.95996 for very large df', () => {
    expect(t975(1e7)).toBeCloseTo(1.959964, 5);
  });
});

describe('a 95% confidence interval', () => {
  it('is mean +/- t(0.975, n-1) * s / sqrt(n)', () => {
    // values 3, 4, 5: mean 4, s = 1, n = 3, t(0.975, 2) = 4.302653
    const [lo, hi] = ci95(Summary.of([3, 4, 5]))!;
    expect(lo).toBeCloseTo(4 - 4.302653 / Math.sqrt(3), 5);
    expect(hi).toBeCloseTo(4 + 4.302653 / Math.sqrt(3), 5);
  });

  it('is not given for a single value', () => {
    expect(ci95(Summary.of([4]))).toBeNull();
  });

  it('has zero width when every value is the same', () => {
    expect(ci95(Summary.of([4, 4, 4]))).toEqual([4, 4]);
  });
});

describe('Welch comparison of two pulses', () => {
  it('computes the difference, Welch-Satterthwaite df and interval', () => {
    // before 1,2,3: mean 2, var 1; after 4,5,6,7: mean 5.5, var 5/3.
    // va = 1/3, vb = (5/3)/4 = 5/12, se = sqrt(3/4);
    // df = (3/4)^2 / ((1/3)^2/2 + (5/12)^2/3) = 0.5625 / (1/18 + 25/432) = 4.95918...
    const r = welch(Summary.of([1, 2, 3]), Summary.of([4, 5, 6, 7]));
    expect(r.difference).toBeCloseTo(3.5, 12);
    expect(r.df).toBeCloseTo(0.5625 / (1 / 18 + 25 / 432), 10);
    const half = t975(r.df!) * Math.sqrt(0.75);
    expect(r.ci95![0]).toBeCloseTo(3.5 - half, 10);
    expect(r.ci95![1]).toBeCloseTo(3.5 + half, 10);
    expect(r.verdict).toBe('improved');
  });

  it('says declined only when the whole interval is below zero', () => {
    expect(welch(Summary.of([4, 5, 6, 7]), Summary.of([1, 2, 3])).verdict).toBe('declined');
  });

  it('says no clear change when the interval includes zero', () => {
    const r = welch(Summary.of([3, 4, 5]), Summary.of([3.5, 4.5, 3]));
    expect(r.ci95![0]).toBeLessThan(0);
    expect(r.ci95![1]).toBeGreaterThan(0);
    expect(r.verdict).toBe('no clear change');
  });

  it('gives no interval, and no verdict of change, with fewer than two values on a side', () => {
    const r = welch(Summary.of([1]), Summary.of([5, 5, 5]));
    expect(r.ci95).toBeNull();
    expect(r.verdict).toBe('no clear change');
  });
});

describe("Cronbach's alpha", () => {
  it('matches a hand computation over three complete rows', () => {
    // rows: [1x7] total 7, [2,2,2,2,2,2,3] total 15, [3,3,3,3,3,3,2] total 20.
    // item variances: six items 1,2,3 -> 1 each; last item 1,3,2 -> 1. Sum = 7.
    // totals 7, 15, 20: mean 14, squared deviations 49 + 1 + 36 = 86, variance 43.
    // alpha = 7/6 * (1 - 7/43) = 0.97674...
    const a = new AlphaAccumulator(7);
    a.addRow([1, 1, 1, 1, 1, 1, 1]);
    a.addRow([2, 2, 2, 2, 2, 2, 3]);
    a.addRow([3, 3, 3, 3, 3, 3, 2]);
    expect(a.rows).toBe(3);
    expect(a.value()).toBeCloseTo((7 / 6) * (1 - 7 / 43), 12);
  });

  it('is null with fewer than two rows or when the totals do not vary', () => {
    const one = new AlphaAccumulator(7);
    one.addRow([1, 2, 3, 4, 5, 1, 2]);
    expect(one.value()).toBeNull();
    const flat = new AlphaAccumulator(7);
    flat.addRow([3, 3, 3, 3, 3, 3, 3]);
    flat.addRow([3, 3, 3, 3, 3, 3, 3]);
    expect(flat.value()).toBeNull();
  });
});
