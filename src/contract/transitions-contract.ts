import { z } from 'zod';
import { catalogueEntrySchema } from '../domain/intervention-catalogue';
import { dimensionSchema } from '../domain/instrument';
import { transitionCloseReasonSchema, transitionCreateSchema, transitionStatusSchema, transitionTypeSchema } from '../domain/model/transition';
import { shownFigureSchema } from '../domain/shown-figure';

/**
 * The contract of the transition checks' routes (rc-measurement.md section 5), shared by the
 * server (src/http/transition-routes.ts) and the tab:
 *   POST /api/collaboratives/:id/transitions            start a check (transitionStartBodySchema)
 *   GET  /api/collaboratives/:id/transitions            the summary (transitionsSummarySchema)
 *   GET  /api/collaboratives/:id/transitions/:checkId   one check (transitionCheckBodySchema)
 *   POST /api/collaboratives/:id/transitions/:checkId/close
 * A refused reference (it looks like an NHS number, an e-mail address, a date or a phone
 * number) is a 422 whose `message` says why, and nothing is stored.
 *
 * A check's reference appears only in its own view (the check's starter, staff and the
 * collaborative's facilitators); the summary never carries a reference. Figures arrive only
 * once a check has closed (`published`), each already checked by the anonymity rules: a
 * figure that may not be shown is null.
 */

/** The start form's body: the domain's own schema (strict; the reference rule applies). */
export const transitionStartBodySchema = transitionCreateSchema;
export type TransitionStartBody = z.input<typeof transitionCreateSchema>;

/** One family link as the starter hands it on (shown once, at start, and in the check's own view). */
export const familyLinkBodySchema = z.object({
  linkId: z.string(),
  url: z.string(),
  expiresAt: z.string(),
  used: z.boolean(),
  /** An SVG QR code of the url, drawn on the server. */
  qrSvg: z.string(),
});
export type FamilyLinkBody = z.infer<typeof familyLinkBodySchema>;

/** Who can be reached: invited = staff + family links; reached = staff with a card on its way or sent, plus links issued; answered = staff and links who answered. */
export const transitionReachSchema = z.object({
  invited: z.int(),
  reached: z.int(),
  answered: z.int(),
  /** Entra object ids of staff the bot cannot reach yet (RC Pulse is not installed for them). */
  unreachable: z.array(z.string()),
});
export type TransitionReach = z.infer<typeof transitionReachSchema>;

export const transitionStaffBodySchema = z.object({ aadObjectId: z.string(), workgroupId: z.string(), workgroupName: z.string() });

const weakTieBodySchema = z.object({ fromId: z.string(), fromName: z.string(), toId: z.string(), toName: z.string(), figure: shownFigureSchema });
const weakDimensionBodySchema = z.object({ dimension: dimensionSchema, from: z.enum(['team', 'family']), figure: shownFigureSchema });

/** The figures a check published once, when it closed. */
export const transitionPublishedSchema = z.object({
  publishedAt: z.string(),
  k: z.int(),
  /** Staff who answered; null when fewer than k. */
  staffAnswered: z.int().nullable(),
  familyAnswered: z.int(),
  /** Mean of RC_between over the staff who answered; null when fewer than k. */
  teamRc: shownFigureSchema.nullable(),
  /** The family's answers they chose to share with the care team; null when none. */
  familyView: shownFigureSchema.nullable(),
  weakestTies: z.array(weakTieBodySchema),
  weakestDimensions: z.array(weakDimensionBodySchema),
  alert: z.object({
    weak: z.boolean(),
    because: z.array(z.enum(['team_rc', 'family_view'])),
    interventions: z.array(catalogueEntrySchema),
  }),
});
export type TransitionPublished = z.infer<typeof transitionPublishedSchema>;

/** One check, for its starter, its staff and the facilitators. */
export const transitionCheckBodySchema = z.object({
  id: z.string(),
  type: transitionTypeSchema,
  reference: z.string(),
  status: transitionStatusSchema,
  startedBy: z.string(),
  openedAt: z.string(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  closeReason: transitionCloseReasonSchema.nullable(),
  staff: z.array(transitionStaffBodySchema),
  familyLinks: z.int(),
  reach: transitionReachSchema,
  /** Whether the person asking may close it (its starter or a facilitator, while open). */
  canClose: z.boolean(),
  /** Null until the check closes: before that, progress only. */
  published: transitionPublishedSchema.nullable(),
});
export type TransitionCheckBody = z.infer<typeof transitionCheckBodySchema>;

/** The answer to a start: the check, its family links (hand them on now), and staff who cannot be reached yet. */
export const transitionStartedSchema = z.object({
  transition: transitionCheckBodySchema,
  familyLinks: z.array(familyLinkBodySchema),
  unreachable: z.array(z.string()),
});
export type TransitionStarted = z.infer<typeof transitionStartedSchema>;

/** The tab's summary: counts, team RC over time and the share that were weak, by type. No references. */
export const transitionsSummarySchema = z.object({
  k: z.int(),
  total: z.int(),
  open: z.int(),
  closed: z.int(),
  byType: z.array(
    z.object({
      type: transitionTypeSchema,
      checks: z.int(),
      open: z.int(),
      closed: z.int(),
      /** Closed checks whose team RC could be shown (at least k staff answered). */
      withTeamRc: z.int(),
      /** Of those, how many had a weak team RC, and the share (null when none). */
      weak: z.int(),
      weakShare: z.number().nullable(),
    }),
  ),
  /** Team RC of each closed check, oldest first (the day it closed and its type; never its reference). */
  overTime: z.array(z.object({ closedOn: z.string(), type: transitionTypeSchema, teamRc: shownFigureSchema.nullable() })),
  /**
   * The families' view by calendar month of closing (UTC), once the month is over: over every
   * family answer of the month, shown only when at least k answered and the answers counted
   * only in an overall figure number 0 or at least k, so none can be worked out by subtraction.
   */
  familyByMonth: z.array(z.object({ month: z.string(), figure: shownFigureSchema.nullable() })),
});
export type TransitionsSummary = z.infer<typeof transitionsSummarySchema>;
