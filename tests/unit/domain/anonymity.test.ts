import { protectPartition, type Cell } from '../../../src/domain/anonymity';

const cell = (name: string, n: number, suppressed = n < 5): Cell => ({ name, n, suppressed });

describe('complementary suppression in a partition', () => {
  it('changes nothing when no part is hidden', () => {
    const parts = [cell('a', 6), cell('b', 9)];
    expect(protectPartition(cell('total', 15), parts)).toBe(false);
    expect(parts.map((p) => p.suppressed)).toEqual([false, false]);
  });

  it('hides the smallest shown part when exactly one part is hidden', () => {
    const parts = [cell('a', 2), cell('b', 9), cell('c', 6), cell('d', 7)];
    protectPartition(cell('total', 24), parts);
    expect(parts.map((p) => p.suppressed)).toEqual([true, false, true, false]);
  });

  it('breaks a tie between equally small parts by name, so the result never depends on order', () => {
    const parts = [cell('b', 6), cell('a', 6), cell('c', 1)];
    protectPartition(cell('total', 13), parts);
    expect(parts.map((p) => p.suppressed)).toEqual([false, true, true]);
  });

  it('hides the total when there is no other part left to hide', () => {
    const total = cell('total', 7);
    const parts = [cell('a', 3)];
    protectPartition(total, parts);
    expect(total.suppressed).toBe(true);
  });

  it('leaves two or more hidden parts alone: subtraction gives only their combined figure', () => {
    const parts = [cell('a', 2), cell('b', 3), cell('c', 9)];
    expect(protectPartition(cell('total', 14), parts)).toBe(false);
    expect(parts[2]!.suppressed).toBe(false);
  });

  it('does not count an empty hidden part as protection for a real one', () => {
    // b has no respondents, so total - c would reveal a exactly: hide c as well.
    const parts = [cell('a', 3), cell('b', 0), cell('c', 9), cell('d', 12)];
    protectPartition(cell('total', 24), parts);
    expect(parts.map((p) => p.suppressed)).toEqual([true, true, true, false]);
  });

  it('does nothing when the total itself is hidden', () => {
    const parts = [cell('a', 2), cell('b', 6)];
    expect(protectPartition(cell('total', 8, true), parts)).toBe(false);
  });
});
