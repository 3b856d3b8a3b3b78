import { z } from 'zod';
import {
  bandSchema,
  bandsSchema,
  dimensionFiguresSchema,
  figureSchema,
  perDimension,
  scoreReportSchema,
  tieFigureSchema,
  workgroupFiguresSchema as domainWorkgroupFiguresSchema,
  type Band,
  type Bands,
  type Figure,
} from '../domain/figures';
import { DIMENSIONS } from '../domain/instrument';
import { rateRowSchema, responseRatesSchema, type RateRow, type ResponseRates } from '../domain/model/response-rates';

/**
 * The contract between the server's /api routes and the results tab: every request and
 * response body as a zod schema, and its type by z.infer. Pure (zod and src/domain only), so
 * the browser imports it as it is and both sides check the same shapes. Figures are the
 * domain's own schemas (src/domain/figures.ts), with workgroup names added where the tab
 * needs them.
 *
 * Anonymity is decided on the server: a suppressed figure arrives with `suppressed: true` and
 * null mean, n and interval. The tab shows it as "fewer than k responses", never works it out.
 */

// ---------------------------------------------------------------- shared pieces

export const roleSchema = z.enum(['viewer', 'facilitator']);
/** viewer: on the collaborative's list; facilitator: named in its facilitators. */
export type Role = z.infer<typeof roleSchema>;

export { bandSchema, bandsSchema, dimensionFiguresSchema, figureSchema };
export type { Band };
export type ApiBands = Bands;

export const apiDimensionSchema = z.enum(DIMENSIONS);
export type ApiDimension = z.infer<typeof apiDimensionSchema>;

/** A published figure (full precision; round only for display). Suppressed: all nulls. */
export type ApiFigure = Figure;

/** Every error body: a code a program can test and a message a person can act on. */
export const errorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  /** Present for unexpected failures: quoted to support, found in the server log. */
  reference: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

// ---------------------------------------------------------------- GET /api/me

export const collaborativeRefSchema = z.object({ id: z.string(), name: z.string(), role: roleSchema });
export type CollaborativeRef = z.infer<typeof collaborativeRefSchema>;

export const meResponseSchema = z.object({
  user: z.object({
    name: z.string(),
    /** Entra object id (oid). */
    id: z.string(),
    upn: z.string().nullable(),
    tenantId: z.string(),
  }),
  /** Collaboratives the person may see, with their role in each (may be empty). */
  collaboratives: z.array(collaborativeRefSchema),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

// ---------------------------------------------------------------- GET /api/teams/:teamId/collaborative

/** The collaborative linked to a Teams team (404 `not_linked` when none). */
export const teamCollaborativeResponseSchema = z.object({ collaborative: collaborativeRefSchema });
export type TeamCollaborativeResponse = z.infer<typeof teamCollaborativeResponseSchema>;

// ---------------------------------------------------------------- GET /api/collaboratives/:id

export const workgroupInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  organisationId: z.string().nullable(),
  /** Retired groups are kept so past results still name them. */
  retired: z.boolean(),
});
export type WorkgroupInfo = z.infer<typeof workgroupInfoSchema>;

export const organisationInfoSchema = z.object({ id: z.string(), name: z.string(), retired: z.boolean() });
export type OrganisationInfo = z.infer<typeof organisationInfoSchema>;

export const collaborativeResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  focalProcess: z.string(),
  k: z.int(),
  minItems: z.int(),
  bands: bandsSchema,
  instrument: z.object({ id: z.string(), name: z.string() }),
  workgroups: z.array(workgroupInfoSchema),
  organisations: z.array(organisationInfoSchema),
  role: roleSchema,
});
export type CollaborativeResponse = z.infer<typeof collaborativeResponseSchema>;

// ---------------------------------------------------------------- GET /api/collaboratives/:id/pulses

