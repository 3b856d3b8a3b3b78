/* Pure: no DOM, so unit tests can check it. */
import type { TransitionType } from '../../../src/domain/model/transition';
import type { ShownFigure } from '../../../src/domain/shown-figure';

/**
 * How the Transitions view words the server's summary of a collaborative's checks (counts,
 * team RC over time, the share that were weak by type). The server counts; the tab only
 * words and draws, so the view can never show more than the server decided to send.
 */

export const TYPE_LABELS: Record<TransitionType, string> = { admission: 'Admission', discharge: 'Discharge', transfer: 'Transfer' };

/** A type's row of the summary (the contract's byType entries). */
export interface TypeRow {
  checks: number;
  withTeamRc: number;
  weak: number;
  weakShare: number | null;
}

/** "2 of 5 (40%)", or "none with a figure yet". */
export function weakShareText(row: TypeRow): string {
  if (row.weakShare === null || row.withTeamRc === 0) return 'none with a figure yet';
  return `${row.weak} of ${row.withTeamRc} (${Math.round(row.weakShare * 100)}%)`;
}

/** The whole collaborative's row, added up from the types' rows. */
export function allTypes(rows: readonly TypeRow[]): TypeRow {
  const withTeamRc = rows.reduce((s, r) => s + r.withTeamRc, 0);
  const weak = rows.reduce((s, r) => s + r.weak, 0);
  return { checks: rows.reduce((s, r) => s + r.checks, 0), withTeamRc, weak, weakShare: withTeamRc > 0 ? weak / withTeamRc : null };
}

/** A point of the chart: a closed check whose team RC is shown. */
export interface ShownPoint {
  id: string;
  type: TransitionType;
  closedAt: string;
  mean: number;
  band: ShownFigure['band'];
}

/** The chart's points from the summary's "over time" list (oldest first), leaving out checks with too few answers. */
export function shownPoints(overTime: readonly { closedOn: string; type: TransitionType; teamRc: ShownFigure | null }[]): ShownPoint[] {
  return overTime.flatMap((c, i) => (c.teamRc ? [{ id: `check-${i + 1}`, type: c.type, closedAt: c.closedOn, mean: c.teamRc.mean, band: c.teamRc.band }] : []));
}
