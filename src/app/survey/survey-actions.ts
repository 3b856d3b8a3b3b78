import { PULSE_CANCELLED_MESSAGE } from '../../domain/pulse-lifecycle';
import { respondentWorkgroupIds } from '../../domain/model/pulse-scope';
import type { CardAction, CardActionData } from '../../cards/card-verbs';
import { alreadyAnsweredCard, pulseClosedCard, savedForLaterCard } from '../../cards/message-cards';
import { ForbiddenError } from '../../domain/errors';
import type { DraftInput } from '../../domain/model/draft';
import { AlreadySubmittedError } from '../../domain/model/ledger-entry';
import type { PartialRatings } from '../../domain/model/ratings';
import { ConcurrencyError } from '../../storage/storage-errors';
import { memberOrFacilitator } from '../access-rules';
import type { Actor } from '../ports';
import { CHOOSE_WORKGROUP_STEP, checkSurveyAction, missingAnswers } from './survey-flow';
import { groupsDone, stepCard } from './survey-step-cards';
import { loadSurveyState, positionOf, rejected, type SurveyDeps, type SurveyReply, type SurveyState, type TransitionSeat } from './survey-state';
import { scopeOf } from '../../domain/model/pulse';
import { submitSurvey } from './submit-survey';
import { FAMILIES_WORKGROUP_ID } from '../../domain/model/family';

/** The card actions of the survey conversation (the other verbs belong to facilitators). */
export type SurveyAction = Extract<CardAction, { verb: `survey.${string}` }>;

/** True for the verbs handleSurveyAction answers. */
export function isSurveyAction(action: CardAction): action is SurveyAction {
  return action.verb.startsWith('survey.');
}

const TAMPERED = 'Something on this card did not look right, so nothing was saved. Please use the most recent card from RC Pulse.';
const already = (): SurveyReply => ({ card: alreadyAnsweredCard(), outcome: 'already_answered' });

/** The current step again, for a card that was out of date; nothing from it is stored. */
function current(state: SurveyState): SurveyReply {
  return { card: stepCard(state, state.step), outcome: 'stale' };
}

/** Saves the draft at a new step (and ledger progress) and shows that step. */
async function moveTo(
  deps: SurveyDeps,
  state: SurveyState,
  step: number,
  changes: { respondentWorkgroupId?: string; ratings?: PartialRatings } = {},
): Promise<SurveyReply> {
  const own = changes.respondentWorkgroupId ?? state.ownWorkgroupId;
  const ratings = changes.ratings ?? state.ratings;
  const draft: DraftInput = { ...state.ref, step, ratings, ...(own ? { respondentWorkgroupId: own } : {}) };
  // With the draft's ETag: of two devices moving at once, one wins and the other is shown where it stands.
  await deps.submissions.saveProgress(draft, state.draft);
  const next = { ...state, ratings, ...(own ? { ownWorkgroupId: own } : {}) };
  return { card: stepCard(next, step), outcome: 'step' };
}

function chooseWorkgroup(deps: SurveyDeps, state: SurveyState, data: CardActionData<'survey.chooseWorkgroup'>): Promise<SurveyReply> | SurveyReply {
  // Older clients skip the required check: ask again, kindly.
  if (!data.workgroupId) return { card: stepCard(state, CHOOSE_WORKGROUP_STEP, { showMissingError: true }), outcome: 'missing' };
  // Families answer through their links: a member of staff cannot answer as one.
  if (!respondentWorkgroupIds(state.pulse).includes(data.workgroupId) || data.workgroupId === FAMILIES_WORKGROUP_ID) return rejected(TAMPERED);
  return moveTo(deps, state, 1, { respondentWorkgroupId: data.workgroupId });
}

function answerGroup(deps: SurveyDeps, state: SurveyState, data: CardActionData<'survey.answerGroup'>): Promise<SurveyReply> | SurveyReply {
  const missing = missingAnswers(data.answers);
  if (missing.length > 0) {
    // The same step with what they did answer kept on the card; nothing stored until all seven are in.
    return { card: stepCard(state, state.step, { answers: data.answers, missing }), outcome: 'missing' };
  }
  return moveTo(deps, state, state.step + 1, { ratings: { ...state.ratings, [data.targetId]: data.answers } });
}

