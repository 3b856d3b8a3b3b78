import { z } from 'zod';
import { guidSchema, idSchema, instantSchema } from './primitives';
import { respondentKeySchema } from './respondent-key';

/**
 * Where sending one card to one person stands:
 * - pending: waiting in the queue (or waiting to be tried again);
 * - sending: a worker has claimed it and is sending it now, until `leaseUntil`;
 * - sent: Teams accepted it (or, with `unconfirmed`, it was on its way when its worker stopped);
 * - blocked: they blocked or removed the app (403 MessageWritesBlocked): never sent again;
 * - not_found: the conversation no longer exists (404);
 * - failed: gave up after the attempt limit, or Teams refused it for good.
 */
export const deliveryStatusSchema = z.enum(['pending', 'sending', 'sent', 'blocked', 'not_found', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** Statuses that end a delivery: its card is never sent again. */
export const FINAL_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['sent', 'blocked', 'not_found', 'failed'];

/** True when a delivery has ended (sent, blocked, not found or failed). */
export function isFinalDelivery(status: DeliveryStatus): boolean {
  return FINAL_DELIVERY_STATUSES.includes(status);
}

/**
 * Which sending a delivery is part of, its round: for a pulse, the invitation ('invite') or one
 * round of reminders ('remind-day3' for the scheduled one three days after opening,
 * 'remind-m...' for one a facilitator asked for); for a subject (below), whatever its kind
 * counts once, e.g. 'due-2026-03-20' for an intervention's due date. Lower-case words joined by
 * hyphens. A person gets at most one card per round.
 */
export const deliveryRoundSchema = z
  .string()
  .max(40, 'a round is at most 40 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a round is lower-case words joined by hyphens, such as 'invite' or 'remind-day3'");
export type DeliveryRound = z.infer<typeof deliveryRoundSchema>;

/** The invitation round: the first survey card. */
export const INVITE_ROUND = 'invite';

/** A pulse's rounds are only ever these two kinds. */
const PULSE_ROUND = /^(invite|remind-[a-z0-9]{1,30})$/;

/**
 * What a sending row belongs to, its SCOPE, named in the row's `pulseId` field. Every row
 * written before subjects existed belongs to a pulse, and that field names it; the field keeps
 * its name, so stored rows and queued messages read as they always did. A card about
 * something else a collaborative has (an intervention; later a transition check) belongs to a
 * SUBJECT instead, named there as `<kind>~<id>`, e.g. 'intervention~iv-3f2a9c'. '~' never
 * occurs in an id, so a subject is never taken for a pulse, and its rows get partitions of
 * their own beside the pulse's (keys/delivery-keys.ts). Delivery treats every subject alike:
 * it knows no kinds of subject.
 */
export const subjectScopeIdSchema = z
  .string()
  .max(100)
  .regex(/^[a-z]+(-[a-z]+)*~[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "a subject is '<kind>~<id>', e.g. 'intervention~iv-3f2a9c'");

/** A row's scope: a pulse's id, or a subject. */
export const deliveryScopeIdSchema = z.union([idSchema, subjectScopeIdSchema]);

/** The scope id of a subject: `<kind>~<id>`. */
export function subjectScopeId(kind: string, id: string): string {
  return subjectScopeIdSchema.parse(`${kind}~${id}`);
}

/** True when a scope id names a subject rather than a pulse. */
export function isSubjectScope(scopeId: string): boolean {
  return scopeId.includes('~');
}

/**
 * Whether a round's rows are keyed by the person's Entra object id (a pulse's invitations, and
 * every round of a subject) or by their respondent key (a pulse's reminder rounds). Respondent
 * keys belong to a pulse's anonymity (reminderDeliverySchema below); who is sent a card about
 * a subject, such as the owners of an intervention, is no secret.
 */
export function keyedByPerson(scopeId: string, round: string): boolean {
  return round === INVITE_ROUND || isSubjectScope(scopeId);
}

/** A round a scope can have: a pulse's is 'invite' or 'remind-...'; a subject's is its own to name. */
export function roundFitsScope(scopeId: string, round: string): boolean {
  return isSubjectScope(scopeId) || PULSE_ROUND.test(round);
}

/** The refinement every row and message with a scope and a round gets (see roundFitsScope). */
export const ROUND_OF_SCOPE: [(x: { pulseId: string; round: string }) => boolean, { message: string; path: string[] }] = [
  (x) => roundFitsScope(x.pulseId, x.round),
  { message: "a pulse's round is 'invite' or 'remind-...'", path: ['round'] },
];

/** What every sending row holds: where sending one card to one person stands. */
const sendStateShape = {
  collaborativeId: idSchema,
  /** The row's scope: a pulse, or a subject (see deliveryScopeIdSchema). */
  pulseId: deliveryScopeIdSchema,
  round: deliveryRoundSchema.default(INVITE_ROUND),
  status: deliveryStatusSchema,
  /** HTTP status of the last send attempt, when there was one. */
  statusCode: z.int().min(100).max(599).optional(),
  attempts: z.int().min(0).max(1000).default(0),
  /** Id of the sent activity, so the card can be updated in place. */
  activityId: z.string().min(1).max(200).optional(),
  updatedAt: instantSchema.optional(),
  /** While 'sending': until when the worker that claimed it may still be sending. */
  leaseUntil: instantSchema.optional(),
  /**
   * 'sent' without an answer from Teams: the worker stopped (or the request timed out) after
   * the card left. It is never sent again, so nobody gets two cards.
   */
  unconfirmed: z.boolean().optional(),
};

/**
 * An invitation: one row per person invited to a pulse, keyed by their Entra object id (who
 * was invited is no secret); the status card's counts are aggregated from these rows. The same
 * row, in a round of its own, is any card about a subject (keyedByPerson).
 */
export const deliverySchema = z.object({ ...sendStateShape, aadObjectId: guidSchema }).refine(...ROUND_OF_SCOPE);

export type Delivery = z.infer<typeof deliverySchema>;
export type DeliveryInput = z.input<typeof deliverySchema>;

/**
 * A reminder: one row per person per reminder round, keyed by their RESPONDENT KEY (the
 * HMAC the ledger uses), never by who they are. Being reminded means not having finished,
 * and rc-measurement.md section 4 keeps who has answered in the ledger alone: these rows are
 * as anonymous as the ledger, and reminders never write on the invitation's row.
 */
export const reminderDeliverySchema = z.object({ ...sendStateShape, respondentKey: respondentKeySchema }).refine(...ROUND_OF_SCOPE);

export type ReminderDelivery = z.infer<typeof reminderDeliverySchema>;
export type ReminderDeliveryInput = z.input<typeof reminderDeliverySchema>;

/** Either kind of sending row: what a worker needs to claim, send and record. */
export type SendRow = Delivery | ReminderDelivery;
