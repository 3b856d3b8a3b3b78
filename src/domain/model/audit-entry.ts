import { z } from 'zod';
import { idSchema, instantSchema } from './primitives';

/**
 * A record of who did what, and when, in a collaborative (set-up changes, pulses started and
 * closed, exports). Never records answering: that would link people to responses.
 */
export const auditEntrySchema = z.object({
  collaborativeId: idSchema,
  at: instantSchema,
  /** Entra object id of the person, or 'system' / 'cli' for work nobody clicked. */
  actorId: z.string().min(1).max(100),
  actorName: z.string().trim().min(1).max(200).optional(),
  /** What happened, as dotted lower-case words, e.g. 'pulse.opened'. */
  action: z.string().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, "an action is dotted words such as 'pulse.opened'"),
  /** The id of the thing acted on, e.g. a pulse id. */
  subject: z.string().min(1).max(200).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
