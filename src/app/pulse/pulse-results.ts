import type { ResultsView } from '../../cards/results-card';
import type { Collaborative } from '../../domain/model/collaborative';
import { effectiveK, type Pulse } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { memberOrFacilitator } from '../access-rules';
import type { Actor, MemberDirectory } from '../ports';
import { resultsViewOf } from './pulse-figures';
import { NoPulseError, scopeOf } from './pulse-lookup';
import { finalSnapshot, openPublication, type PublishDeps } from './publish-results';

export interface PulseResultsDeps extends PublishDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list'>;
  deliveries: Pick<Storage['deliveries'], 'list'>;
  releasePending: Storage['releasePending'];
  members: MemberDirectory;
}

export interface PulseResultsOptions {
  /** Deep link to the results tab, for the card's button. */
  tabUrl: string;
  /** A particular pulse; when absent, see pulseResults. */
  pulseId?: string;
}

async function closedView(deps: PulseResultsDeps, pulse: Pulse, collaborative: Collaborative, tabUrl: string): Promise<ResultsView> {
  const scope = scopeOf(pulse);
  const k = effectiveK(pulse, collaborative.k);
  // Normally a no-op: finishes the work of a close that stopped half-way (a crash, a restart).
  await deps.releasePending(scope, { k, force: true, now: deps.clock() });
  const [snapshot, deliveries] = await Promise.all([finalSnapshot(deps, pulse, collaborative), deps.deliveries.list(scope)]);
  return resultsViewOf({ pulse, k, invited: deliveries.length, tabUrl, snapshot, respondents: snapshot.respondents });
}

/**
 * The results summary (for anyone on the collaborative's list, and its facilitators):
 * - an open pulse with published figures: its latest publication, "as of N responses",
 *   published again only when the snapshot rule allows (at least k more responses);
 * - otherwise the latest closed pulse's final figures;
 * - otherwise the open pulse with every figure hidden ("too few so far").
 * NoPulseError when the collaborative has no pulse yet.
 */
export async function pulseResults(
  deps: PulseResultsDeps,
  actor: Actor,
  collaborativeId: string,
  options: PulseResultsOptions,
): Promise<ResultsView> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await memberOrFacilitator(deps.members, collaborative, actor);
  const pulses = (await deps.pulses.list(collaborativeId)).filter(
    (p) => p.kind === 'survey' && p.status !== 'draft' && (!options.pulseId || p.id === options.pulseId),
  );
  const open = pulses.find((p) => p.status === 'open');
  const closed = pulses.find((p) => p.status === 'closed');

  if (open) {
    const publication = await openPublication(deps, open, collaborative);
    if (publication.snapshot || !closed) {
      const invited = (await deps.deliveries.list(scopeOf(open))).length;
      return resultsViewOf({ pulse: open, k: effectiveK(open, collaborative.k), invited, tabUrl: options.tabUrl, ...publication });
    }
  }
  if (closed) return closedView(deps, closed, collaborative, options.tabUrl);
  throw new NoPulseError(
    options.pulseId ? 'That pulse could not be found.' : 'There are no results yet: no pulse has been started. A facilitator can start one with "pulse start".',
    `no pulse ${options.pulseId ?? '(any)'} in ${collaborativeId}`,
  );
}
