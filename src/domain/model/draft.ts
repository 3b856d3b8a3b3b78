import { z } from 'zod';
import { partialRatingsSchema } from './ratings';
import { idSchema } from './primitives';
import { respondentKeySchema } from './respondent-key';

/**
 * A respondent's unfinished answers, so they can stop and resume. Keyed by the respondent
 * key, and deleted in the same transaction that submits the response.
 */
export const draftSchema = z.object({
  collaborativeId: idSchema,
  pulseId: idSchema,
  respondentKey: respondentKeySchema,
  step: z.int().min(0).max(1000),
  /** The respondent's own workgroup, once they have picked it. */
  respondentWorkgroupId: idSchema.optional(),
  ratings: partialRatingsSchema.default({}),
});

export type Draft = z.infer<typeof draftSchema>;
export type DraftInput = z.input<typeof draftSchema>;
