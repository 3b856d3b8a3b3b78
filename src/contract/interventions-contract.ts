import { z } from 'zod';
import { impactChangeSchema, impactViewSchema } from '../domain/impact';
import { INTERVENTION_CATALOGUE } from '../domain/intervention-catalogue';
import {
  interventionCreateSchema,
  interventionFields,
  interventionPatchSchema,
  interventionStatusSchema,
  interventionUpdateInputSchema,
  interventionUpdateSchema,
} from '../domain/model/intervention-schema';
import { senseMakingViewSchema, tieLabelSchema } from '../domain/sense-making-view';
import { pulseSummarySchema } from './api-contract';

/**
 * The contract of the intervention tracker's routes, the "Talk it through" view and the
 * learning export: every body as a zod schema, shared by the server (src/http) and the tab.
 * Request bodies are the domain's own schemas (strict: an unknown field, `__proto__`
 * included, is refused), so the tab checks a form with the same rules the server applies.
 *
 * Writes answer with the intervention and its version in the `ETag` header; an edit sends
 * that version back in `If-Match` (428 without it). A stale edit gets 409 with the version
 * now stored (`interventionConflictSchema`), an illegal status move or a bad body 422.
 */

export { interventionCreateSchema, interventionPatchSchema, interventionStatusSchema, interventionUpdateInputSchema };
export type InterventionCreateBody = z.input<typeof interventionCreateSchema>;
export type InterventionPatchBody = z.input<typeof interventionPatchSchema>;
export type InterventionUpdateBody = z.input<typeof interventionUpdateInputSchema>;
export type InterventionStatusBody = z.infer<typeof interventionStatusSchema>;

/** Status words as people read them, in the board's order. */
export const STATUS_ORDER = interventionStatusSchema.options;

/** One entry of an intervention's log, oldest first. */
export const interventionLogEntrySchema = interventionUpdateSchema;
export type InterventionLogEntry = z.infer<typeof interventionLogEntrySchema>;

/** One intervention in a list: the stored fields (ties by name, owners by name), without its log. */
export const interventionSummaryBodySchema = interventionFields.omit({ updates: true, ties: true }).extend({
  /** The version an edit must be made from (also in the ETag header of a read of one). */
  etag: z.string(),
  ties: z.array(tieLabelSchema),
  owners: z.array(z.object({ id: z.string(), name: z.string() })),
  statusWords: z.string(),
  /** The statuses it may move to next: the only ones a form should offer. */
  nextStatuses: z.array(interventionStatusSchema),
  updateCount: z.int(),
  lastUpdate: interventionUpdateSchema.optional(),
  /** The signed-in person owns it. */
  mine: z.boolean(),
  /** The signed-in person may edit it (a facilitator or an owner); anyone on the list may add an update. */
  canEdit: z.boolean(),
});
export type InterventionSummaryBody = z.infer<typeof interventionSummaryBodySchema>;

/** One intervention with its whole log. */
export const interventionBodySchema = interventionSummaryBodySchema.extend({ updates: z.array(interventionLogEntrySchema) });
export type InterventionBody = z.infer<typeof interventionBodySchema>;

/** GET .../interventions: the matches, the person's own first when asked. */
export const interventionListSchema = z.object({ interventions: z.array(interventionSummaryBodySchema) });
export type InterventionList = z.infer<typeof interventionListSchema>;

/** Query of the list: a tie (from and/or to), a dimension, an owner, a status, and the order. */
export const interventionQuerySchema = z
  .object({
    from: interventionFields.shape.id.optional(),
    to: interventionFields.shape.id.optional(),
    dimension: interventionFields.shape.dimensions.element.optional(),
    owner: interventionFields.shape.ownerIds.element.optional(),
    status: interventionStatusSchema.optional(),
    order: z.enum(['recent', 'mine_first']).optional(),
  })
  .strict();
export type InterventionQuery = z.infer<typeof interventionQuerySchema>;

/** 409 on a stale edit: nothing was written, and `current` is the version someone else saved. */
export const interventionConflictSchema = z.object({ code: z.string(), message: z.string(), current: interventionBodySchema });
export type InterventionConflict = z.infer<typeof interventionConflictSchema>;

/** The catalogue a form offers: the domain's own, shipped with the tab. */
export const CATALOGUE = INTERVENTION_CATALOGUE;

// ---------------------------------------------------------------- impact

const impactPulseSchema = z.object({ id: z.string(), title: z.string().optional(), openedAt: z.string(), closedAt: z.string() });
const interventionRefSchema = interventionFields.pick({ id: true, title: true, status: true, startOn: true, completedAt: true });

/** One intervention's impact: measured between two pulses, or why not yet (in plain words). */
export const interventionImpactSchema = z.discriminatedUnion('measured', [
  z.object({
    intervention: interventionRefSchema,
    measured: z.literal(true),
    before: impactPulseSchema,
    after: impactPulseSchema,
    method: z.object({ k: z.int(), minItems: z.int() }),
    impact: impactViewSchema,
  }),
  z.object({
    intervention: interventionRefSchema,
    measured: z.literal(false),
    reason: z.enum(['not_started', 'no_pulse_before', 'no_pulse_after']),
    message: z.string(),
  }),
]);
export type InterventionImpact = z.infer<typeof interventionImpactSchema>;

/** Every intervention's impact, and for each targeted tie which interventions moved it. */
export const allImpactsSchema = z.object({
  interventions: z.array(interventionImpactSchema),
  ties: z.array(
    z.object({
      tie: tieLabelSchema,
      interventions: z.array(
        z.object({ id: z.string(), title: z.string(), status: interventionStatusSchema, before: z.string(), after: z.string(), rc: impactChangeSchema }),
      ),
    }),
  ),
});
export type AllImpacts = z.infer<typeof allImpactsSchema>;

// ---------------------------------------------------------------- talk it through

/** GET .../pulses/:pulseId/talk-it-through: the steps for a closed pulse (409 while it is open). */
export const talkItThroughSchema = z.object({
  pulse: pulseSummarySchema,
  /** The pulse compared with, when there is an earlier closed one. */
  comparedWith: pulseSummarySchema.nullable(),
  k: z.int(),
  view: senseMakingViewSchema,
});
export type TalkItThrough = z.infer<typeof talkItThroughSchema>;

// ---------------------------------------------------------------- paths

const enc = encodeURIComponent;
const base = (id: string) => `/api/collaboratives/${enc(id)}`;

/** The routes, as the tab should build them. */
export const interventionPaths = {
  list: (id: string, query: InterventionQuery = {}) => {
    const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
    return `${base(id)}/interventions${q ? `?${q}` : ''}`;
  },
  create: (id: string) => `${base(id)}/interventions`,
  one: (id: string, interventionId: string) => `${base(id)}/interventions/${enc(interventionId)}`,
  updates: (id: string, interventionId: string) => `${base(id)}/interventions/${enc(interventionId)}/updates`,
  impact: (id: string, interventionId: string) => `${base(id)}/interventions/${enc(interventionId)}/impact`,
  allImpacts: (id: string) => `${base(id)}/interventions/impact`,
  talkItThrough: (id: string, pulseId: string) => `${base(id)}/pulses/${enc(pulseId)}/talk-it-through`,
  learningMd: (id: string) => `${base(id)}/export/learning.md`,
  learningCsv: (id: string) => `${base(id)}/export/learning.csv`,
} as const;
