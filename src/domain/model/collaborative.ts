import { z } from 'zod';
import { DEFAULT_K, K_MAX, K_MIN } from '../anonymity';
import { DEFAULT_INSTRUMENT, instrumentSchema } from '../instrument';
import { DEFAULT_BANDS, DEFAULT_MIN_ITEMS } from '../scoring';
import { guidSchema, idSchema, instantSchema, nameSchema } from './primitives';

const bandThreshold = z.number().min(1, 'a band threshold is between 1 and 5').max(5, 'a band threshold is between 1 and 5');

/** Band thresholds (weak < moderate <= x < strong <= x); moderate must be below strong. */
export const bandsSchema = z
  .object({ moderate: bandThreshold, strong: bandThreshold })
  .refine((b) => b.moderate < b.strong, { message: 'the moderate threshold must be below the strong one', path: ['strong'] });

/**
 * A provider collaborative: the partner Trusts that measure relational coordination
 * together, with the settings every pulse and every published figure follows.
 */
export const collaborativeSchema = z.object({
  id: idSchema,
  name: nameSchema,
  /** The focal work process the items ask about, e.g. "admission to the mother and baby unit". */
  focalProcess: z.string().trim().min(1, 'a focal work process is needed').max(300),
  /** Minimum group size: figures over fewer respondents are not shown. */
  k: z
    .int('k is a whole number')
    .min(K_MIN, `k is at least ${K_MIN}`)
    .max(K_MAX, `k is at most ${K_MAX}`)
    .default(DEFAULT_K),
  /** Items out of 7 a respondent must answer about a group for their RC with it to count. */
  minItems: z.int('minItems is a whole number').min(1, 'minItems is 1 to 7').max(7, 'minItems is 1 to 7').default(DEFAULT_MIN_ITEMS),
  bands: bandsSchema.default(DEFAULT_BANDS),
  instrument: instrumentSchema.default(DEFAULT_INSTRUMENT),
  /** Entra tenants whose people may take part (NHSmail and partners' own tenants). */
  allowedTenantIds: z.array(guidSchema).max(50).default([]),
  /** Entra object ids of the people who may set up, start and close pulses. */
  facilitatorIds: z.array(guidSchema).max(100).default([]),
  /** The Teams team and channel the collaborative works in, once the app is installed there. */
  teamsTeamId: z.string().min(1).max(200).optional(),
  teamsChannelId: z.string().min(1).max(200).optional(),
  createdAt: instantSchema,
});

export type Collaborative = z.infer<typeof collaborativeSchema>;
/** What a caller supplies to create one: the defaults fill in the rest. */
export type CollaborativeInput = z.input<typeof collaborativeSchema>;
