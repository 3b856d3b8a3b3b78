import type { ClosePulseConfirmView } from '../../cards/pulse-status-card';
import { resultsCard, type ResultsView } from '../../cards/results-card';
import { effectiveK, type Pulse } from '../../domain/model/pulse';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import { assertFacilitator } from '../access-rules';
import type { Actor, CardSender, Logger, MemberDirectory, SendOutcome } from '../ports';
import { resultsViewOf } from './pulse-figures';
import { currentPulse, NoPulseError, scopeOf } from './pulse-lookup';
import { finalSnapshot, type PublishDeps } from './publish-results';

export interface ClosePulseDeps extends PublishDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get'>;
  pulses: Pick<Storage['pulses'], 'list' | 'get' | 'transition'>;
  deliveries: Pick<Storage['deliveries'], 'list'>;
  submissions: Pick<Storage['submissions'], 'listLedger'>;
  audit: Pick<Storage['audit'], 'record'>;
  releasePending: Storage['releasePending'];
  members: MemberDirectory;
  sender: CardSender;
  log: Logger;
}

export interface ClosePulseOptions {
  /** Closing is final: false asks first (the confirm card), true closes. */
  confirmed: boolean;
  /** The pulse the card was about; closing it again answers with its results, not an error. */
  pulseId?: string;
  /** Deep link to the results tab, for the channel card's button. */
  tabUrl: string;
}

export type ClosePulseResult =
  | { kind: 'confirm'; view: ClosePulseConfirmView }
  | {
      kind: 'closed';
      pulse: Pulse;
      /** The final figures, for the results card. */
      results: ResultsView;
      /** How posting the summary in the channel went; absent when it was closed already. */
      channel?: SendOutcome;
      /** True when someone (or an earlier click) had closed it already: nothing was posted again. */
      alreadyClosed: boolean;
    };

/**
 * Closes the open pulse (facilitators only): asks first unless confirmed -> releases every
 * pending response (forced, however few) -> moves it open -> closed -> releases again, so a
 * submission that was in flight during the close is counted, not stranded -> scores all
 * responses and stores them as the final snapshot -> audit -> posts the results summary in
 * the channel (figures below k read "fewer than k"). Of two closes at once, one posts.
 */
export async function closePulse(
  deps: ClosePulseDeps,
  actor: Actor,
  collaborativeId: string,
  options: ClosePulseOptions,
): Promise<ClosePulseResult> {
  const collaborative = (await deps.collaboratives.get(collaborativeId)).value;
  await assertFacilitator(deps.members, collaborative, actor, 'close a pulse');
  const pulse = await currentPulse(deps.pulses, collaborativeId, options.pulseId);
  if (pulse.status !== 'open' && !options.pulseId) {
    throw new NoPulseError('There is no open pulse to close.', `no open pulse in ${collaborativeId}`);
  }
  const scope = scopeOf(pulse);
  const k = effectiveK(pulse, collaborative.k);

  if (!options.confirmed && pulse.status === 'open') {
    const answered = (await deps.submissions.listLedger(scope)).filter((e) => e.status === 'finished').length;
    return { kind: 'confirm', view: { pulseId: pulse.id, focalProcess: pulse.focalProcess, answered, k } };
  }

  let closed = pulse;
  let alreadyClosed = pulse.status === 'closed';
  if (!alreadyClosed) {
    await deps.releasePending(scope, { k, force: true, now: deps.clock() });
    const at = deps.clock().toISOString();
    try {
      closed = (await deps.pulses.transition(await deps.pulses.get(collaborativeId, pulse.id), 'closed', at)).value;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      closed = (await deps.pulses.get(collaborativeId, pulse.id)).value;
      if (closed.status !== 'closed') throw error;
      alreadyClosed = true; // someone else closed it a moment ago: they post the summary
    }
  }
  // Again after the close: a submit that passed its "is it open?" check just before the
  // close may have committed after the first release. Harmless when nothing waits.
  await deps.releasePending(scope, { k, force: true, now: deps.clock() });

  const [snapshot, deliveries] = await Promise.all([finalSnapshot(deps, closed, collaborative), deps.deliveries.list(scope)]);
  const results = resultsViewOf({ pulse: closed, k, invited: deliveries.length, tabUrl: options.tabUrl, snapshot, respondents: snapshot.respondents });
  if (alreadyClosed) return { kind: 'closed', pulse: closed, results, alreadyClosed };

  await deps.audit.record({
    collaborativeId,
    at: closed.closedAt ?? deps.clock().toISOString(),
    actorId: actor.aadObjectId,
    ...(actor.displayName ? { actorName: actor.displayName } : {}),
    action: 'pulse.closed',
    subject: closed.id,
    details: { respondents: snapshot.respondents, invited: deliveries.length },
  });
  let channel: SendOutcome;
  try {
    channel = await deps.sender.sendToChannel(collaborative, resultsCard(results));
  } catch (error) {
    // The pulse is closed and its figures stored; only the announcement failed.
    deps.log.warn('posting the results in the channel failed', { pulseId: closed.id, error: String(error) });
    channel = { status: 'failed' };
  }
  return { kind: 'closed', pulse: closed, results, channel, alreadyClosed: false };
}
