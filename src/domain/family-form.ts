import { z } from 'zod';
import { DIMENSIONS } from './instrument';
import { familySharingSchema, type FamilySharing } from './model/family';
import type { Ratings, TargetRatings } from './model/ratings';

/**
 * The family page's form, as a browser sends it (application/x-www-form-urlencoded, no
 * JavaScript needed): one radio group per item and target, named `r.<target>.<dimension>`,
 * whose value is the option's score ('1' to '5') or 'not_sure' (no answer, the default), and
 * the sharing choice `sharing`. Only the fields the page drew are accepted.
 */

/** The value of "I'm not sure": no answer. */
export const NOT_SURE = 'not_sure';

/** The name of the radio group for one item about one target. */
export function answerFieldName(targetId: string, dimension: string): string {
  return `r.${targetId}.${dimension}`;
}

const answerValue = z.enum(['1', '2', '3', '4', '5', NOT_SURE]);

export type FamilyFormReading =
  /** A complete form: store it. */
  | { kind: 'complete'; ratings: Ratings; sharing: FamilySharing }
  /** Readable but the sharing choice is missing: show it again, answers kept. */
  | { kind: 'no_sharing'; ratings: Ratings }
  /** Fields or values no form of ours sends: refuse, store nothing. */
  | { kind: 'unreadable'; problems: string[] };

/** The form's schema for a page asking about `targetIds`. */
function formSchema(targetIds: readonly string[]) {
  const shape: Record<string, z.ZodType> = { sharing: familySharingSchema.optional() };
  for (const target of targetIds) for (const d of DIMENSIONS) shape[answerFieldName(target, d)] = answerValue.optional();
  return z.object(shape).strict();
}

/**
 * Reads a submitted form (each field's values, as URLSearchParams gives them) for a page that
 * asked about `targetIds`. A field sent twice, an unknown field or value is unreadable; an item
 * left out counts as not sure (the page always sends one, the default).
 */
export function readFamilyForm(fields: Readonly<Record<string, readonly string[]>>, targetIds: readonly string[]): FamilyFormReading {
  const repeated = Object.entries(fields).filter(([, values]) => values.length !== 1).map(([name]) => name);
  if (repeated.length > 0) return { kind: 'unreadable', problems: repeated.map((name) => `${name}: sent more than once`) };
  const parsed = formSchema(targetIds).safeParse(Object.fromEntries(Object.entries(fields).map(([name, [value]]) => [name, value])));
  if (!parsed.success) return { kind: 'unreadable', problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`) };
  const data = parsed.data as Record<string, string | undefined>;
  const ratings: Ratings = {};
  for (const target of targetIds) {
    ratings[target] = Object.fromEntries(
      DIMENSIONS.map((d) => {
        const value = data[answerFieldName(target, d)];
        return [d, value === undefined || value === NOT_SURE ? null : Number(value)];
      }),
    ) as TargetRatings;
  }
  const sharing = data.sharing as FamilySharing | undefined;
  return sharing ? { kind: 'complete', ratings, sharing } : { kind: 'no_sharing', ratings };
}
