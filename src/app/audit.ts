import { parseModel } from '../domain/model/parse';
import type { Storage } from '../storage/storage';
import { auditActorSchema, type AuditActor, type Clock } from './ports';

/**
 * What writing an audit row needs: where it goes (anything holding storage's audit
 * repository: Storage, a use-case's deps), the clock that says when, and who acts.
 */
export interface AuditDeps {
  storage: { audit: Pick<Storage['audit'], 'record'> };
  clock: Clock;
  actor: AuditActor;
}

/**
 * Writes one audit row: who (the actor), what (a dotted action and its subject) and when
 * (the clock). Every use-case writes its audit rows through here. Called after the change it
 * records has been saved, so the trail never shows a change that did not happen. Details hold
 * ids and counts, never answers.
 */
export async function recordAudit(
  deps: AuditDeps,
  collaborativeId: string,
  action: string,
  subject?: string,
  details?: Record<string, unknown>,
): Promise<void> {
  const actor = parseModel(auditActorSchema, deps.actor, 'actor');
  await deps.storage.audit.record({
    collaborativeId,
    at: deps.clock().toISOString(),
    actorId: actor.id,
    ...(actor.name ? { actorName: actor.name } : {}),
    action,
    ...(subject ? { subject } : {}),
    ...(details ? { details } : {}),
  });
}
