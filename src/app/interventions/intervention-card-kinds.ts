import { z } from 'zod';
import { interventionReminderCard } from '../../cards/interventions-card';
import { subjectScopeId } from '../../domain/model/delivery';
import { daySchema, idSchema } from '../../domain/model/primitives';
import { nextAllowed, type QuietHours } from '../../domain/quiet-hours';
import type { Storage } from '../../storage/storage';
import type { CardChoice, CardKinds, CardPreparation, CardRequest, Clock, PulseScope } from '../ports';
import { loadDirectory } from './intervention-access';
import { summaryOf } from './intervention-view';
import { lineOf, OPEN_INTERVENTION_STATUSES, ukToday } from './open-interventions';

/**
 * The owners' reminder as a kind of card the delivery engine sends. Its rows belong to the
 * intervention as a SUBJECT (scope 'intervention~<id>', domain/model/delivery.ts) in a round
 * named by the due date ('due-2026-03-20'), one row per owner keyed by their Entra id: so an
 * owner is reminded at most once per intervention per due date, however often the daily job
 * runs and on however many instances. The card is built as it goes, from the intervention as it
 * is then: in quiet hours it waits; an intervention done, dropped, moved to another date or no
 * longer theirs sends nothing (the row is withdrawn).
 */

/** The kind's name in the card-kind registry and on queue messages. */
export const INTERVENTION_REMINDER = 'intervention-reminder';

/** What an owner's reminder message carries: which intervention, and the due date it is about. */
const reminderInputSchema = z.object({ interventionId: idSchema, dueOn: daySchema }).strict();
type ReminderInput = z.infer<typeof reminderInputSchema>;

/** The delivery scope of an intervention's cards. */
export function interventionScope(collaborativeId: string, interventionId: string): PulseScope {
  return { collaborativeId, pulseId: subjectScopeId('intervention', interventionId) };
}

/** The round of the reminders about one due date. */
export function dueRound(dueOn: string): string {
  return `due-${dueOn}`;
}

/** The card an owner's reminder round sends (the same input for every owner). */
export function reminderChoice(interventionId: string, dueOn: string): CardChoice {
  return { kind: INTERVENTION_REMINDER, inputFor: () => ({ interventionId, dueOn }) };
}

/** Whole days from one calendar day to another ('YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What preparing a reminder reads. */
export interface InterventionCardKindDeps {
  storage: Pick<Storage, 'interventions' | 'workgroups' | 'members' | 'collaboratives'>;
  /** Deep link to the tab, for the card's button. */
  tabUrl: string;
  quietHours?: QuietHours;
  clock: Clock;
}

/** Registers the owners' reminder with the engine's card kinds. */
export function registerInterventionCardKinds(kinds: CardKinds, deps: InterventionCardKindDeps): void {
  kinds.register<ReminderInput>(INTERVENTION_REMINDER, { input: reminderInputSchema, prepare: (request) => prepareReminder(deps, request) });
}

async function prepareReminder(deps: InterventionCardKindDeps, request: CardRequest<ReminderInput>): Promise<CardPreparation> {
  // A nudge, so never in quiet hours: one queued just before them waits until they end.
  const now = deps.clock();
  const allowed = nextAllowed(now, deps.quietHours);
  if (allowed > now) return { kind: 'later', delayMs: allowed.getTime() - now.getTime() };
  const { collaborativeId } = request.scope;
  const { interventionId, dueOn } = request.input;
  const [stored, collaborative] = await Promise.all([deps.storage.interventions.find(collaborativeId, interventionId), deps.storage.collaboratives.find(collaborativeId)]);
  if (!stored || !collaborative) return { kind: 'drop', reason: 'a reminder about an intervention that no longer exists was dropped' };
  const owner = request.recipient.aadObjectId.toLowerCase();
  const iv = stored.value;
  // Done, dropped, given another date or another owner since it was queued: no reminder, and no row saying one is due.
  if (!OPEN_INTERVENTION_STATUSES.includes(iv.status) || iv.dueOn !== dueOn || !iv.ownerIds.includes(owner)) return { kind: 'withdraw' };
  const directory = await loadDirectory(deps, collaborativeId);
  const access = { collaborative: collaborative.value, role: 'viewer' as const, person: { aadObjectId: owner, name: '' } };
  const today = ukToday(now);
  return {
    kind: 'send',
    card: interventionReminderCard({ intervention: lineOf(summaryOf(stored, access, directory)), daysLeft: daysBetween(today, dueOn), tabUrl: deps.tabUrl, today }),
  };
}
