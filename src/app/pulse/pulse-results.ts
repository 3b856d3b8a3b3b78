import type { ResultsView } from '../../cards/results-card';
import type { Collaborative } from '../../domain/model/collaborative';
import { effectiveK, figuresFinal, type Pulse, scopeOf } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import { memberOrFacilitator } from '../access-rules';
import type { Actor, MemberDirectory } from '../ports';
import { resultsViewOf } from './pulse-figures';
import { namesPulse, NoPulseError } from './pulse-lookup';

export interface PulseResultsDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list'>;
  deliveries: Pick<Storage['deliveries'], 'countByStatus'>;
  snapshots: Pick<Storage['snapshots'], 'latest'>;
  submissions: Pick<Storage['submissions'], 'countFinished'>;
  responses: Pick<Storage['responses'], 'count'>;
  members: MemberDirectory;
}

export interface PulseResultsOptions {
  /** Deep link to the results tab, for the card's button. */
  tabUrl: string;
  /** A particular pulse; when absent, see pulseResults. */
  pulseId?: string;
}

/**
 * People who have answered a pulse so far: who finished (the ledger), or the released
 * responses of a pulse loaded without a ledger. Never the pending area by workgroup.
 */
async function answeredSoFar(deps: PulseResultsDeps, pulse: Pulse): Promise<number> {
  const scope = scopeOf(pulse);
  const [finished, released] = await Promise.all([deps.submissions.countFinished(scope), deps.responses.count(scope)]);
  return Math.max(finished, released);
}

/** A pulse as the card shows it: the final figures once stored, otherwise progress only. Reads only. */
async function viewOf(deps: PulseResultsDeps, pulse: Pulse, collaborative: Collaborative, tabUrl: string): Promise<ResultsView> {
  const scope = scopeOf(pulse);
  const k = effectiveK(pulse, collaborative.k);
  const final = figuresFinal(pulse);
  const [snapshot, sent, answered] = await Promise.all([
    final ? deps.snapshots.latest(scope) : undefined,
    deps.deliveries.countByStatus(scope),
    final ? undefined : answeredSoFar(deps, pulse),
  ]);
  const invited = Object.values(sent).reduce((a, b) => a + b, 0);
  return resultsViewOf({ pulse, k, invited, tabUrl, ...(snapshot ? { snapshot } : {}), ...(answered !== undefined ? { answered } : {}) });
}

/**
 * The results summary (for anyone on the collaborative's list, and its facilitators): the
 * pulse asked for, else the latest closed pulse's final figures, else the open pulse's
 * progress. Figures are published once, when a pulse closes, so an open pulse shows how many
 * have answered (under the k rule) and when its figures will appear; a closed pulse whose
 * close has not finished says its figures are being prepared. Reads only: the close job owns
 * publishing. NoPulseError when the collaborative has no pulse yet.
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
    (p) => p.kind === 'survey' && p.status !== 'draft' && (!options.pulseId || namesPulse(p, options.pulseId)),
  );
  const pulse = pulses.find((p) => p.status === 'closed') ?? pulses.find((p) => p.status === 'open');
  if (pulse) return viewOf(deps, pulse, collaborative, options.tabUrl);
  throw new NoPulseError(
    options.pulseId ? 'That pulse could not be found.' : 'There are no results yet: no pulse has been started. A facilitator can start one with "pulse start".',
    `no pulse ${options.pulseId ?? '(any)'} in ${collaborativeId}`,
  );
}
