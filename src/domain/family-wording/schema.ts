import { z } from 'zod';
import { DIMENSIONS, type Dimension } from '../instrument';

/**
 * The shape of the family's plain-language version of a transition check (rc-measurement.md
 * section 5), one file per language beside this one. The scores are the staff instrument's,
 * so the family view is scored the same way; only the words differ.
 */

/**
 * How a family lets its answers be used: shown to the care team as theirs, or only counted
 * inside the overall figure (rc-measurement.md section 4, small teams).
 */
export const familySharingSchema = z.enum(['shared_with_team', 'overall_only']);
export type FamilySharing = z.infer<typeof familySharingSchema>;

const text = z.string().trim().min(1).max(400);

const familyItemSchema = z
  .object({
    question: text,
    /** In the order shown; the score is the staff instrument's score for the same option. */
    options: z
      .array(z.object({ label: text, score: z.int().min(1).max(5) }).strict())
      .length(5)
      .refine((o) => new Set(o.map((x) => x.score)).size === 5, 'each score from 1 to 5 is given by exactly one option'),
  })
  .strict();
export type FamilyItem = z.infer<typeof familyItemSchema>;

/** A page the family may land on instead of the questions, or after them. */
const pageSchema = z.object({ title: text, body: z.array(text).min(1) }).strict();

export const familyWordingSchema = z
  .object({
    /** BCP 47 tag, e.g. 'en-GB'. */
    language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
    title: text,
    intro: z.array(text).min(1),
    /** Said after the intro's first paragraph: how long it is, for one set of questions or one per team ({count}). */
    length: z.object({ one: text, groups: text.refine((t) => t.includes('{count}'), 'says how many teams with {count}') }).strict(),
    items: z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, familyItemSchema])) as Record<Dimension, typeof familyItemSchema>).strict(),
    /** The option that gives no answer. */
    notSure: text,
    sharing: z
      .object({ question: text, hint: text, options: z.object({ shared_with_team: text, overall_only: text }).strict() })
      .strict(),
    /**
     * A pulse with the families' voice asks about each staff group in turn: a section per
     * group, headed `heading` with {group} replaced by the group's name, asking `questions`
     * (the same options as `items`, so the same scores) about that group.
     */
    groups: z
      .object({
        heading: text.refine((t) => t.includes('{group}'), 'the heading names the group with {group}'),
        hint: text,
        questions: z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, text])) as Record<Dimension, typeof text>).strict(),
      })
      .strict(),
    submit: text,
    /** Said when the form is sent without a sharing choice. */
    chooseSharing: text,
    /** Heads the list of problems above a form sent back to be put right. */
    problemTitle: text,
    /** Put before the page's title when the form comes back with a problem. */
    errorPrefix: text,
    pages: z
      .object({
        thanks: pageSchema,
        closed: pageSchema,
        expired: pageSchema,
        used: pageSchema,
        tampered: pageSchema,
        /** Too many requests from one connection (rate limit). */
        busy: pageSchema,
        /** A form that could not be read (a value no form of ours sends). */
        unreadable: pageSchema,
        /** Something failed on our side (storage out of reach). */
        unavailable: pageSchema,
      })
      .strict(),
  })
  .strict();
export type FamilyWording = z.infer<typeof familyWordingSchema>;
