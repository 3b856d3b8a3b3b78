import { z } from 'zod';
// Zod's own messages, in plain UK English wherever a schema gives none (installed once, here).
import '../plain-messages';

/**
 * Building blocks shared by the model's schemas. Ids are restricted to characters that are
 * safe in Azure Table keys, URLs, card data and CSV files, so they never need escaping.
 */

/** An id the product makes or a facilitator chooses: letters, digits, '-' and '_', up to 64. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'an id is 1 to 64 letters, digits, "-" or "_", starting with a letter or digit');
export type Id = z.infer<typeof idSchema>;

/** A Microsoft Entra object id or tenant id (a GUID). */
export const guidSchema = z.guid('expected a GUID such as 00000000-0000-0000-0000-000000000000').transform((s) => s.toLowerCase());

/** An instant in UTC, ISO 8601 with a Z suffix, e.g. 2024-04-16T09:30:00.000Z. */
export const instantSchema = z.iso.datetime({ message: 'expected a UTC date and time such as 2024-04-16T09:30:00Z' });

/** A calendar day 'YYYY-MM-DD' that exists. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'that day does not exist');

/** The day (UTC) of an instant, 'YYYY-MM-DD': the only time a response keeps. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** A short human-readable name (a workgroup, a Trust, a person). */
export const nameSchema = z.string().trim().min(1, 'a name is needed').max(200, 'a name is at most 200 characters');
