import { z } from 'zod';
import { K_MAX, K_MIN } from '../domain/anonymity';
import { DIMENSION_COUNT } from '../domain/instrument';

/**
 * The set-up form's inputs and the rules for what a facilitator types into them. Every
 * message here may be shown on the card beside its field, so each says what to change.
 */

/** Ids of the set-up card's inputs (they are also the keys of the data Teams sends back). */
export const SETUP_FIELDS = ['focalProcess', 'workgroups', 'k', 'minItems', 'facilitators'] as const;
export type SetupField = (typeof SETUP_FIELDS)[number];

export const SETUP_LIMITS = {
  focalProcessChars: 300,
  workgroupChars: 200,
  workgroups: 50,
  facilitators: 100,
  addressChars: 320,
  /** Whole text areas: the longest valid lists plus line breaks, and no more. */
  workgroupsTextChars: 50 * 202,
  facilitatorsTextChars: 100 * 322,
} as const;

const text = (error: string) => z.string({ error });

/** Splits a text area into trimmed, non-empty lines, spaces inside a line collapsed. */
export function nonEmptyLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
}

/** Addresses may come one per line or pasted from Outlook ("a@x; b@y"). */
function addresses(value: string): string[] {
  return value.split(/[\s,;]+/).filter((a) => a.length > 0);
}

/** Refuses a list that names the same thing twice (ignoring case), naming the repeat. */
function noRepeats(what: string) {
  return (items: string[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const item of items) {
      const key = item.toLowerCase();
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', message: `${what} "${item}" is listed twice. Please list each one once.` });
        return;
      }
      seen.add(key);
    }
  };
}

/** Input.Number values reach the bot as numbers from some clients and strings from others. */
function wholeNumber(min: number, max: number, error: string) {
  return z
    .union([z.number({ error }), z.string({ error }).trim().regex(/^\d{1,3}$/, error).transform(Number)], { error })
    .pipe(z.int({ error }).min(min, error).max(max, error));
}

const addressSchema = z
  .string()
  .max(SETUP_LIMITS.addressChars, 'An e-mail address is at most 320 characters.')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Please check the e-mail addresses: each needs a name, an @ and a domain.');

/** The inputs of the set-up card: raw text in, checked lists and numbers out. */
export const setupInputsShape = {
  focalProcess: text('Please describe the focal work process.')
    .trim()
    .min(1, 'Please describe the focal work process, for example "admission to the mother and baby unit".')
    .max(SETUP_LIMITS.focalProcessChars, 'Please keep the focal work process to 300 characters or fewer.'),
  workgroups: text('Please list the workgroups, one per line.')
    .max(SETUP_LIMITS.workgroupsTextChars, 'The list of workgroups is too long: at most 50 groups of 200 characters.')
    .transform(nonEmptyLines)
    .pipe(
      z
        .array(z.string().max(SETUP_LIMITS.workgroupChars, 'Please keep each workgroup name to 200 characters or fewer.'))
        .min(1, 'Please list at least one workgroup, one per line.')
        .max(SETUP_LIMITS.workgroups, 'Please list at most 50 workgroups.')
        .superRefine(noRepeats('The workgroup')),
    ),
  k: wholeNumber(K_MIN, K_MAX, `The minimum group size must be a whole number from ${K_MIN} to ${K_MAX}.`),
  minItems: wholeNumber(1, DIMENSION_COUNT, `The questions needed must be a whole number from 1 to ${DIMENSION_COUNT}.`),
  facilitators: text("Please list the facilitators' e-mail addresses, one per line.")
    .max(SETUP_LIMITS.facilitatorsTextChars, 'The list of facilitators is too long: at most 100 addresses.')
    .transform(addresses)
    .pipe(
      z
        .array(addressSchema)
        .min(1, 'Please keep at least one facilitator, or nobody will be able to change the set-up.')
        .max(SETUP_LIMITS.facilitators, 'Please list at most 100 facilitators.')
        .superRefine(noRepeats('The address')),
    ),
};
