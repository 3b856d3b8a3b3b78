import { IllegalStateError } from '../../domain/errors';
import { figuresFinal, type Pulse } from '../../domain/model/pulse';
import { buildSenseMaking, type SenseMakingView } from '../../domain/sense-making';
import { visiblePulse } from './collaborative-view';
import { compareView, type CompareDeps } from './compare-view';
import { pulseResultsView, type ResultsDeps } from './results-view';
import type { CollaborativeAccess } from './collaborative-access';

/**
 * "Talk it through": the steps a workshop (or a Teams meeting) goes through on a closed
 * pulse's published figures, with the clear changes since the collaborative's previous
 * closed survey pulse when there is one. Built from the figures the close published, so it
 * says nothing the results tab does not already show.
 */

export type TalkDeps = ResultsDeps & CompareDeps & { pulses: ResultsDeps['pulses'] & CompareDeps['pulses'] & { list(collaborativeId: string): Promise<Pulse[]> } };

/** The view, the pulse it is about, the one it was compared with (if any) and the k applied. */
export interface TalkItThroughView {
  pulse: Pulse;
  comparedWith: Pulse | null;
  k: number;
  view: SenseMakingView;
}

/** The latest closed survey pulse with final figures that closed before `pulse` did. */
function previousClosed(pulses: readonly Pulse[], pulse: Pulse): Pulse | undefined {
  const closedAt = (p: Pulse) => Date.parse(p.closedAt ?? '');
  return pulses
    .filter((p) => p.id !== pulse.id && p.kind === 'survey' && p.status === 'closed' && figuresFinal(p) && closedAt(p) < closedAt(pulse))
    .sort((a, b) => closedAt(b) - closedAt(a))[0];
}

/**
 * The "Talk it through" steps of a closed pulse. 409 `pulse_open` while it is open (figures
 * are published once, at close), `figures_preparing` while the close finishes, `no_figures`
 * when too few answered for any figure to be shown.
 */
export async function talkItThrough(deps: TalkDeps, access: CollaborativeAccess, pulseId: string): Promise<TalkItThroughView> {
  const results = await pulseResultsView(deps, access, pulseId);
  if (results.state === 'open') {
    throw new IllegalStateError(
      'This pulse is still open. Its figures are published when it closes, and then you can talk them through together.',
      `talk-it-through of open pulse ${pulseId}`,
      'pulse_open',
    );
  }
  if (results.state === 'preparing') {
    throw new IllegalStateError('The pulse has closed and its figures are being prepared. Please try again in a few minutes.', `talk-it-through of ${pulseId}: preparing`, 'figures_preparing');
  }
  if (results.state === 'no_figures') {
    throw new IllegalStateError(
      'Too few people answered this pulse for its figures to be shown, so there is nothing to talk through yet.',
      `talk-it-through of ${pulseId}: ${results.reason}`,
      'no_figures',
    );
  }
  const pulse = await visiblePulse(deps, access, pulseId);
  const earlier = previousClosed(await deps.pulses.list(access.collaborative.id), pulse);
  const compared = earlier ? await compareView(deps, access, pulse.id, earlier.id) : undefined;
  const { report, nameOf } = results.figures;
  const ids = new Set([...report.workgroups.map((w) => w.workgroup), ...report.ties.flatMap((t) => [t.from, t.to])]);
  const names = Object.fromEntries([...ids].map((id) => [id, nameOf(id)]));
  const view = buildSenseMaking({ report, names, ...(compared ? { compare: compared.report } : {}) });
  return { pulse, comparedWith: earlier ?? null, k: results.method.k, view };
}
