import { appendUpdate, interventionUpdateInputSchema, type Intervention } from '../../domain/model/intervention';
import { parseModel } from '../../domain/model/parse';
import type { Versioned } from '../../storage/entity-table';
import { InterventionVersionConflict } from '../../storage/intervention-repository';
import { InterventionChangedError } from './intervention-changed-error';
import { assertMayEdit, auditChange, authorOf, loadDirectory, loadIntervention, type InterventionAccess, type InterventionDeps } from './intervention-access';
import { detailOf, type InterventionDetail } from './intervention-view';

/** Tries before giving up when others keep adding at the same moment. */
const ATTEMPTS = 3;

/**
 * Adds an update to an intervention's log: anyone on the collaborative's list may, and a done
 * intervention still takes them. With a status, the intervention moves there too; that is an
 * edit, so only facilitators and owners may (ForbiddenError otherwise), and only by a legal
 * move (IllegalStateError). An update adds to whatever is stored, so when someone else saved
 * first it is simply added again to their version (the move checked afresh); after a few such
 * races InterventionChangedError carries the version now stored. Audited as
 * 'intervention.update_added'; the text itself is not copied into the audit trail.
 */
export async function addInterventionUpdate(deps: InterventionDeps, access: InterventionAccess, interventionId: string, body: unknown): Promise<InterventionDetail> {
  const input = parseModel(interventionUpdateInputSchema, body, 'update');
  let current = await loadIntervention(deps, access, interventionId);
  if (input.status !== undefined) assertMayEdit(access, current.value, 'change its status');
  const directory = await loadDirectory(deps, access.collaborative.id);
  const author = authorOf(access, directory);
  let saved: Versioned<Intervention> | undefined;
  for (let attempt = 1; !saved; attempt++) {
    const next = appendUpdate(current.value, input, deps.clock().toISOString(), author);
    try {
      saved = await deps.storage.interventions.update(current, next);
    } catch (error) {
      if (!(error instanceof InterventionVersionConflict)) throw error;
      if (attempt >= ATTEMPTS) throw new InterventionChangedError(detailOf(error.current, access, directory), error);
      current = error.current;
    }
  }
  const entry = saved.value.updates[saved.value.updates.length - 1]!;
  await auditChange(deps, access, directory, {
    action: 'intervention.update_added',
    subject: saved.value.id,
    details: { entries: saved.value.updates.length, ...(entry.statusChange ? { from: entry.statusChange.from, to: entry.statusChange.to } : {}) },
  });
  return detailOf(saved, access, directory);
}
