import type restify from 'restify';
import {
  addInterventionUpdate,
  allInterventionImpacts,
  createIntervention,
  getIntervention,
  interventionImpact,
  InterventionChangedError,
  listInterventions,
  updateIntervention,
  type InterventionDetail,
} from '../app/interventions';
import { learningExport } from '../app/interventions/learning-export';
import type { CompareDeps } from '../app/results/compare-view';
import type { ResultsDeps } from '../app/results/results-view';
import type { SignedInPerson } from '../app/results/signed-in-person';
import { talkItThrough } from '../app/results/talk-it-through';
import { UnprocessableError } from '../app/results/unprocessable-error';
import type { CollaborativeAccess } from '../app/results/collaborative-access';
import { interventionQuerySchema, type InterventionBody, type InterventionConflict, type TalkItThrough } from '../contract/interventions-contract';
import { AppError, IllegalStateError, ValidationError } from '../domain/errors';
import { learningCsv } from '../domain/learning-csv';
import { learningMarkdown } from '../domain/learning-report';
import { idSchema } from '../domain/model/primitives';
import type { Storage } from '../storage/storage';
import { pulseSummary } from './results-mapper';
import { input, param, queryOf, signedInRoute, type Reply, type RouteKit } from './route-kit';

/**
 * The intervention tracker's routes (the first that write), "Talk it through" and the learning
 * export. Thin like the rest of /api: each checks the sign-in and its input, calls a use-case
 * and maps the answer (src/contract/interventions-contract.ts). Every change is audited by
 * its use-case. Writes answer with the intervention's version in `ETag`; an edit must send
 * it back in `If-Match` (428 without), and a stale one gets 409 with the version now stored.
 */

export interface InterventionRouteDeps {
  storage: Storage;
  clock: () => Date;
  /** The results use-cases' dependencies, caches included (shared with the results routes). */
  results: ResultsDeps;
  compare: CompareDeps;
  collaborativeOf(req: restify.Request, person: SignedInPerson): Promise<CollaborativeAccess>;
}

/** 428: an edit that does not say which version it was made from. */
export class PreconditionRequiredError extends AppError {
  constructor() {
    super({
      code: 'version_needed',
      status: 428,
      userMessage:
        'Please reload the intervention and make your change again: the change did not say which version it was made from, so it could overwrite someone else’s.',
      detail: 'PATCH without If-Match',
    });
  }
}

/**
 * For the intervention routes, a body that breaks the model's rules (ValidationError) or a
 * status move the rules do not allow (IllegalStateError) is a request that cannot be done as
 * asked: 422 with the domain's own words. A stale edit keeps its 409.
 */
function asUnprocessable(error: unknown): unknown {
  if (error instanceof ValidationError || error instanceof IllegalStateError) return new UnprocessableError(error.userMessage, error.message, error.code);
  return error;
}

/** The intervention as its body, with its version in the ETag header. */
function withVersion(detail: InterventionDetail, status = 200): Reply {
  const body: InterventionBody = detail;
  return { status, json: body, headers: { ETag: detail.etag } };
}

/** A write: its answer with its version, or 409 with the other person's version. */
async function write(run: () => Promise<InterventionDetail>, status = 200): Promise<Reply> {
  try {
    return withVersion(await run(), status);
  } catch (error) {
    if (error instanceof InterventionChangedError) {
      const body: InterventionConflict = { code: error.code, message: error.userMessage, current: error.current };
      return { status: 409, json: body, headers: { ETag: error.current.etag } };
    }
    throw asUnprocessable(error);
  }
}

const FILE_TYPES = { md: 'text/markdown; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

/** Mounts the routes on `server`. */
export function registerInterventionRoutes(server: restify.Server, kit: RouteKit, deps: InterventionRouteDeps): void {
  const { storage, clock } = deps;
  const ivDeps = { storage, clock };
  const BASE = '/api/collaboratives/:id/interventions';
  const ONE = `${BASE}/:interventionId`;
  const ivId = (req: restify.Request) => param(req, 'interventionId', idSchema, 'intervention');
  const route = (handle: (req: restify.Request, access: CollaborativeAccess) => Promise<Reply>) =>
    signedInRoute(kit, async (req, person) => handle(req, await deps.collaborativeOf(req, person)));

  server.get(
    BASE,
    route(async (req, access) => {
      const q = input(queryOf(req), interventionQuerySchema, 'filter');
      const filters = { tieFrom: q.from, tieTo: q.to, dimension: q.dimension, ownerId: q.owner, status: q.status, order: q.order };
      const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
      return { json: { interventions: await listInterventions(ivDeps, access, defined).catch((e: unknown) => Promise.reject(asUnprocessable(e))) } };
    }),
  );
  server.post(BASE, route(async (req, access) => write(() => createIntervention(ivDeps, access, req.body ?? {}), 201)));
  // Before ONE, so that "impact" is never read as an intervention id.
  server.get(`${BASE}/impact`, route(async (_req, access) => ({ json: await allInterventionImpacts(ivDeps, access) })));
  server.get(ONE, route(async (req, access) => withVersion(await getIntervention(ivDeps, access, ivId(req)))));
  server.patch(
    ONE,
    route(async (req, access) => {
      const ifMatch = req.header('if-match', '').trim();
      if (ifMatch === '' || ifMatch === '*') throw new PreconditionRequiredError();
      return write(() => updateIntervention(ivDeps, access, ivId(req), req.body ?? {}, ifMatch));
    }),
  );
  server.post(`${ONE}/updates`, route(async (req, access) => write(() => addInterventionUpdate(ivDeps, access, ivId(req), req.body ?? {}), 201)));
  server.get(`${ONE}/impact`, route(async (req, access) => ({ json: await interventionImpact(ivDeps, access, ivId(req)) })));

  server.get(
    '/api/collaboratives/:id/pulses/:pulseId/talk-it-through',
    route(async (req, access) => {
      const found = await talkItThrough({ ...deps.results, ...deps.compare, pulses: storage.pulses, responses: storage.responses, workgroups: storage.workgroups }, access, param(req, 'pulseId', idSchema, 'pulse'));
      const body: TalkItThrough = { pulse: pulseSummary(found.pulse), comparedWith: found.comparedWith ? pulseSummary(found.comparedWith) : null, k: found.k, view: found.view };
      return { json: body };
    }),
  );
  const learning = (format: 'md' | 'csv') =>
    route(async (_req, access) => {
      const report = await learningExport({ results: deps.results, impact: ivDeps, storage, clock }, access);
      const body = format === 'md' ? learningMarkdown(report) : learningCsv(report);
      return { file: { filename: `rc-pulse-${access.collaborative.id}-learning.${format}`, contentType: FILE_TYPES[format], body } };
    });
  server.get('/api/collaboratives/:id/export/learning.md', learning('md'));
  server.get('/api/collaboratives/:id/export/learning.csv', learning('csv'));
}
