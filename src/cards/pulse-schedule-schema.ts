import { z } from 'zod';
import { idSchema, instantSchema } from '../domain/model/primitives';
import { MAX_OPEN_DAYS } from '../domain/pulse-lifecycle';
import { recurrenceSchema } from '../domain/pulse-schedule';

/**
 * What the "Schedule it" and "Don't schedule" buttons carry: the whole request, so the press
 * can be carried out by any instance, and checked again here because a card's data can be
 * changed by whoever sends it. The use-case checks the facilitator and the rules once more.
 */

const groupNames = z.array(z.string().trim().min(1).max(100)).min(1).max(50);

const request = z.object({
  collaborativeId: idSchema,
  /** The instant the pulse opens (the typed local date and time, already in UTC). */
  opensAt: instantSchema,
  focalProcess: z.string().trim().min(1).max(300).optional(),
  closesInDays: z.int().min(1).max(MAX_OPEN_DAYS).optional(),
  asking: groupNames.optional(),
  rating: groupNames.optional(),
  recurrence: recurrenceSchema.optional(),
  /**
   * When the confirmation card was made. A pulse made from the same request since then is
   * this card's pulse: a second press shows it instead of scheduling another.
   */
  issuedAt: instantSchema,
  /** The card's own random key: its first "Schedule it" claims it, so a card schedules at most once. */
  key: z.uuid(),
});

/** "Schedule it" carries the request; "Don't schedule" only where it was asked (it saves nothing). */
export const scheduleCarried = z.discriminatedUnion('confirmed', [
  request.extend({ confirmed: z.literal(true) }),
  z.object({ collaborativeId: idSchema, confirmed: z.literal(false) }),
]);

/** A checked request to schedule, from a card. */
export type ScheduleRequest = z.infer<typeof request>;
