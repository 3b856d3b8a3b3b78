import { z } from 'zod';
import type { SurveyTarget } from '../../cards/survey-steps';
import type { Pulse } from '../../domain/model/pulse';
import { idSchema } from '../../domain/model/primitives';
import { nextAllowed, type QuietHours } from '../../domain/quiet-hours';
import type { Storage } from '../../storage/storage';
import type { CardChoice, CardKinds, CardPreparation, CardRequest, Clock } from '../ports';
import type { PulseCardChoice } from './deliver-pulse-cards';
import { surveyCardFor } from './pulse-cards';
import type { PulseContexts } from './pulse-context';

/**
 * The survey invitation and the survey reminder as kinds of card the delivery engine sends.
 * A queue message names the kind and carries the person's workgroup (to pre-select it); the
 * card itself is built when it goes, from the pulse as it is then: a closed pulse sends
 * nothing, and a reminder waits out quiet hours and is withdrawn if its person has answered.
 */

/** The first survey card of a pulse. (Also the name v1 queue messages in round 'invite' are read as.) */
export const SURVEY_INVITATION = 'survey-invitation';
/** The same card with a gentle line on top. (Also the name older reminder messages are read as.) */
export const SURVEY_REMINDER = 'survey-reminder';

/** What a survey card's message carries besides whom it is for. */
const surveyCardInputSchema = z.object({ workgroupId: idSchema.optional() });
type SurveyCardInput = z.infer<typeof surveyCardInputSchema>;

/** What preparing a survey card reads: the pulse (cached), the ledger, and when it is quiet. */
export interface SurveyCardKindDeps {
  contexts: Pick<PulseContexts, 'get'>;
  submissions: Pick<Storage['submissions'], 'findLedgerEntry'>;
  respondentKey: Storage['respondentKey'];
  quietHours?: QuietHours;
  clock: Clock;
}

/** The survey card kind of an invitation or a reminder round, as the queue carries it. */
export function surveyCardChoice(reminder: boolean): CardChoice {
  return {
    kind: reminder ? SURVEY_REMINDER : SURVEY_INVITATION,
    inputFor: (member) => (member.workgroupId ? { workgroupId: member.workgroupId } : {}),
  };
}

/** The survey card of a pulse's invitation or reminder round, for the queue and for sending directly. */
export function surveyCards(pulse: Pulse, k: number, targets: readonly SurveyTarget[], reminder: boolean): PulseCardChoice {
  return { ...surveyCardChoice(reminder), cardFor: (member) => surveyCardFor(pulse, k, targets, member, reminder) };
}

/** Registers the survey invitation and reminder with the engine's card kinds. */
export function registerSurveyCardKinds(kinds: CardKinds, deps: SurveyCardKindDeps): void {
  kinds.register<SurveyCardInput>(SURVEY_INVITATION, { input: surveyCardInputSchema, prepare: (request) => prepareSurveyCard(deps, request, false) });
  kinds.register<SurveyCardInput>(SURVEY_REMINDER, { input: surveyCardInputSchema, prepare: (request) => prepareSurveyCard(deps, request, true) });
}

async function prepareSurveyCard(deps: SurveyCardKindDeps, request: CardRequest<SurveyCardInput>, reminder: boolean): Promise<CardPreparation> {
  const context = await deps.contexts.get(request.scope);
  if (!context) return { kind: 'drop', reason: 'a card for a pulse that no longer exists was dropped' };
  if (reminder) {
    // Reminders never go in quiet hours; one queued just before them waits until they end.
    const now = deps.clock();
    const allowed = nextAllowed(now, deps.quietHours);
    if (allowed > now) return { kind: 'later', delayMs: allowed.getTime() - now.getTime() };
  }
  if (context.pulse.status !== 'open') return { kind: 'end', status: 'failed', reason: 'the pulse closed before this card was sent; it was not sent' };
  // They answered since the round was queued: no reminder, and no row saying one is due.
  if (reminder && (await hasAnswered(deps, request))) return { kind: 'withdraw' };
  return { kind: 'send', card: surveyCardFor(context.pulse, context.k, context.targets, request.input, reminder) };
}

/** Whether the person has finished the pulse, from the ledger by their respondent key. */
async function hasAnswered(deps: SurveyCardKindDeps, request: CardRequest<SurveyCardInput>): Promise<boolean> {
  const { scope } = request;
  const entry = await deps.submissions.findLedgerEntry({ ...scope, respondentKey: deps.respondentKey(scope, request.recipient.aadObjectId) });
  return entry?.value.status === 'finished';
}
