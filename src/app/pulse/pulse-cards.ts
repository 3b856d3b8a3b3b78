import type { AdaptiveCard } from '../../cards/card-types';
import type { SurveyTarget } from '../../cards/survey-steps';
import type { Member } from '../../domain/model/member';
import type { Pulse } from '../../domain/model/pulse';
import { firstSurveyCard } from '../survey/survey-step-cards';
import { withSelection } from './pulse-lookup';

/**
 * The card a person is sent for a pulse: the first survey card, with their own group from
 * the list already chosen (when the pulse asks about it). A reminder is the same card with a
 * gentle line on top. One function, so a card built now and one built by a queue worker
 * later are the same card.
 */
export function surveyCardFor(
  pulse: Pulse,
  k: number,
  targets: readonly SurveyTarget[],
  member: Pick<Member, 'workgroupId'>,
  isReminder: boolean,
): AdaptiveCard {
  return firstSurveyCard(pulse, k, targets, { ...withSelection(member.workgroupId), ...(isReminder ? { isReminder: true } : {}) });
}
