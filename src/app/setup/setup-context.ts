import { z } from 'zod';
import { NotFoundError } from '../../domain/errors';
import type { Collaborative } from '../../domain/model/collaborative';
import { parseModel } from '../../domain/model/parse';
import type { Versioned } from '../../storage/entity-table';
import type { Storage } from '../../storage/storage';
import type { Clock } from '../ports';

/** The real clock (the use-cases' Clock, from ports.ts, so tests can fix it). */
export const systemClock: Clock = () => new Date();

/**
 * Who is making a change, as the audit trail records it: an Entra object id, or 'cli' /
 * 'system' for work nobody clicked (the ports' Actor is the person in Teams).
 */
export const actorSchema = z.object({
  id: z.string().trim().min(1, 'an actor id is needed').max(100),
  name: z.string().trim().min(1).max(200).optional(),
});
export type AuditActor = z.infer<typeof actorSchema>;

/** The repositories the set-up use-cases read and write. */
export type SetupStorage = Pick<Storage, 'collaboratives' | 'organisations' | 'workgroups' | 'members' | 'pulses' | 'audit'>;

/** What every set-up use-case is given: storage, a clock and the person acting. */
export interface SetupDeps {
  storage: SetupStorage;
  clock: Clock;
  actor: AuditActor;
}

/**
 * Writes one audit row: who (the actor), what (a dotted action and its subject) and when
 * (the clock). Called after the change it records has been saved, so the trail never shows
 * a change that did not happen. Details hold ids and counts, never answers.
 */
export async function recordAudit(
  deps: { storage: Pick<Storage, 'audit'>; clock: Clock; actor: AuditActor },
  collaborativeId: string,
  action: string,
  subject?: string,
  details?: Record<string, unknown>,
): Promise<void> {
  const actor = parseModel(actorSchema, deps.actor, 'actor');
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

/** The collaborative, or NotFoundError naming the id that was asked for. */
export async function loadCollaborative(storage: Pick<Storage, 'collaboratives'>, collaborativeId: string): Promise<Versioned<Collaborative>> {
  const found = await storage.collaboratives.find(collaborativeId);
  if (!found) throw new NotFoundError(`collaborative "${collaborativeId}"`);
  return found;
}
