import { z } from 'zod';
import { idSchema, instantSchema } from './primitives';

/**
 * Figures published for an open pulse, and the respondent count they were computed at.
 * While a pulse is open, figures are republished only when that count has grown by at
 * least k, so two publications never differ by one person's answers.
 */
export const resultSnapshotSchema = z.object({
  collaborativeId: idSchema,
  pulseId: idSchema,
  respondents: z.int().min(0).max(10_000_000),
  /** The published figures (the scoring report, already suppressed below k). */
  figures: z.record(z.string(), z.unknown()),
  publishedAt: instantSchema,
});

export type ResultSnapshot = z.infer<typeof resultSnapshotSchema>;
