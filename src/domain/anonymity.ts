/**
 * The anonymity rules of the measurement contract (section 4) that work on figures: the
 * minimum group size k and complementary suppression inside published partitions. (No
 * differencing over time is kept by publishing a pulse's figures once, when it closes.)
 */

export const K_MIN = 3;
export const K_MAX = 25;
export const DEFAULT_K = 5;
/** Transition pulses are small teams and use their own k. */
export const DEFAULT_TRANSITION_K = 3;

/** One published part (or total) of a partition, as the suppression rules see it. */
export interface Cell {
  /** Stable name, used to break ties when choosing which part to suppress. */
  readonly name: string;
  /** Respondent count behind the figure (may be 0). */
  readonly n: number;
  suppressed: boolean;
}

/** A figure computed over fewer than k respondents is not shown. */
export function belowK(n: number, k: number): boolean {
  return n < k;
}

/**
 * Complementary suppression for one partition (a total and parts that add up to it,
 * since sum = mean x n). If exactly one part were hidden, subtraction would reveal it;
 * so while the total is shown and exactly one part is hidden (counting all parts, and
 * counting only non-empty parts), the smallest shown part is hidden too, or the total
 * when no part is left to hide. Mutates the cells' `suppressed` flags.
 * Returns true when it changed anything.
 */
export function protectPartition(total: Cell, parts: Cell[]): boolean {
  let changed = false;
  for (;;) {
    if (total.suppressed) return changed;
    let hidden = 0;
    let hiddenNonEmpty = 0;
    for (const p of parts) {
      if (!p.suppressed) continue;
      hidden++;
      if (p.n > 0) hiddenNonEmpty++;
    }
    if (hidden !== 1 && hiddenNonEmpty !== 1) return changed;
    let smallest: Cell | undefined;
    for (const p of parts) {
      if (p.suppressed) continue;
      if (!smallest || p.n < smallest.n || (p.n === smallest.n && p.name < smallest.name)) smallest = p;
    }
    if (smallest) smallest.suppressed = true;
    else total.suppressed = true;
    changed = true;
  }
}
