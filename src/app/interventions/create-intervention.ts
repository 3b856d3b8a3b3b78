import { randomBytes } from 'node:crypto';
import { createIntervention as recordIntervention, interventionCreateSchema } from '../../domain/model/intervention';
import { parseModel } from '../../domain/model/parse';
import { assertMayRecord, auditChange, contextOf, loadDirectory, type InterventionAccess, type InterventionDeps } from './intervention-access';
import { detailOf, type InterventionDetail } from './intervention-view';

/** A new intervention's id: random, so two facilitators recording at once never collide. */
function newInterventionId(): string {
  return `iv-${randomBytes(6).toString('hex')}`;
}

/**
 * Records an intervention the collaborative has proposed or agreed (facilitators only). The
 * body is checked whole (unknown fields, `__proto__` keys, ties to groups that are not the
 * collaborative's, owners not on its list are all refused with ValidationError, and nothing
 * is stored); its log starts with who recorded it. Audited as 'intervention.created'.
 */
export async function createIntervention(deps: InterventionDeps, access: InterventionAccess, body: unknown): Promise<InterventionDetail> {
  await assertMayRecord(deps, access);
  parseModel(interventionCreateSchema, body, 'intervention');
  const collaborativeId = access.collaborative.id;
  const directory = await loadDirectory(deps, collaborativeId);
  const intervention = recordIntervention(body, { id: newInterventionId(), collaborativeId }, deps.clock().toISOString(), contextOf(access, directory));
  const stored = await deps.storage.interventions.create(intervention);
  const { status, ties, dimensions, ownerIds } = intervention;
  await auditChange(deps, access, directory, {
    action: 'intervention.created',
    subject: intervention.id,
    details: { status, ties: ties.length, dimensions: dimensions.length, owners: ownerIds.length },
  });
  return detailOf(stored, access, directory);
}
