import { z } from 'zod';
import { dimensionSchema, DIMENSIONS } from '../instrument';
import { catalogueEntry, catalogueIdSchema, interventionKindSchema } from '../intervention-catalogue';
import { daySchema, guidSchema, idSchema, instantSchema, nameSchema } from './primitives';

/**
 * The shapes of an intervention: what is stored, and the bodies that create and edit one.
 * Import them from ./intervention.ts, which adds the rules for changing one.
 */

/** Where an intervention stands. */
export const interventionStatusSchema = z.enum(['proposed', 'agreed', 'in_progress', 'done', 'dropped']);
export type InterventionStatus = z.infer<typeof interventionStatusSchema>;

/** A tie between two workgroups, by id (names change and groups are retired). */
export const tieRefSchema = z.object({ from: idSchema, to: idSchema }).strict();
export type TieRef = z.infer<typeof tieRefSchema>;

const unique = <T>(key: (x: T) => string) => (xs: readonly T[]) => new Set(xs.map(key)).size === xs.length;

/** Where and when the collaborative agreed it, e.g. the March pathway workshop. */
export const agreedInSchema = z
  .object({
    meeting: z.string().trim().min(1, 'name the meeting where it was agreed').max(200, 'a meeting name is at most 200 characters'),
    on: daySchema,
  })
  .strict();

/** The text of an update: what happened, what was learnt. */
export const updateTextSchema = z
  .string()
  .trim()
  .min(1, 'an update needs some words')
  .max(2000, 'an update is at most 2,000 characters');

/** One entry of the update log. Entries are only ever added, never edited or removed. */
export const interventionUpdateSchema = z
  .object({
    at: instantSchema,
    /** Entra object id of the person who wrote it. */
    authorId: guidSchema,
    authorName: nameSchema,
    text: updateTextSchema,
    statusChange: z.object({ from: interventionStatusSchema, to: interventionStatusSchema }).strict().optional(),
  })
  .strict();
export type InterventionUpdate = z.infer<typeof interventionUpdateSchema>;

/** At most this many entries in one intervention's log (a row stays well under 1 MiB). */
export const MAX_UPDATES = 200;

/**
 * Every field of an intervention, without defaults (so an edit body never fills one in) and
 * without the rules that tie fields together (those are
 * added by each schema below, because zod cannot .pick() a refined object).
 */
export const interventionFields = z.object({
  id: idSchema,
  collaborativeId: idSchema,
  title: z.string().trim().min(1, 'an intervention needs a title').max(120, 'a title is at most 120 characters'),
  description: z.string().trim().max(2000, 'a description is at most 2,000 characters'),
  kind: interventionKindSchema,
  /** The catalogue entry it follows, when it follows one (see intervention-catalogue.ts). */
  catalogueId: catalogueIdSchema.optional(),
  ties: z.array(tieRefSchema).max(20, 'at most 20 ties').refine(unique((t: TieRef) => `${t.from}>${t.to}`), 'each tie is listed once'),
  dimensions: z.array(dimensionSchema).max(DIMENSIONS.length).refine(unique(String), 'each dimension is listed once'),
  /** Entra object ids of the people who own it (people on the collaborative's list). */
  ownerIds: z.array(guidSchema).max(10, 'at most 10 owners').refine(unique(String), 'each owner is listed once'),
  /** The pulse whose results it answers. */
  pulseId: idSchema.optional(),
  agreedIn: agreedInSchema.optional(),
  startOn: daySchema.optional(),
  dueOn: daySchema.optional(),
  status: interventionStatusSchema,
  /** When it was marked done; the impact is measured from pulses that opened after. */
  completedAt: instantSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  updates: z.array(interventionUpdateSchema).max(MAX_UPDATES, `at most ${MAX_UPDATES} updates`),
});

type Fields = z.infer<typeof interventionFields>;
type Rule = { ok: (x: Partial<Fields>) => boolean; message: string; path: string[] };

