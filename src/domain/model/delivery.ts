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
 * Which sending of a pulse a delivery is part of: the invitation ('invite'), or one round of
 * reminders ('remind-day3' for the scheduled one three days after opening, 'remind-m...' for
 * one a facilitator asked for). A person gets at most one card per round.
 */
export const deliveryRoundSchema = z.string().regex(/^(invite|remind-[a-z0-9]{1,30})$/, "a round is 'invite' or 'remind-...'");
export type DeliveryRound = z.infer<typeof deliveryRoundSchema>;

/** The invitation round: the first survey card. */
export const INVITE_ROUND = 'invite';

/** What every sending row holds: where sending one card to one person stands. */
const sendStateShape = {
  collaborativeId: idSchema,
  pulseId: idSchema,
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
 * was invited is no secret); the status card's counts are aggregated from these rows.
 */
export const deliverySchema = z.object({ ...sendStateShape, aadObjectId: guidSchema });

export type Delivery = z.infer<typeof deliverySchema>;
export type DeliveryInput = z.input<typeof deliverySchema>;

/**
 * A reminder: one row per person per reminder round, keyed by their RESPONDENT KEY (the
 * HMAC the ledger uses), never by who they are. Being reminded means not having finished,
 * and rc-measurement.md section 4 keeps who has answered in the ledger alone: these rows are
 * as anonymous as the ledger, and reminders never write on the invitation's row.
 */
export const reminderDeliverySchema = z.object({ ...sendStateShape, respondentKey: respondentKeySchema });

export type ReminderDelivery = z.infer<typeof reminderDeliverySchema>;
export type ReminderDeliveryInput = z.input<typeof reminderDeliverySchema>;

/** Either kind of sending row: what a worker needs to claim, send and record. */
export type SendRow = Delivery | ReminderDelivery;
