import { countOrFewer, dayText, figureText, percent, timeText, twoDecimals } from '../../../src/contract/display-format';

describe('how numbers and dates read on cards', () => {
  it('rounds means to two decimals, halves up, as people expect', () => {
    expect([2.985, 1.005, 3.91234, 4, 4.999].map(twoDecimals)).toEqual(['2.99', '1.01', '3.91', '4.00', '5.00']);
  });

  it('reads the same mean the same whatever order it was summed in (a hair either side of a half)', () => {
    expect([3.6249999999999996, 3.625, 3.6250000000000004].map(twoDecimals)).toEqual(['3.63', '3.63', '3.63']);
  });

  it('reads a count below k as "fewer than k"', () => {
    expect([countOrFewer(4, 5), countOrFewer(5, 5)]).toEqual(['fewer than 5', '5']);
  });

  it('gives a whole percentage, and none when nobody was invited', () => {
    expect([percent(31, 60), percent(0, 0)]).toEqual(['52%', undefined]);
  });

  it('reads a suppressed figure as "fewer than k responses" and nothing else', () => {
    expect(figureText({ mean: null, n: null, ci95: null, band: null, suppressed: true }, 5)).toEqual({ value: 'fewer than 5 responses' });
  });

  it('shows a figure without an interval when it has none', () => {
    expect(figureText({ mean: 3.456, n: 1, ci95: null, band: 'weak', suppressed: false }, 1)).toEqual({ value: '3.46 (weak)' });
  });

  it('shows days and times in UK time, summer time included', () => {
    expect(dayText('2026-03-29T23:30:00Z')).toBe('Monday 30 March');
    expect(dayText('2026-01-05T09:00:00Z', true)).toBe('Monday 5 January 2026');
    expect(timeText('2026-07-01T13:05:00Z')).toBe('14:05');
  });
});
