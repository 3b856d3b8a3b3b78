import { z } from 'zod';

/**
 * A pulse's response rates as published beside its final figures: invited against answered,
 * by workgroup and by partner organisation. Counts below k (and any count that would reveal
 * one by subtraction) are already hidden: `answered` and `rate` are null.
 */

/** Invited vs answered. `answered` (and so `rate`) is null when hidden: below k or by subtraction. */
export const rateRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  invited: z.int(),
  answered: z.int().nullable(),
  /** answered / invited, 0 to 1; null when hidden or nobody was invited. */
  rate: z.number().nullable(),
  suppressed: z.boolean(),
});
export type RateRow = z.infer<typeof rateRowSchema>;

export const responseRatesSchema = z.object({
  /** id 'all'. */
  total: rateRowSchema,
  /** The pulse's workgroups, in pulse order; answered = responses from people who chose that group. */
  byWorkgroup: z.array(rateRowSchema),
  /**
   * Organisations with anyone invited; answered = people who finished, by the organisation on
   * the list (id '' = people no longer on it).
   */
  byOrganisation: z.array(rateRowSchema),
  /**
   * 'not_recorded' for pulses loaded from files or the demo seed: nobody's answering was
   * recorded, so every byOrganisation `answered` is null without being "fewer than k".
   */
  organisationAnswers: z.enum(['counted', 'not_recorded']),
});
export type ResponseRates = z.infer<typeof responseRatesSchema>;
