import { z } from 'zod';
import { dimensionSchema } from './instrument';
import { catalogueEntrySchema } from './intervention-catalogue';
import { shownFigureSchema } from './shown-figure';

/**
 * The "Talk it through" view of a closed pulse: steps a group goes through together in a
 * workshop or a Teams meeting. Built by ./sense-making.ts from shown figures only.
 */

/** A tie as people read it, by workgroup names of the day. */
export const tieLabelSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    fromName: z.string(),
    toName: z.string(),
    /** The within-group tie: how people in a group rate working with each other. */
    withinGroup: z.boolean(),
    /** e.g. "Mother and baby unit → Health visiting", or "Within Health visiting". */
    label: z.string(),
    /** e.g. "How Mother and baby unit rate working with Health visiting". */
    description: z.string(),
  })
  .strict();
export type TieLabel = z.infer<typeof tieLabelSchema>;

/** A tie as people read it; a workgroup without a name (never expected) shows its id. */
export function tieLabel(from: string, to: string, names: Readonly<Record<string, string>>): TieLabel {
  const fromName = Object.hasOwn(names, from) ? names[from]! : from;
  const toName = Object.hasOwn(names, to) ? names[to]! : to;
  return from === to
    ? { from, to, fromName, toName, withinGroup: true, label: `Within ${fromName}`, description: `How people in ${fromName} rate working with each other` }
    : { from, to, fromName, toName, withinGroup: false, label: `${fromName} → ${toName}`, description: `How ${fromName} rate working with ${toName}` };
}

export const suggestionSchema = catalogueEntrySchema.pick({ id: true, kind: true, title: true, description: true });
export type Suggestion = z.infer<typeof suggestionSchema>;

const dimensionFigureSchema = z.object({ dimension: dimensionSchema, title: z.string(), figure: shownFigureSchema }).strict();
export type DimensionFigure = z.infer<typeof dimensionFigureSchema>;

/** A published RC value from elsewhere, to set the collaborative's figure beside. */
export const referenceRangeSchema = z
  .object({ setting: z.string(), low: z.number(), high: z.number(), source: z.string() })
  .strict();
export type ReferenceRange = z.infer<typeof referenceRangeSchema>;

const text = z.string().min(1);
const common = { title: text, question: text };

/** What a change is about: the overall figure, a dimension, or a tie. */
const changeSubjectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('overall') }).strict(),
  z.object({ type: z.literal('dimension'), dimension: dimensionSchema, title: z.string() }).strict(),
  z.object({ type: z.literal('tie'), tie: tieLabelSchema }).strict(),
]);

export const senseMakingStepSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('intro'), ...common, paragraphs: z.array(text), overall: shownFigureSchema.nullable(), references: z.array(referenceRangeSchema) })
    .strict(),
  z.object({ kind: z.literal('strong_tie'), ...common, tie: tieLabelSchema, figure: shownFigureSchema }).strict(),
  z
    .object({
      kind: z.literal('weak_tie'),
      ...common,
      tie: tieLabelSchema,
      figure: shownFigureSchema,
      /** The tie's lowest shown dimensions, lowest first. */
      weakestDimensions: z.array(dimensionFigureSchema),
      suggestions: z.array(suggestionSchema),
    })
    .strict(),
  z
    .object({
      kind: z.literal('change'),
      ...common,
      subject: changeSubjectSchema,
      before: shownFigureSchema,
      after: shownFigureSchema,
      difference: z.number(),
      ci95: z.tuple([z.number(), z.number()]).nullable(),
      verdict: z.enum(['improved', 'declined']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('dimension_gap'),
      ...common,
      highest: dimensionFigureSchema,
      lowest: dimensionFigureSchema,
      suggestions: z.array(suggestionSchema),
    })
    .strict(),
  z.object({ kind: z.literal('closing'), ...common, paragraphs: z.array(text), suggestions: z.array(suggestionSchema) }).strict(),
]);
export type SenseMakingStep = z.infer<typeof senseMakingStepSchema>;

export const senseMakingViewSchema = z.object({ steps: z.array(senseMakingStepSchema).min(2) }).strict();
export type SenseMakingView = z.infer<typeof senseMakingViewSchema>;

/** Published RC values from other settings (rc-measurement.md section 1). */
export const PUBLISHED_REFERENCES: readonly ReferenceRange[] = [
  { setting: 'Hospital sites', low: 3.86, high: 4.22, source: 'Gittell 2000, Medical Care 38(8): nine hospitals' },
  { setting: 'A care-transition programme', low: 4.19, high: 4.19, source: 'VA TNP (mean)' },
  { setting: 'Norwegian care processes', low: 2.7, high: 4.5, source: 'Hustoft 2018' },
];
