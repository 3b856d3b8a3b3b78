import { pulseClosedCard, thankYouCard } from '../../cards/message-cards';
import { DIMENSIONS } from '../../domain/instrument';
import { AlreadySubmittedError } from '../../domain/model/ledger-entry';
import { dayOf } from '../../domain/model/primitives';
import { ConcurrencyError, StorageError } from '../../storage/storage-errors';
import { AnswersClosedError } from '../../storage/submission-intake';
import type { Ratings, TargetRatings } from '../../domain/model/ratings';
import type { Response } from '../../domain/model/response';
import { stepCard } from './survey-step-cards';
import type { SurveyDeps, SurveyReply, SurveyState } from './survey-state';
import { scopeOf } from '../../domain/model/pulse';

/**
 * The stored response: the chosen workgroup, the ratings, the day. Nothing about the person.
 * An item left out reads as "no answer" (null), as the review card said it would; a group
 * with no answers at all is left out.
 */
export function responseFrom(state: SurveyState, day: string): Response | undefined {
  if (!state.ownWorkgroupId) return undefined;
  const ratings: Ratings = {};
  for (const target of state.targets) {
    const answers = state.ratings[target.id];
    if (!answers || Object.keys(answers).length === 0) continue;
    ratings[target.id] = Object.fromEntries(DIMENSIONS.map((d) => [d, answers[d] ?? null])) as TargetRatings;
  }
  if (Object.keys(ratings).length === 0) return undefined;
  return { ...scopeOf(state.pulse), respondentWorkgroupId: state.ownWorkgroupId, ratings, day };
}

/**
 * After a submit: release waiting responses once at least k wait. A submit that committed
 * while the pulse was closing is counted by the close itself: the close seals the intake and
 * only then releases everything waiting. A failure here loses nothing, the answers wait
 * safely, so it is logged and the person still gets their thank-you.
 */
async function releaseAfterSubmit(deps: SurveyDeps, state: SurveyState): Promise<void> {
  const scope = scopeOf(state.pulse);
  try {
    await deps.releasePending(scope, { k: state.k, now: deps.clock() });
  } catch (error) {
    deps.log.warn('releasing pending responses after a submit failed; the next submit or the close retries', {
      pulseId: scope.pulseId,
      error: String(error),
    });
  }
}

/**
 * After a transition check's staff member submits: the check closes (and publishes) once
 * everyone invited has answered. A failure loses nothing (the window's end closes it), so it
 * is logged and the person still gets their thank-you.
 */
async function transitionAnswered(deps: SurveyDeps, state: SurveyState): Promise<void> {
  try {
    await deps.transitionSeats?.answered(scopeOf(state.pulse));
  } catch (error) {
    deps.log.warn('closing a transition check after its last answer failed; its window still closes it', { pulseId: state.pulse.id, error: String(error) });
  }
}

/** The "closed" card for a pulse: its answers can't be added. */
function closedCard(pulse: { focalProcess: string; closedAt?: string | undefined }): SurveyReply {
  return { card: pulseClosedCard({ focalProcess: pulse.focalProcess, ...(pulse.closedAt ? { closedAt: pulse.closedAt } : {}) }), outcome: 'closed' };
}

/** The "closed" card when the pulse has closed, read afresh. */
async function closedReply(deps: SurveyDeps, state: SurveyState): Promise<SurveyReply | undefined> {
  const now = (await deps.pulses.find(state.ref.collaborativeId, state.ref.pulseId))?.value;
  return now?.status === 'closed' ? closedCard(now) : undefined;
}

/**
 * Submit: exactly once per person per pulse, and never into a closed pulse. The storage
 * layer finishes the ledger entry, adds the response (no identity, random key) to the
 * pending area, deletes the draft and checks the pulse's intake is still open in ONE
 * transaction guarded by ETags, so a double click, a retried invoke or two devices store one
 * response (the loser gets AlreadySubmittedError, handled by the caller), and a submit that
 * arrives once the close has sealed the intake stores nothing and is told, kindly, that the
 * pulse has closed: figures are computed once, and no answer may change them afterwards.
 */
export async function submitSurvey(deps: SurveyDeps, state: SurveyState): Promise<SurveyReply> {
  const response = responseFrom(state, dayOf(deps.clock()));
  if (!response) return { card: stepCard(state, state.step), outcome: 'stale' };
  // Read again just before storing: the pulse may have closed while the person was answering
  // (the timed close, or a facilitator). A close in the last milliseconds is caught by the
  // intake check inside the submit's own transaction.
  const closed = await closedReply(deps, state);
  if (closed) return closed;
  try {
    await deps.submissions.submit(state.ref, response);
  } catch (error) {
    if (error instanceof AnswersClosedError) return (await closedReply(deps, state)) ?? closedCard(state.pulse);
    // The close deleted the draft while this submit was on its way: the transaction fails
    // whole (nothing stored), and the person is told the pulse has closed.
    const lostToClose = (error instanceof ConcurrencyError || (error instanceof StorageError && error.code === 'storage_not_found')) && !(error instanceof AlreadySubmittedError);
    if (lostToClose) {
      const reply = await closedReply(deps, state);
      if (reply) return reply;
    }
    throw error;
  }
  await releaseAfterSubmit(deps, state);
  if (state.pulse.kind === 'transition') await transitionAnswered(deps, state);
  return { card: thankYouCard({ k: state.k }), outcome: 'submitted' };
}
