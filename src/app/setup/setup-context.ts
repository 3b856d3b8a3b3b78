import { NotFoundError } from '../../domain/errors';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Versioned } from '../../storage/entity-table';
import type { Storage } from '../../storage/storage';
import type { AuditActor, Clock } from '../ports';

/** The repositories the set-up use-cases read and write. */
export type SetupStorage = Pick<Storage, 'collaboratives' | 'organisations' | 'workgroups' | 'members' | 'pulses' | 'audit'>;

/** What every set-up use-case is given: storage, a clock and the person acting. */
export interface SetupDeps {
  storage: SetupStorage;
  clock: Clock;
  actor: AuditActor;
}

/** The collaborative, or NotFoundError naming the id that was asked for. */
export async function loadCollaborative(storage: Pick<Storage, 'collaboratives'>, collaborativeId: string): Promise<Versioned<Collaborative>> {
  const found = await storage.collaboratives.find(collaborativeId);
  if (!found) throw new NotFoundError(`collaborative "${collaborativeId}"`);
  return found;
}
