import {
  allImpactsSchema,
  interventionBodySchema,
  interventionConflictSchema,
  interventionImpactSchema,
  interventionListSchema,
  interventionPaths,
  talkItThroughSchema,
  type InterventionBody,
  type InterventionConflict,
  type InterventionCreateBody,
  type InterventionPatchBody,
  type InterventionQuery,
  type InterventionUpdateBody,
} from '../../../src/contract/interventions-contract';
import { ApiError, type ApiClient } from '../api/api-client';

/**
 * The intervention routes as the tab calls them: every body checked against the shared
 * contract, every edit sent with the version it was made from (If-Match).
 */

/** Someone else saved the intervention first: nothing was written; `current` is their version. */
export class EditConflict extends Error {
  constructor(readonly current: InterventionBody) {
    super('Someone else changed this while you were editing');
    this.name = 'EditConflict';
  }
}

/** A 409 that carries the stored version, as an EditConflict; any other failure unchanged. */
function conflictOr(err: unknown): unknown {
  if (err instanceof ApiError && err.status === 409) {
    const parsed = interventionConflictSchema.safeParse(err.body);
    if (parsed.success) return new EditConflict((parsed.data as InterventionConflict).current);
  }
  return err;
}

/** The typed calls, bound to one collaborative. */
export function interventionApi(api: ApiClient, collaborativeId: string) {
  const id = collaborativeId;
  return {
    list: (query: InterventionQuery = {}) => api.get(interventionPaths.list(id, query), interventionListSchema),
    one: async (interventionId: string) => (await api.get(interventionPaths.one(id, interventionId), interventionBodySchema)),
    create: async (body: InterventionCreateBody) => (await api.send('POST', interventionPaths.create(id), body, interventionBodySchema)).data,
    /** Sends `If-Match: etag`; a stale edit throws EditConflict with the other person's version. */
    edit: async (interventionId: string, etag: string, body: InterventionPatchBody) =>
      (await api.send('PATCH', interventionPaths.one(id, interventionId), body, interventionBodySchema, etag).catch((e: unknown) => Promise.reject(conflictOr(e)))).data,
    addUpdate: async (interventionId: string, body: InterventionUpdateBody) =>
      (await api.send('POST', interventionPaths.updates(id, interventionId), body, interventionBodySchema)).data,
    impact: (interventionId: string) => api.get(interventionPaths.impact(id, interventionId), interventionImpactSchema),
    allImpacts: () => api.get(interventionPaths.allImpacts(id), allImpactsSchema),
    talkItThrough: (pulseId: string) => api.get(interventionPaths.talkItThrough(id, pulseId), talkItThroughSchema),
  };
}
export type InterventionApi = ReturnType<typeof interventionApi>;
