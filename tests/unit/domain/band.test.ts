import { band } from '../../../src/domain/scoring';
import { Summary } from '../../../src/domain/stats';

describe('the band of a mean', () => {
  // Eleven respondents' RC (each the mean of 7 items) whose mean is exactly 4.0 (308/77).
  const rcs = [23, 23, 23, 34, 33, 31, 23, 29, 31, 26, 32].map((x) => x / 7);

  it('is the same whatever order the respondents were added in, even on a threshold', () => {
    const forwards = Summary.of(rcs).mean;
    const backwards = Summary.of([...rcs].reverse()).mean;
    expect(forwards).not.toBe(backwards); // floating point: 4 one way, 3.9999999999999996 the other
    expect(band(forwards)).toBe('strong');
    expect(band(backwards)).toBe('strong');
  });

  it('still puts a mean just below a threshold in the band below', () => {
    expect(band(3.4999)).toBe('weak');
    expect(band(3.5)).toBe('moderate');
    expect(band(3.99999)).toBe('moderate');
    expect(band(4)).toBe('strong');
    expect(band(3.7, { moderate: 3.2, strong: 3.7 })).toBe('strong');
    expect(band(3.6999999999999997, { moderate: 3.2, strong: 3.7 })).toBe('strong');
  });
});
