import { z } from 'zod';
import { familySharingSchema } from './family';
import { ratingsSchema } from './ratings';
import { daySchema, idSchema } from './primitives';

/**
 * A submitted response, as stored. By design it carries nothing about the person: no user
 * id, name, e-mail, conversation id, respondent key or time of day; only the day
 * (rc-measurement.md section 4). `.strict()` makes any extra field an error, so a future
 * change cannot slip identity in unnoticed.
 */
export const responseSchema = z
  .object({
    collaborativeId: idSchema,
    pulseId: idSchema,
    respondentWorkgroupId: idSchema,
    ratings: ratingsSchema,
    /**
     * Once released, the day of the release (UTC), shared by every response released with
     * it: never the day the person submitted, which the ledger could tie to them.
     */
    day: daySchema,
    /** A family's answers only: how the family chose to let them be used (family.ts). */
    familySharing: familySharingSchema.optional(),
  })
  .strict();

export type Response = z.infer<typeof responseSchema>;
