import { z } from 'zod';
import { ValidationError } from '../../domain/errors';
import { applyInterventionChange, interventionFields, interventionPatchSchema, type Intervention } from '../../domain/model/intervention';
import { parseModel } from '../../domain/model/parse';
import { InterventionVersionConflict } from '../../storage/intervention-repository';
import { InterventionChangedError } from './intervention-changed-error';
import { assertMayEdit, auditChange, contextOf, loadDirectory, loadIntervention, type InterventionAccess, type InterventionDeps } from './intervention-access';
import { detailOf, type InterventionDetail } from './intervention-view';

/** The version an edit was made from: the ETag the person was shown. */
const expectedVersionSchema = z.string().trim().min(1).max(1000);

/** The fields whose stored value differs between two versions (for the audit trail). */
function changedFields(before: Intervention, after: Intervention): string[] {
  const ignored = new Set(['updates', 'updatedAt']);
  return Object.keys(interventionFields.shape).filter(
    (key) => !ignored.has(key) && JSON.stringify(before[key as keyof Intervention]) !== JSON.stringify(after[key as keyof Intervention]),
  );
}

/**
 * Edits an intervention (facilitators and its owners only): fields set or cleared, a status
 * move (legal moves only, logged with the author), an optional note for the log. The edit
 * must name the version it was made from (`expectedEtag`); if someone changed the
 * intervention since, nothing is written and InterventionChangedError carries their version.
 * Refusals, each with nothing stored: ValidationError (a bad body), ForbiddenError (not a
 * facilitator or owner), IllegalStateError (a move the rules do not allow, or an edit of a
 * done intervention). Audited as 'intervention.changed' with the names of the fields changed.
 */
export async function updateIntervention(
  deps: InterventionDeps,
  access: InterventionAccess,
  interventionId: string,
  patch: unknown,
  expectedEtag: unknown,
): Promise<InterventionDetail> {
  parseModel(interventionPatchSchema, patch, 'change');
  const expected = expectedVersionSchema.safeParse(expectedEtag);
  if (!expected.success) {
    throw new ValidationError(
      'Please reload the intervention and make your change again: the change did not say which version of it you were looking at.',
      ['expectedEtag: the version (ETag) the change was made from is needed'],
    );
  }
  const current = await loadIntervention(deps, access, interventionId);
  assertMayEdit(access, current.value);
  const directory = await loadDirectory(deps, access.collaborative.id);
  if (current.etag !== expected.data) throw new InterventionChangedError(detailOf(current, access, directory));
  const next = applyInterventionChange(current.value, patch, deps.clock().toISOString(), contextOf(access, directory, current.value));
  let saved;
  try {
    saved = await deps.storage.interventions.update(current, next);
  } catch (error) {
    if (error instanceof InterventionVersionConflict) throw new InterventionChangedError(detailOf(error.current, access, directory), error);
    throw error;
  }
  const moved = current.value.status !== next.status ? { from: current.value.status, to: next.status } : {};
  await auditChange(deps, access, directory, {
    action: 'intervention.changed',
    subject: next.id,
    details: { fields: changedFields(current.value, next), ...moved, note: next.updates.length > current.value.updates.length },
  });
  return detailOf(saved, access, directory);
}
