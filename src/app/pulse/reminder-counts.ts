import { protectPartition, type Cell } from '../../domain/anonymity';

/**
 * The counts a reminder's reply may show (rc-measurement.md section 4, "progress without
 * linking"). The facilitator knows how many were invited (the status card shows it), and only
 * people who have not answered are reminded: so the invited split into reminded, could not be
 * reminded just now (failed) and left out (answered, or removed the app) is a partition like
 * any published figures'. A part below k reads "fewer than k", and when that leaves exactly one
 * part to be worked out by subtraction, another is hidden too. "Invited - reminded" therefore
 * never gives a count from 1 to k-1. A part of 0 tells nothing about anyone and is shown.
 */

/** A count as a reply may show it: exactly, as "fewer than k", or not at all. */
export type ShownCount = { n: number } | { fewerThan: number } | { hidden: true };

/** How one reminder round split the people invited. */
export interface ReminderSplit {
  invited: number;
  reminded: number;
  failed: number;
}

/** The reminded and failed counts as the reply may show them, under the pulse's k. */
export function shownReminderCounts(split: ReminderSplit, k: number): { reminded: ShownCount; failed: ShownCount } {
  const leftOut = Math.max(0, split.invited - split.reminded - split.failed);
  const cell = (name: string, n: number): Cell => ({ name, n, suppressed: n > 0 && n < k });
  const reminded = cell('reminded', split.reminded);
  const failed = cell('failed', split.failed);
  // The total is shown on the status card: it is never what gets hidden here.
  const total: Cell = { name: 'invited', n: split.invited, suppressed: false };
  protectPartition(total, [reminded, failed, cell('left out', leftOut)]);
  const shown = (c: Cell): ShownCount => (!c.suppressed || c.n === 0 ? { n: c.n } : c.n < k ? { fewerThan: k } : { hidden: true });
  return { reminded: shown(reminded), failed: shown(failed) };
}
