import { z } from 'zod';
import { DEFAULT_K, K_MAX, K_MIN } from '../anonymity';
import { bandsSchema } from '../figures';
import { DEFAULT_INSTRUMENT, instrumentSchema } from '../instrument';
import { DEFAULT_BANDS, DEFAULT_MIN_ITEMS } from '../scoring';
import { conversationReferenceSchema } from './member';
import { guidSchema, idSchema, instantSchema, nameSchema } from './primitives';

/** Band thresholds, defined with the figures they colour. */
export { bandsSchema };

/** The focal work process the items ask about, e.g. "admission to the mother and baby unit". */
export const focalProcessSchema = z.string().trim().min(1, 'a focal work process is needed').max(300, 'a focal work process is at most 300 characters');

/** Minimum group size: figures over fewer respondents are not shown. */
export const kSchema = z.int('k is a whole number').min(K_MIN, `k is at least ${K_MIN}`).max(K_MAX, `k is at most ${K_MAX}`);

/** Items out of 7 a respondent must answer about a group for their RC with it to count. */
export const minItemsSchema = z.int('minItems is a whole number').min(1, 'minItems is 1 to 7').max(7, 'minItems is 1 to 7');

/** Entra tenants whose people may take part (NHSmail and partners' own tenants). */
export const allowedTenantIdsSchema = z.array(guidSchema).max(50, 'at most 50 tenants');

/** Months a transition check's family answers and links are kept after it closes: 1 to 84 (seven years). */
export const DEFAULT_FAMILY_RETENTION_MONTHS = 12;
export const familyRetentionMonthsSchema = z
  .int('the retention period is a whole number of months')
  .min(1, 'family answers are kept for at least 1 month')
  .max(84, 'family answers are kept for at most 84 months');

/** Entra object ids of the people who may set up, start and close pulses. */
export const facilitatorIdsSchema = z.array(guidSchema).max(100, 'at most 100 facilitators');

/**
 * A provider collaborative: the partner Trusts that measure relational coordination
 * together, with the settings every pulse and every published figure follows.
 */
export const collaborativeSchema = z.object({
  id: idSchema,
  name: nameSchema,
  focalProcess: focalProcessSchema,
  k: kSchema.default(DEFAULT_K),
  minItems: minItemsSchema.default(DEFAULT_MIN_ITEMS),
  bands: bandsSchema.default(DEFAULT_BANDS),
  instrument: instrumentSchema.default(DEFAULT_INSTRUMENT),
  allowedTenantIds: allowedTenantIdsSchema.default([]),
  facilitatorIds: facilitatorIdsSchema.default([]),
  /** The Teams team and channel the collaborative works in, once the app is installed there. */
  teamsTeamId: z.string().min(1).max(200).optional(),
  teamsChannelId: z.string().min(1).max(200).optional(),
  /**
   * The Bot Framework conversation reference of that channel, saved at install, for posting
   * results there. Opaque to the product, like a member's conversation reference.
   */
  channelReference: conversationReferenceSchema.optional(),
  /**
   * Whether a short digest of what changed in the collaborative's interventions (recorded,
   * moved on, updated) is posted in its channel every Monday morning. Off unless turned on.
   */
  interventionDigest: z.boolean().default(false),
  /**
   * Months after a transition check closes that its family answers and family links are kept;
   * then the retention job deletes them (the check's published figures stay).
   */
  familyRetentionMonths: familyRetentionMonthsSchema.default(DEFAULT_FAMILY_RETENTION_MONTHS),
  createdAt: instantSchema,
});

export type Collaborative = z.infer<typeof collaborativeSchema>;
/** What a caller supplies to create one: the defaults fill in the rest. */
export type CollaborativeInput = z.input<typeof collaborativeSchema>;