export const pulseSummarySchema = z.object({
  id: z.string(),
  /** A title when one was given, else null (show the focal process instead). */
  title: z.string().nullable(),
  kind: z.enum(['survey', 'transition']),
  /** 'cancelled' pulses are not listed (nothing of them is ever published). */
  status: z.enum(['draft', 'open', 'closed', 'cancelled']),
  focalProcess: z.string(),
  /** ISO instants (UTC) or null. */
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type PulseSummary = z.infer<typeof pulseSummarySchema>;

/** Newest first. Drafts are listed for facilitators only. */
export const pulsesResponseSchema = z.object({ pulses: z.array(pulseSummarySchema) });
export type PulsesResponse = z.infer<typeof pulsesResponseSchema>;

// ---------------------------------------------------------------- GET .../pulses/:pulseId/results

/** A tie (the domain's) with the names of its two groups. */
export const tieFiguresSchema = tieFigureSchema.extend({ fromName: z.string(), toName: z.string() });
export type TieFigures = z.infer<typeof tieFiguresSchema>;

/** A workgroup's figures (the domain's), by id and name. */
export const workgroupFiguresSchema = domainWorkgroupFiguresSchema.omit({ workgroup: true }).extend({ id: z.string(), name: z.string() });
export type WorkgroupFiguresBody = z.infer<typeof workgroupFiguresSchema>;

/** The scoring report (rc-measurement.md section 6) with workgroup ids and names; k and minItems are in the method. */
export const figuresSchema = scoreReportSchema.omit({ k: true, minItems: true }).extend({
  ties: z.array(tieFiguresSchema),
  workgroups: z.array(workgroupFiguresSchema),
});
export type Figures = z.infer<typeof figuresSchema>;

/** How a pulse's figures were made: its own method, copied onto it when it opened. */
export const methodSchema = z.object({
  k: z.int(),
  minItems: z.int(),
  bands: bandsSchema,
  instrument: z.object({ id: z.string(), name: z.string() }),
});
export type Method = z.infer<typeof methodSchema>;

/** Response rates are the domain's, as the close stored them beside the figures. */
export { rateRowSchema, responseRatesSchema };
export type { RateRow, ResponseRates };

/*
 * A survey pulse's figures are published once, when it closes, and never change
 * (rc-measurement.md section 4). The results of a pulse are therefore in one of four states:
 *   open        not closed yet: progress only, and when figures will appear;
 *   preparing   closed, and the close has not finished storing its figures yet;
 *   no_figures  closed, but nobody (or fewer than k) answered;
 *   figures     closed, with its final figures.
 */

const resultsBase = z.object({ pulse: pulseSummarySchema, method: methodSchema });

/**
 * The pulse is still open (or, for facilitators, a draft): no figure at all, only how it is
 * going. `answered` is null below k ("fewer than k"), so a small count never shows.
 */
export const openResultsSchema = resultsBase.extend({
  state: z.literal('open'),
  /** ISO instant the pulse closes, when it has a closing date. */
  closesAt: z.string().nullable(),
  progress: z.object({
    /** People invited (0 for a pulse not run in Teams). */
    invited: z.int(),
    /** People who have answered so far; null when fewer than k. */
    answered: z.int().nullable(),
  }),
  /** e.g. "Figures appear when the pulse closes on Monday 21 December. So far fewer than 5 people have answered." */
  message: z.string(),
});

/** Closed, but its figures are not stored yet (a close that stopped half-way is finished by the close job). */
export const preparingResultsSchema = resultsBase.extend({
  state: z.literal('preparing'),
  message: z.string(),
});

/** Figures are published: the final ones, as the close stored them. */
export const publishedResultsSchema = resultsBase.extend({
  state: z.literal('figures'),
  responseRates: responseRatesSchema,
  publishedAt: z.string(),
  figures: figuresSchema,
});

/**
 * The pulse closed with nobody (`no_responses`) or fewer than k (`too_few`) answering. A
 * designed state, not an error; `message` says so plainly.
 */
export const noFiguresResultsSchema = resultsBase.extend({
  state: z.literal('no_figures'),
  responseRates: responseRatesSchema,
  reason: z.enum(['no_responses', 'too_few']),
  message: z.string(),
});

export const resultsResponseSchema = z.discriminatedUnion('state', [openResultsSchema, preparingResultsSchema, publishedResultsSchema, noFiguresResultsSchema]);
export type ResultsResponse = z.infer<typeof resultsResponseSchema>;
export type OpenResults = z.infer<typeof openResultsSchema>;
export type PreparingResults = z.infer<typeof preparingResultsSchema>;
export type PublishedResults = z.infer<typeof publishedResultsSchema>;
export type NoFiguresResults = z.infer<typeof noFiguresResultsSchema>;
/** A closed pulse's final results: its figures, or why there are none. */
export type FinalResults = PublishedResults | NoFiguresResults;

// ---------------------------------------------------------------- GET .../pulses/:pulseId/compare?with=:earlierPulseId

export const changeVerdictSchema = z.enum(['improved', 'declined', 'no clear change']);
export type ChangeVerdict = z.infer<typeof changeVerdictSchema>;

/** One figure then and now; difference, interval and verdict are null when either side is suppressed. */
export const changeSchema = z.object({
  before: figureSchema,
  after: figureSchema,
  /** after - before */
  difference: z.number().nullable(),
  /** Welch 95% interval of the difference. */
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  verdict: changeVerdictSchema.nullable(),
  suppressed: z.boolean(),
});
export type ApiChange = z.infer<typeof changeSchema>;

export const tieChangeSchema = changeSchema.extend({
  from: z.string(),
  fromName: z.string(),
  to: z.string(),
  toName: z.string(),
  dimensions: perDimension(changeSchema),
});
export type TieChangeBody = z.infer<typeof tieChangeSchema>;

/**
 * This pulse against an earlier one. Both must be closed with their final figures stored
 * (409 `pulse_open` otherwise: an open pulse has no figures) and survey pulses of the same
 * collaborative. Each pulse is scored with its own method.
 */
export const compareResponseSchema = z.object({
  pulse: pulseSummarySchema,
  earlier: pulseSummarySchema,
  method: methodSchema,
  respondents: z.object({ before: z.int(), after: z.int() }),
  overall: changeSchema,
  overallBetween: changeSchema,
  dimensions: perDimension(changeSchema),
  indices: z.object({ communication: changeSchema, relationship: changeSchema }),
  ties: z.array(tieChangeSchema),
  /**
   * Like with like: false when the two pulses asked different groups or rated different
   * groups; then only the ties both asked about are compared, and the whole-collaborative
   * changes are empty (null). Absent from older servers: read as true.
   */
  sameScope: z.boolean().optional(),
  /** Ties one of the pulses did not ask about, left out of the comparison. */
  leftOut: z.array(z.object({ from: z.string(), fromName: z.string(), to: z.string(), toName: z.string(), notAskedIn: z.enum(['earlier', 'later', 'both']) })).optional(),
});
export type CompareResponse = z.infer<typeof compareResponseSchema>;

/** Query of the compare route. */
export const compareQuerySchema = z.object({ with: z.string().min(1) });
export type CompareQuery = z.infer<typeof compareQuerySchema>;

// ---------------------------------------------------------------- development sign-in (AUTH_MODE=development only)

/** GET /api/dev/users: the demo people a developer can sign in as. */
export const devUsersResponseSchema = z.object({
  users: z.array(z.object({ upn: z.string(), name: z.string(), role: roleSchema })),
});
export type DevUsersResponse = z.infer<typeof devUsersResponseSchema>;

/** POST /api/dev/token body. */
export const devTokenRequestSchema = z.object({ upn: z.string().trim().toLowerCase().min(3).max(320) }).strict();
export type DevTokenRequest = z.infer<typeof devTokenRequestSchema>;

export const devTokenResponseSchema = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  /** ISO instant. */
  expiresAt: z.string(),
});
export type DevTokenResponse = z.infer<typeof devTokenResponseSchema>;

