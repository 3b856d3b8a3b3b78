import { z } from 'zod';
import { guidSchema, idSchema, instantSchema } from './primitives';

/**
 * Where sending a pulse's card to one person stands: pending (queued), sent, blocked (they
 * blocked or removed the app: stop sending), not_found (no such conversation), failed
 * (gave up after bounded retries).
 */
export const deliveryStatusSchema = z.enum(['pending', 'sent', 'blocked', 'not_found', 'failed']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** One row per recipient per pulse; response-rate counts are aggregated from these rows. */
export const deliverySchema = z.object({
  collaborativeId: idSchema,
  pulseId: idSchema,
  /** The recipient's Entra object id. */
  aadObjectId: guidSchema,
  status: deliveryStatusSchema,
  /** HTTP status of the last send attempt, when there was one. */
  statusCode: z.int().min(100).max(599).optional(),
  attempts: z.int().min(0).max(1000).default(0),
  /** Id of the sent activity, so the card can be updated in place. */
  activityId: z.string().min(1).max(200).optional(),
  updatedAt: instantSchema.optional(),
});

export type Delivery = z.infer<typeof deliverySchema>;
export type DeliveryInput = z.input<typeof deliverySchema>;
