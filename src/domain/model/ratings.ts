import { z } from 'zod';
import { DIMENSIONS, type Dimension } from '../instrument';
import { idSchema } from './primitives';

/** A score as the contract defines it: an integer 1-5. */
export const scoreSchema = z.int().min(1).max(5);

/** At most this many workgroups are rated in one response. */
const MAX_TARGETS = 50;

const answer = scoreSchema.nullable();
type DimensionShape = Record<Dimension, typeof answer>;

/**
 * One respondent's answers about one target workgroup: each of the seven dimensions scored
 * 1-5, or null for "not applicable / we don't work together on this".
 */
export const targetRatingsSchema = z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, answer])) as DimensionShape).strict();
export type TargetRatings = z.infer<typeof targetRatingsSchema>;

const withTargets = <T extends z.ZodType>(value: T) =>
  z
    .record(idSchema, value)
    .refine((r) => Object.keys(r).length <= MAX_TARGETS, `at most ${MAX_TARGETS} workgroups are rated at once`);

/** Ratings by target workgroup id. */
export const ratingsSchema = withTargets(targetRatingsSchema).refine(
  (r) => Object.keys(r).length > 0,
  'a response rates at least one workgroup',
);
export type Ratings = z.infer<typeof ratingsSchema>;

/** Ratings while someone is still answering: any dimension may be missing so far. */
export const partialRatingsSchema = withTargets(targetRatingsSchema.partial());
export type PartialRatings = z.infer<typeof partialRatingsSchema>;
