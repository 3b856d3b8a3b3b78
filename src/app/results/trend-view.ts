import { belowK } from '../../domain/anonymity';
import { shownFigures, type PublishedFigures } from '../../domain/figures';
import { figuresFinal, type Pulse, pulseMethod, scopeOf } from '../../domain/model/pulse';
import { askedTie, scopeKey } from '../../domain/model/pulse-scope';
import type { Storage } from '../../storage/storage';
import { workgroupNames } from '../pulse/pulse-lookup';
import { pulseList, visiblePulse, type CollaborativeViewDeps } from './collaborative-view';
import type { CollaborativeAccess } from './collaborative-access';

/**
 * A scope's figures over time: every closed survey pulse with the same participants and the
 * same targets as the chosen pulse, oldest first, each with its published (final) figures as
 * they were published, and the interventions' dates to mark on the time axis. Only published
 * figures are read, so nothing is revealed that each pulse's results did not already show.
 */

export interface TrendDeps extends CollaborativeViewDeps {
  pulses: CollaborativeViewDeps['pulses'] & Pick<Storage['pulses'], 'find'>;
  snapshots: Pick<Storage['snapshots'], 'latest'>;
  workgroups: Pick<Storage['workgroups'], 'list'>;
  interventions: Pick<Storage['interventions'], 'list'>;
}

/** One pulse on the trend: its published figures, or none when it had too few answers. */
export interface TrendPoint {
  pulse: Pulse;
  /** When its figures stand (its closing instant). */
  at: string;
  figures?: PublishedFigures;
}

/** An intervention's dates, for the time axis, and the ties it is meant to strengthen (none: dimensions only). */
export interface TrendMark {
  id: string;
  title: string;
  startOn?: string;
  completedAt?: string;
  ties: { from: string; to: string }[];
}

export interface TrendView {
  /** The pulse whose scope is followed. */
  scopePulse: Pulse;
  points: TrendPoint[];
  interventions: TrendMark[];
  nameOf(id: string): string;
}

/** The trend of the scope of `scopePulseId`, for the tab (the HTTP edge maps it to the contract). */
export async function trendView(deps: TrendDeps, access: CollaborativeAccess, scopePulseId: string): Promise<TrendView> {
  const scopePulse = await visiblePulse(deps, access, scopePulseId);
  const key = scopeKey(scopePulse);
  const c = access.collaborative;
  const [pulses, workgroups, interventions] = await Promise.all([pulseList(deps, access), deps.workgroups.list(c.id), deps.interventions.list(c.id)]);
  const same = pulses.filter((p) => p.kind === 'survey' && figuresFinal(p) && scopeKey(p) === key);
  const points = await Promise.all(
    same.map(async (pulse): Promise<TrendPoint> => {
      const snapshot = await deps.snapshots.latest(scopeOf(pulse));
      const at = pulse.closedAt ?? pulse.createdAt;
      // Below the pulse's k nothing was published, so nothing is shown here either.
      if (!snapshot || belowK(snapshot.respondents, pulseMethod(pulse, c.k).k)) return { pulse, at };
      return { pulse, at, figures: shownFigures(snapshot.figures) };
    }),
  );
  // Oldest first; pulses closed at the same instant in the order they were created.
  points.sort((a, b) => a.at.localeCompare(b.at) || a.pulse.createdAt.localeCompare(b.pulse.createdAt));
  const names = workgroupNames(workgroups);
  // Only what this scope could show the effect of: an intervention aimed at ties the scope
  // never asks about (another pathway's) would mark the axis for nothing. One aimed at
  // dimensions alone is for everyone, so it is marked on every scope's trend.
  const marks = interventions
    .map(({ value }) => value)
    .filter((i) => i.ties.length === 0 || i.ties.some((t) => askedTie(scopePulse, t.from, t.to)))
    .map((i) => ({
      id: i.id,
      title: i.title,
      ...(i.startOn ? { startOn: i.startOn } : {}),
      ...(i.completedAt ? { completedAt: i.completedAt } : {}),
      ties: i.ties.filter((t) => askedTie(scopePulse, t.from, t.to)).map((t) => ({ from: t.from, to: t.to })),
    }));
  return { scopePulse, points, interventions: marks, nameOf: (id) => names.get(id) ?? id };
}
