import { resultsCard, type ResultsView } from '../../cards/results-card';
import type { Collaborative } from '../../domain/model/collaborative';
import { effectiveK, type Pulse } from '../../domain/model/pulse';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import type { CardSender, Logger, SendOutcome } from '../ports';
import { sendWithRetries } from '../../delivery/send-retry';
import { resultsViewOf } from './pulse-figures';
import { scopeOf } from './pulse-lookup';
import { finalSnapshot, type PublishDeps } from './publish-results';

/** What closing needs, whoever closes: a facilitator, or the timed close at `closes at`. */
export interface FinishCloseDeps extends PublishDeps {
  pulses: Pick<Storage['pulses'], 'get' | 'transition'>;
  deliveries: Pick<Storage['deliveries'], 'list'>;
  submissions: Pick<Storage['submissions'], 'deleteDrafts'>;
  audit: Pick<Storage['audit'], 'record'>;
  jobs: Pick<Storage['jobs'], 'claimOnce'>;
  releasePending: Storage['releasePending'];
  sender: CardSender;
  log: Logger;
}

/** Who closed it, for the audit trail ('system' for the timed close). */
export interface Closer {
  actorId: string;
  actorName?: string;
}

/** What closing did. */
export interface CloseOutcome {
  pulse: Pulse;
  /** The final figures, for the results card. */
  results: ResultsView;
  /** How posting the summary in the channel went; absent when it had been posted already. */
  channel?: SendOutcome;
  /** True when someone (or an earlier click) had closed it already. */
  alreadyClosed: boolean;
}

/** The once-marker of a pulse's summary post in the channel. */
export const CLOSE_SUMMARY = 'close-summary';

/**
 * Closes a pulse, or finishes closing it, safe to run again at any point:
 * releases every pending response (forced, however few) -> moves it open -> closed (of two
 * closes at once, one wins) -> releases again, so a submission that raced the close is
 * counted, not stranded -> deletes the drafts of people who never submitted (a draft keeps
 * answers next to a respondent key) -> stores the final figures -> audit -> posts the results
 * summary in the channel ONCE, whoever closed it (figures below k read "fewer than k", and
 * with fewer than k answers the card says too few answered).
 */
export async function finishClose(deps: FinishCloseDeps, collaborative: Collaborative, pulse: Pulse, by: Closer, tabUrl: string): Promise<CloseOutcome> {
  const scope = scopeOf(pulse);
  const k = effectiveK(pulse, collaborative.k);
  let closed = pulse;
  let alreadyClosed = pulse.status === 'closed';
  if (!alreadyClosed) {
    await deps.releasePending(scope, { k, force: true, now: deps.clock() });
    try {
      closed = (await deps.pulses.transition(await deps.pulses.get(scope.collaborativeId, pulse.id), 'closed', deps.clock().toISOString())).value;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      closed = (await deps.pulses.get(scope.collaborativeId, pulse.id)).value;
      if (closed.status !== 'closed') throw error;
      alreadyClosed = true; // someone else closed it a moment ago
    }
  }
  // Again after the close: a submit that passed its "is it open?" check just before the
  // close may have committed after the first release. Harmless when nothing waits.
  await deps.releasePending(scope, { k, force: true, now: deps.clock() });
  const draftsDeleted = await deps.submissions.deleteDrafts(scope);

  const [snapshot, deliveries] = await Promise.all([finalSnapshot(deps, closed, collaborative), deps.deliveries.list(scope)]);
  const results = resultsViewOf({ pulse: closed, k, invited: deliveries.length, tabUrl, snapshot, respondents: snapshot.respondents });
  if (!alreadyClosed) {
    await deps.audit.record({
      collaborativeId: collaborative.id,
      at: closed.closedAt ?? deps.clock().toISOString(),
      actorId: by.actorId,
      ...(by.actorName ? { actorName: by.actorName } : {}),
      action: 'pulse.closed',
      subject: closed.id,
      details: { respondents: snapshot.respondents, invited: deliveries.length, draftsDeleted },
    });
  }
  // Marked before posting: a crash right after may lose the post, but nobody posts it twice.
  if (!(await deps.jobs.claimOnce(scope, CLOSE_SUMMARY, deps.clock().toISOString()))) return { pulse: closed, results, alreadyClosed };
  let channel: SendOutcome;
  try {
    channel = await sendWithRetries(() => deps.sender.sendToChannel(collaborative, resultsCard(results)), { attempts: 4, maxWaitMs: 5000 });
  } catch (error) {
    channel = { status: 'failed' };
    deps.log.warn('posting the results in the channel failed', { pulseId: closed.id, error: String(error) });
  }
  // The pulse is closed and its figures stored; only the announcement failed.
  if (channel.status !== 'sent') deps.log.warn('the results could not be posted in the channel', { pulseId: closed.id, status: channel.status, statusCode: channel.statusCode });
  return { pulse: closed, results, channel, alreadyClosed };
}
