import { z } from 'zod';
import type { Workgroup } from '../../domain/model/workgroup';
import { parseModel } from '../../domain/model/parse';
import { idSchema } from '../../domain/model/primitives';
import { isEmptyPlan, listEntriesSchema, planNamedList, type ListEntry, type ListSummary } from './named-list-plan';
import { recordAudit } from '../audit';
import { loadCollaborative, type SetupDeps } from './setup-context';

/** What setWorkgroups is given: the collaborative and its wanted workgroups. */
export const setWorkgroupsInputSchema = z.object({ collaborativeId: idSchema, workgroups: listEntriesSchema });

export interface SetWorkgroupsResult {
  /** The workgroups pulses will now ask about, in the order given. */
  workgroups: Workgroup[];
  summary: ListSummary;
}

/**
 * Sets a collaborative's workgroups to the list given: adds new ones, renames those named by
 * id, brings back retired ones, and retires (never deletes) a workgroup that pulses or
 * members refer to; one nobody refers to is deleted. One transaction guarded by the list's
 * version: of two facilitators setting the list at once, one wins and the other gets
 * ConcurrencyError with nothing saved. Records 'workgroups.set' when anything changed.
 */
export async function setWorkgroups(
  deps: SetupDeps,
  input: { collaborativeId: string; workgroups: readonly ListEntry[] },
): Promise<SetWorkgroupsResult> {
  const { collaborativeId, workgroups } = parseModel(setWorkgroupsInputSchema, input, 'list of workgroups');
  await loadCollaborative(deps.storage, collaborativeId);
  const list = await deps.storage.workgroups.readList(collaborativeId);
  const [pulses, members] = await Promise.all([
    deps.storage.pulses.list(collaborativeId),
    deps.storage.members.list(collaborativeId),
  ]);
  const referenced = new Set<string>([
    ...pulses.flatMap((p) => p.targetWorkgroupIds),
    ...members.flatMap((m) => (m.workgroupId ? [m.workgroupId] : [])),
  ]);
  const plan = planNamedList('workgroup', list.rows, workgroups, {
    collaborativeId,
    now: deps.clock().toISOString(),
    isReferenced: (id) => referenced.has(id),
  });
  if (!isEmptyPlan(plan)) {
    await deps.storage.workgroups.saveChanges(list, plan);
    await recordAudit(deps, collaborativeId, 'workgroups.set', collaborativeId, { ...plan.summary });
  }
  return { workgroups: plan.active, summary: plan.summary };
}