/** The rules between fields, shared by the stored shape and the create body. */
const INTERVENTION_RULES: readonly Rule[] = [
  {
    ok: (x) => !x.startOn || !x.dueOn || x.dueOn >= x.startOn,
    message: 'the due date cannot be before the start date',
    path: ['dueOn'],
  },
  {
    ok: (x) => (x.ties?.length ?? 0) + (x.dimensions?.length ?? 0) > 0,
    message: 'say which ties or dimensions it is meant to strengthen',
    path: ['ties'],
  },
  {
    ok: (x) => !x.catalogueId || catalogueEntry(x.catalogueId)?.kind === x.kind,
    message: 'the catalogue entry is not one we know, or is of another kind',
    path: ['catalogueId'],
  },
];

/** Adds the rules between fields to an object schema. */
function withInterventionRules<S extends z.ZodType<Partial<Fields>>>(schema: S, rules: readonly Rule[] = INTERVENTION_RULES) {
  return schema.superRefine((x, ctx) => {
    for (const r of rules) if (!r.ok(x)) ctx.addIssue({ code: 'custom', message: r.message, path: r.path });
  });
}

/** Rules that hold only for stored interventions, which have moved through their statuses. */
const STORED_RULES: readonly Rule[] = [
  ...INTERVENTION_RULES,
  {
    ok: (x) => !['in_progress', 'done'].includes(x.status ?? '') || (x.ownerIds?.length ?? 0) > 0,
    message: 'someone needs to own an intervention before it starts',
    path: ['ownerIds'],
  },
  {
    ok: (x) => !['in_progress', 'done'].includes(x.status ?? '') || x.startOn !== undefined,
    message: 'an intervention that has started needs a start date',
    path: ['startOn'],
  },
  {
    ok: (x) => (x.status === 'done') === (x.completedAt !== undefined),
    message: 'only an intervention that is done has a completion time',
    path: ['completedAt'],
  },
];

/** An intervention as stored. */
export const interventionSchema = withInterventionRules(interventionFields.strict(), STORED_RULES);
export type Intervention = z.infer<typeof interventionSchema>;

/** The fields a person may set and edit (the API bodies). */
const EDITABLE = {
  title: true,
  description: true,
  kind: true,
  catalogueId: true,
  ties: true,
  dimensions: true,
  ownerIds: true,
  pulseId: true,
  agreedIn: true,
  startOn: true,
  dueOn: true,
} as const;

/** The body that records a new intervention: it starts as proposed, or as already agreed. */
export const interventionCreateSchema = withInterventionRules(
  interventionFields
    .pick(EDITABLE)
    .extend({
      description: interventionFields.shape.description.default(''),
      ties: interventionFields.shape.ties.default([]),
      dimensions: interventionFields.shape.dimensions.default([]),
      ownerIds: interventionFields.shape.ownerIds.default([]),
      status: z.enum(['proposed', 'agreed']).default('proposed'),
    })
    .strict(),
);
export type InterventionCreate = z.infer<typeof interventionCreateSchema>;

/**
 * The body that edits one: any editable field, null to clear an optional one, a new status,
 * and an optional note for the log. The rules between fields are checked on the result.
 */
export const interventionPatchSchema = interventionFields
  .pick(EDITABLE)
  .partial()
  .extend({
    catalogueId: catalogueIdSchema.nullable().optional(),
    pulseId: idSchema.nullable().optional(),
    agreedIn: agreedInSchema.nullable().optional(),
    startOn: daySchema.nullable().optional(),
    dueOn: daySchema.nullable().optional(),
    status: interventionStatusSchema.optional(),
    note: updateTextSchema.optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'there is nothing to change');
export type InterventionPatch = z.infer<typeof interventionPatchSchema>;

/** The body that adds an update to the log, optionally moving the status on. */
export const interventionUpdateInputSchema = interventionUpdateSchema
  .pick({ text: true })
  .extend({ status: interventionStatusSchema.optional() })
  .strict();
export type InterventionUpdateInput = z.infer<typeof interventionUpdateInputSchema>;
