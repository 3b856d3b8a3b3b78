import { belowK, DEFAULT_TRANSITION_K } from '../../domain/anonymity';
import { FAMILIES_WORKGROUP_ID } from '../../domain/model/family';
import { transitionTypeSchema, type TransitionCheck, type TransitionType } from '../../domain/model/transition';
import type { Bands } from '../../domain/figures';
import { DEFAULT_BANDS, DEFAULT_MIN_ITEMS } from '../../domain/scoring';
import type { ShownFigure } from '../../domain/shown-figure';
import { rcBetween, sampleFigure } from '../../domain/transition-figures';
import type { TransitionDeps } from './transition-deps';
import { checkScope } from './transition-staff';

/**
 * The collaborative's transition checks at a glance, for the tab: how many, their team RC over
 * time, and the share whose team RC was weak, by type. It names no check's reference. Family
 * answers appear only as the families' view by calendar month, once the month is over (so the
 * figure never grows: no differencing over time), over at least k answers, and only when the
 * answers counted only in an overall figure number none or at least k (so subtracting the
 * checks' shared family views never gives back fewer than k of them). A month any of whose
 * checks has had its family answers deleted shows none (the figure would otherwise change).
 */

export interface TransitionsSummaryView {
  k: number;
  total: number;
  open: number;
  closed: number;
  byType: { type: TransitionType; checks: number; open: number; closed: number; withTeamRc: number; weak: number; weakShare: number | null }[];
  overTime: { closedOn: string; type: TransitionType; teamRc: ShownFigure | null }[];
  familyByMonth: { month: string; figure: ShownFigure | null }[];
}

const monthOf = (iso: string) => iso.slice(0, 7);

/** The first instant after the month `yyyy-mm` (UTC). */
function monthEnd(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1));
}

/** The families' view of one finished month (see above). */
async function familyMonth(deps: Pick<TransitionDeps, 'storage'>, checks: readonly TransitionCheck[], k: number, bands: Bands): Promise<ShownFigure | null> {
  if (checks.some((c) => c.familyDeletedAt)) return null;
  const responses = (await Promise.all(checks.map((c) => deps.storage.responses.list(checkScope(c))))).flat();
  const family = responses.filter((r) => r.respondentWorkgroupId === FAMILIES_WORKGROUP_ID);
  const scored = family.flatMap((r) => {
    const rc = rcBetween(r, DEFAULT_MIN_ITEMS);
    return rc === undefined ? [] : [{ rc, overallOnly: r.familySharing !== 'shared_with_team' }];
  });
  const overallOnly = scored.filter((s) => s.overallOnly).length;
  if (overallOnly > 0 && belowK(overallOnly, k)) return null;
  return sampleFigure(scored.map((s) => s.rc), k, bands);
}

/** The summary of a collaborative's checks (a read: it writes nothing). */
export async function transitionsSummary(deps: Pick<TransitionDeps, 'storage' | 'clock'>, collaborativeId: string): Promise<TransitionsSummaryView> {
  const checks = await deps.storage.transitions.list(collaborativeId);
  const k = DEFAULT_TRANSITION_K;
  const closed = checks.filter((c) => c.status === 'closed' && c.publication && c.closedAt);
  const byType = transitionTypeSchema.options.map((type) => {
    const ofType = checks.filter((c) => c.type === type);
    const figures = closed.filter((c) => c.type === type && c.publication!.teamRc);
    const weak = figures.filter((c) => c.publication!.teamRc!.band === 'weak').length;
    return {
      type,
      checks: ofType.length,
      open: ofType.filter((c) => c.status === 'open').length,
      closed: ofType.filter((c) => c.status === 'closed').length,
      withTeamRc: figures.length,
      weak,
      weakShare: figures.length > 0 ? weak / figures.length : null,
    };
  });
  const overTime = [...closed]
    .sort((a, b) => (a.closedAt! < b.closedAt! ? -1 : 1))
    .map((c) => ({ closedOn: c.closedAt!.slice(0, 10), type: c.type, teamRc: c.publication!.teamRc }));

  const now = deps.clock();
  const months = [...new Set(closed.map((c) => monthOf(c.closedAt!)))].filter((m) => monthEnd(m) <= now).sort();
  const familyByMonth = await Promise.all(
    months.map(async (month) => ({ month, figure: await familyMonth(deps, closed.filter((c) => monthOf(c.closedAt!) === month), k, DEFAULT_BANDS) })),
  );
  return {
    k,
    total: checks.length,
    open: checks.filter((c) => c.status === 'open').length,
    closed: checks.filter((c) => c.status === 'closed').length,
    byType,
    overTime,
    familyByMonth,
  };
}
