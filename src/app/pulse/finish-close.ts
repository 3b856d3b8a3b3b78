import { resultsCard, type ResultsView } from '../../cards/results-card';
import type { Collaborative } from '../../domain/model/collaborative';
import { type Pulse, pulseMethod, scopeOf } from '../../domain/model/pulse';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import { recordAudit } from '../audit';
import type { AuditActor, CardSender, Logger, SendOutcome } from '../ports';
import { sendWithRetries } from '../../delivery/send-retry';
import { publishFinalResults, type PublishDeps } from './publish-results';
import { resultsViewOf } from './pulse-figures';

/** What closing needs, whoever closes: a facilitator, or the timed close at `closes at`. */
export interface FinishCloseDeps extends PublishDeps {
  pulses: Pick<Storage['pulses'], 'get' | 'advance' | 'modify'>;
  submissions: Pick<Storage['submissions'], 'deleteDrafts' | 'advanceIntake' | 'listLedger'>;
  audit: Pick<Storage['audit'], 'record'>;
  jobs: Pick<Storage['jobs'], 'claimOnce'>;
  releasePending: Storage['releasePending'];
  sender: CardSender;
  log: Logger;
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

/** Moves the pulse open -> closed; of two closes at once one wins, and the other carries on with its result. */
async function closeRow(deps: FinishCloseDeps, pulse: Pulse): Promise<{ closed: Pulse; alreadyClosed: boolean }> {
  if (pulse.status === 'closed') return { closed: pulse, alreadyClosed: true };
  try {
    return { closed: (await deps.pulses.advance(await deps.pulses.get(pulse.collaborativeId, pulse.id), 'closed', deps.clock().toISOString())).value, alreadyClosed: false };
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    const closed = (await deps.pulses.get(pulse.collaborativeId, pulse.id)).value;
    if (closed.status !== 'closed') throw error;
    return { closed, alreadyClosed: true }; // someone else closed it a moment ago
  }
}

/** Marks the pulse's figures final (once): from now on every read shows them, and nothing changes them. */
async function markFinal(deps: FinishCloseDeps, pulse: Pulse): Promise<Pulse> {
  if (pulse.figuresFinalAt) return pulse;
  const at = deps.clock().toISOString();
  try {
    return (await deps.pulses.modify(pulse.collaborativeId, pulse.id, (p) => (p.figuresFinalAt ? p : { ...p, figuresFinalAt: at }))).value;
  } catch (error) {
    // Another close marked it between our read and write: theirs stands.
    if (!(error instanceof ConcurrencyError)) throw error;
    return (await deps.pulses.get(pulse.collaborativeId, pulse.id)).value;
  }
}

/**
 * Closes a pulse, or finishes closing it, safe to run again at any point:
 * moves it open -> closed (of two closes at once, one wins; new submits now see it closed) ->
 * seals its intake, so no submit can commit from now on (one that committed before is in the
 * pending area) -> releases every pending response (forced, however few) -> deletes the
 * drafts of people who never submitted (a draft keeps answers next to a respondent key) ->
 * computes the final figures and response rates ONCE and stores them -> marks the intake and
 * the pulse final -> audit -> posts the results summary in the channel ONCE, whoever closed
 * it (figures below k read "fewer than k", and with fewer than k answers the card says too
 * few answered). Until the pulse is marked final, every read says its figures are being
 * prepared; a close that stopped half-way is finished by running it again.
 */
export async function finishClose(deps: FinishCloseDeps, collaborative: Collaborative, pulse: Pulse, by: AuditActor, tabUrl: string): Promise<CloseOutcome> {
  const scope = scopeOf(pulse);
  const { k } = pulseMethod(pulse, collaborative.k);
  const { closed: closedRow, alreadyClosed } = await closeRow(deps, pulse);
  await deps.submissions.advanceIntake(scope, 'sealed', deps.clock().toISOString());
  await deps.releasePending(scope, { k, force: true, now: deps.clock() });
  const draftsDeleted = await deps.submissions.deleteDrafts(scope);

  const [{ snapshot }, deliveries] = await Promise.all([publishFinalResults(deps, closedRow, collaborative), deps.deliveries.list(scope)]);
  await deps.submissions.advanceIntake(scope, 'final', deps.clock().toISOString());
  const closed = await markFinal(deps, closedRow);
  const results = resultsViewOf({ pulse: closed, k, invited: deliveries.length, tabUrl, snapshot });
  if (!alreadyClosed) {
    // Dated when the pulse closed, not when this entry is written.
    const closedAt = () => (closed.closedAt ? new Date(closed.closedAt) : deps.clock());
    await recordAudit({ storage: deps, clock: closedAt, actor: by }, collaborative.id, 'pulse.closed', closed.id, {
      respondents: snapshot.respondents,
      invited: deliveries.length,
      draftsDeleted,
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
