import type { OrderedTarget, SurveyTarget } from '../../cards/survey-steps';
import type { CardAction, StepAnswers } from '../../cards/card-verbs';
import { DIMENSIONS, type Dimension } from '../../domain/instrument';

/**
 * The rules of the survey conversation: step 0 chooses your workgroup, steps 1..N rate one
 * target group each (your own group first), step N + 1 reviews, and Submit sends. The cards
 * only draw what these rules decide (the step a button carries, the order of the groups).
 */

export const CHOOSE_WORKGROUP_STEP = 0;

/**
 * The target groups in the order they are asked: your own group first (the within-group
 * tie is the easiest to answer, so it is a gentle start), then the others in pulse order.
 */
export function surveyTargets(targets: readonly SurveyTarget[], ownWorkgroupId: string | undefined): OrderedTarget[] {
  const own = targets.filter((t) => t.id === ownWorkgroupId);
  const others = targets.filter((t) => t.id !== ownWorkgroupId);
  return [...own, ...others].map((t) => ({ id: t.id, name: t.name, isOwnGroup: t.id === ownWorkgroupId }));
}

/** The step of the review card for a survey of `targetCount` groups. */
export function reviewStep(targetCount: number): number {
  return targetCount + 1;
}

/** The dimensions not yet answered ("Not applicable" counts as an answer). */
export function missingAnswers(answers: StepAnswers): Dimension[] {
  return DIMENSIONS.filter((d) => answers[d] === undefined);
}

/** Where a respondent is: the pulse, their current step, and the targets in survey order. */
export interface SurveyPosition {
  pulseId: string;
  step: number;
  targetIds: readonly string[];
}

export type SurveyCheck =
  | { ok: true }
  | { ok: false; reason: 'other_pulse' | 'stale_step' | 'unknown_target'; userMessage: string };

const STALE = 'This card was out of date, so nothing was saved from it. Here is where you are now.';
const TAMPERED = 'Something on this card did not look right, so nothing was saved. Please use the most recent card from RC Pulse.';

function expectedStep(action: CardAction, position: SurveyPosition): number | undefined {
  switch (action.verb) {
    case 'survey.chooseWorkgroup':
      return CHOOSE_WORKGROUP_STEP;
    case 'survey.submit':
      return reviewStep(position.targetIds.length);
    case 'survey.answerGroup':
    case 'survey.back':
    case 'survey.saveForLater':
      return position.step;
    default:
      return undefined;
  }
}

/**
 * Checks a survey action against where the respondent really is, so a card from an old
 * message, another device or another pulse cannot change answers. Pure: the use-case loads
 * the position (draft and pulse) and re-shows the current step when this says stale.
 */
export function checkSurveyAction(action: CardAction, position: SurveyPosition): SurveyCheck {
  if (!('pulseId' in action.data) || action.data.pulseId !== position.pulseId) {
    return { ok: false, reason: 'other_pulse', userMessage: 'This card belongs to a different pulse, so nothing was saved.' };
  }
  if (action.verb === 'survey.answerGroup') {
    const { targetId, step } = action.data;
    if (!position.targetIds.includes(targetId)) return { ok: false, reason: 'unknown_target', userMessage: TAMPERED };
    if (position.targetIds[step - 1] !== targetId) return { ok: false, reason: 'stale_step', userMessage: STALE };
  }
  const expected = expectedStep(action, position);
  if (expected !== undefined && 'step' in action.data) {
    if (action.data.step !== expected || position.step !== expected) return { ok: false, reason: 'stale_step', userMessage: STALE };
  }
  return { ok: true };
}