// ---------------------------------------------------------------- paths

const enc = encodeURIComponent;

/**
 * The routes, as the tab should build them. Every one needs `Authorization: Bearer <token>`
 * except the dev ones. Exports are files (CSV / XLSX), not JSON; responses.csv is for
 * facilitators only (403 for viewers).
 */
export const apiPaths = {
  me: () => '/api/me',
  /** teamId: the team's thread id, 19:...@thread.tacv2 (teams-js context `team.internalId`), as the bot records it. */
  teamCollaborative: (teamId: string) => `/api/teams/${enc(teamId)}/collaborative`,
  collaborative: (id: string) => `/api/collaboratives/${enc(id)}`,
  pulses: (id: string) => `/api/collaboratives/${enc(id)}/pulses`,
  results: (id: string, pulseId: string) => `/api/collaboratives/${enc(id)}/pulses/${enc(pulseId)}/results`,
  compare: (id: string, pulseId: string, earlierPulseId: string) =>
    `/api/collaboratives/${enc(id)}/pulses/${enc(pulseId)}/compare?with=${enc(earlierPulseId)}`,
  figuresCsv: (id: string, pulseId: string) => `/api/collaboratives/${enc(id)}/pulses/${enc(pulseId)}/export/figures.csv`,
  figuresXlsx: (id: string, pulseId: string) => `/api/collaboratives/${enc(id)}/pulses/${enc(pulseId)}/export/figures.xlsx`,
  responsesCsv: (id: string, pulseId: string) => `/api/collaboratives/${enc(id)}/pulses/${enc(pulseId)}/export/responses.csv`,
  devUsers: () => '/api/dev/users',
  devToken: () => '/api/dev/token',
} as const;
