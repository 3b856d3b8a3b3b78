import { z } from 'zod';
import type { Organisation } from '../../domain/model/organisation';
import { parseModel } from '../../domain/model/parse';
import { idSchema } from '../../domain/model/primitives';
import { isEmptyPlan, listEntriesSchema, planNamedList, type ListEntry, type ListSummary } from './named-list-plan';
import { recordAudit } from '../audit';
import { loadCollaborative, type SetupDeps } from './setup-context';

/** What setOrganisations is given: the collaborative and its wanted organisations. */
export const setOrganisationsInputSchema = z.object({ collaborativeId: idSchema, organisations: listEntriesSchema });

export interface SetOrganisationsResult {
  /** The partner organisations now, in the order given. */
  organisations: Organisation[];
  summary: ListSummary;
}

/**
 * Sets a collaborative's organisations (partner Trusts) to the list given, the same way as
 * setWorkgroups: an organisation that members or workgroups refer to is retired, never
 * deleted. One guarded transaction; records 'organisations.set' when anything changed.
 */
export async function setOrganisations(
  deps: SetupDeps,
  input: { collaborativeId: string; organisations: readonly ListEntry[] },
): Promise<SetOrganisationsResult> {
  const { collaborativeId, organisations } = parseModel(setOrganisationsInputSchema, input, 'list of organisations');
  await loadCollaborative(deps.storage, collaborativeId);
  const list = await deps.storage.organisations.readList(collaborativeId);
  const [members, workgroups] = await Promise.all([
    deps.storage.members.list(collaborativeId),
    deps.storage.workgroups.list(collaborativeId),
  ]);
  const referenced = new Set<string>([
    ...members.map((m) => m.organisationId),
    ...workgroups.flatMap((w) => (w.organisationId ? [w.organisationId] : [])),
  ]);
  const plan = planNamedList('organisation', list.rows, organisations, {
    collaborativeId,
    now: deps.clock().toISOString(),
    isReferenced: (id) => referenced.has(id),
  });
  if (!isEmptyPlan(plan)) {
    await deps.storage.organisations.saveChanges(list, plan);
    await recordAudit(deps, collaborativeId, 'organisations.set', collaborativeId, { ...plan.summary });
  }
  return { organisations: plan.active, summary: plan.summary };
}
