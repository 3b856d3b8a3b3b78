import { z } from 'zod';
import { interventionFields, tieRefSchema } from '../../domain/model/intervention';
import { parseModel } from '../../domain/model/parse';
import { loadDirectory, loadIntervention, type InterventionAccess, type InterventionDeps } from './intervention-access';
import { detailOf, summaryOf, type InterventionDetail, type InterventionSummary } from './intervention-view';

type ReadDeps = { storage: Pick<InterventionDeps['storage'], 'interventions' | 'workgroups' | 'members'> };

/**
 * Which interventions to list: those with a tie from and/or to a workgroup (both given: that
 * one tie), aimed at a dimension, owned by someone, or in a status. In the order asked:
 * 'recent' (last changed first) or 'mine_first' (the person's own first, then by the same).
 */
export const interventionFiltersSchema = z
  .object({
    tieFrom: tieRefSchema.shape.from.optional(),
    tieTo: tieRefSchema.shape.to.optional(),
    dimension: interventionFields.shape.dimensions.element.optional(),
    ownerId: interventionFields.shape.ownerIds.element.optional(),
    status: interventionFields.shape.status.optional(),
    order: z.enum(['recent', 'mine_first']).default('recent'),
  })
  .strict();
export type InterventionFilters = z.input<typeof interventionFiltersSchema>;

/** Newest change first; ties broken by title, then id, so the order is always the same. */
function byRecent(a: InterventionSummary, b: InterventionSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? 1 : -1;
  return a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : 1);
}

/**
 * The collaborative's interventions that match the filters, as summaries for the person
 * asking (anyone on the list may read them). A bad filter is a ValidationError.
 */
export async function listInterventions(deps: ReadDeps, access: InterventionAccess, filters: unknown = {}): Promise<InterventionSummary[]> {
  const f = parseModel(interventionFiltersSchema, filters, 'filter');
  const collaborativeId = access.collaborative.id;
  const [stored, directory] = await Promise.all([deps.storage.interventions.list(collaborativeId), loadDirectory(deps, collaborativeId)]);
  const matches = stored.filter(({ value: iv }) => {
    if ((f.tieFrom !== undefined || f.tieTo !== undefined) && !iv.ties.some((t) => (f.tieFrom ?? t.from) === t.from && (f.tieTo ?? t.to) === t.to)) return false;
    if (f.dimension !== undefined && !iv.dimensions.includes(f.dimension)) return false;
    if (f.ownerId !== undefined && !iv.ownerIds.includes(f.ownerId)) return false;
    return f.status === undefined || iv.status === f.status;
  });
  const summaries = matches.map((s) => summaryOf(s, access, directory));
  return summaries.sort((a, b) => (f.order === 'mine_first' && a.mine !== b.mine ? (a.mine ? -1 : 1) : byRecent(a, b)));
}

/** One intervention with its whole log (anyone on the list may read it); NotFoundError otherwise. */
export async function getIntervention(deps: ReadDeps, access: InterventionAccess, interventionId: string): Promise<InterventionDetail> {
  const [stored, directory] = await Promise.all([loadIntervention(deps, access, interventionId), loadDirectory(deps, access.collaborative.id)]);
  return detailOf(stored, access, directory);
}
