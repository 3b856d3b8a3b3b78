import { z } from 'zod';
import { publishedFiguresSchema } from '../figures';
import { idSchema, instantSchema } from './primitives';

/**
 * A pulse's published figures and the respondent count they were computed at. A survey
 * pulse's figures are published once, when it closes (rc-measurement.md section 4), and
 * never change afterwards.
 */
export const resultSnapshotSchema = z.object({
  collaborativeId: idSchema,
  pulseId: idSchema,
  respondents: z.int().min(0).max(10_000_000),
  /** The published figures: the scoring report (already suppressed below k) and the workgroup names of the day. */
  figures: publishedFiguresSchema,
  publishedAt: instantSchema,
});

export type ResultSnapshot = z.infer<typeof resultSnapshotSchema>;
export type ResultSnapshotInput = z.input<typeof resultSnapshotSchema>;