function back(deps: SurveyDeps, state: SurveyState): Promise<SurveyReply> | SurveyReply {
  if (state.step === CHOOSE_WORKGROUP_STEP || !state.draft) return { card: stepCard(state, CHOOSE_WORKGROUP_STEP), outcome: 'step' };
  return moveTo(deps, state, state.step - 1);
}

function saveForLater(state: SurveyState): SurveyReply {
  // Every finished step is in the draft already; the card only says so and offers a way back.
  const card = savedForLaterCard({
    collaborativeId: state.pulse.collaborativeId,
    pulseId: state.pulse.id,
    groupsDone: groupsDone(state),
    total: state.targets.length,
    ...(state.pulse.closesAt ? { closesAt: state.pulse.closesAt } : {}),
  });
  return { card, outcome: 'saved_for_later' };
}

async function dispatch(deps: SurveyDeps, state: SurveyState, action: SurveyAction): Promise<SurveyReply> {
  switch (action.verb) {
    case 'survey.chooseWorkgroup':
      return chooseWorkgroup(deps, state, action.data);
    case 'survey.answerGroup':
      return answerGroup(deps, state, action.data);
    case 'survey.back':
      return back(deps, state);
    case 'survey.saveForLater':
      return saveForLater(state);
    case 'survey.resume':
      return { card: stepCard(state, state.step), outcome: 'step' };
    case 'survey.submit':
      return submitSurvey(deps, state);
  }
}

/**
 * Answers one press of a survey card button with the card to show in its place:
 * validate (the pulse is open, the person may answer, the card is the current one) -> load
 * their draft -> decide and save the step -> the next card. A closed pulse answers with the
 * "closed" card; a second submission with "already answered"; an out-of-date card with the
 * current step; a tampered one with a friendly error. Nothing is stored in those cases.
 * `collaborativeId` is the collaborative the card names (or, for an old card, collaborativeOfOldCard found).
 */
export async function handleSurveyAction(
  deps: SurveyDeps,
  actor: Actor,
  collaborativeId: string,
  action: SurveyAction,
): Promise<SurveyReply> {
  // Independent reads, side by side: every press of every card waits for them.
  const [{ value: collaborative }, found] = await Promise.all([
    deps.collaboratives.get(collaborativeId),
    deps.pulses.find(collaborativeId, action.data.pulseId),
  ]);
  // A transition check's cards are answered only where its seats are wired (transition-seats.ts).
  const answerable = found && (found.value.kind === 'survey' || (found.value.kind === 'transition' && deps.transitionSeats));
  if (!found || !answerable) return rejected('This survey could not be found. It may have been removed; nothing was saved.');
  const pulse = found.value;
  if (pulse.status === 'closed') {
    return { card: pulseClosedCard({ focalProcess: pulse.focalProcess, ...(pulse.closedAt ? { closedAt: pulse.closedAt } : {}) }), outcome: 'closed' };
  }
  if (pulse.status === 'cancelled') return rejected(PULSE_CANCELLED_MESSAGE);
  if (pulse.status !== 'open') return rejected('This pulse has not opened yet, so nothing was saved.');

  let rosterWorkgroupId: string | undefined;
  let seat: TransitionSeat | undefined;
  if (pulse.kind === 'transition') {
    // Only the staff the check names answer it, each for the role it gives them, whether or
    // not they are on the collaborative's list (staff from any Trust, guests too).
    seat = await deps.transitionSeats!.seat(scopeOf(pulse), actor.aadObjectId);
    if (!seat) return rejected('This transition check is answered only by the staff it names, so nothing was saved.');
  } else {
    try {
      rosterWorkgroupId = (await memberOrFacilitator(deps.members, collaborative, actor))?.workgroupId;
    } catch (error) {
      if (error instanceof ForbiddenError) return rejected(error.userMessage);
      throw error;
    }
  }

  const load = () => loadSurveyState(deps, collaborative, pulse, actor.aadObjectId, rosterWorkgroupId, seat);
  const { state, finished } = await load();
  if (finished) return already();
  const check = checkSurveyAction(action, positionOf(state));
  if (!check.ok) return check.reason === 'stale_step' ? current(state) : rejected(check.userMessage);

  try {
    return await dispatch(deps, state, action);
  } catch (error) {
    if (error instanceof AlreadySubmittedError) return already();
    if (!(error instanceof ConcurrencyError)) throw error;
    // Another device (or a double click) changed their place meanwhile: show where they now are.
    const again = await load();
    return again.finished ? already() : current(again.state);
  }
}
