import type { TableClient } from '@azure/data-tables';
import { IllegalStateError } from '../domain/errors';
import { transitionCheckSchema, type TransitionCheck } from '../domain/model/transition';
import type { Versioned } from './entity-table';
import { transitionKeys, transitionPartitionKey } from './keys/transition-keys';
import { ModelRepository } from './model-repository';

/**
 * Transition checks (the check-only fields beside their pulse of kind 'transition'): type,
 * reference, staff with their roles, family links, window, starter, close and publication.
 * Every write is checked against the model; a check never reopens, and its publication,
 * once stored, never changes (figures publish once).
 */
export class TransitionRepository extends ModelRepository<typeof transitionCheckSchema> {
  constructor(client: TableClient) {
    super(client, {
      what: 'transition check',
      schema: transitionCheckSchema,
      keysOf: (c) => transitionKeys(c.collaborativeId, c.id),
      json: ['staff', 'publication'],
    });
  }

  /**
   * The one change a started check allows to its people (data protection: forget): a person's
   * object id, as staff or starter, replaced by `stranger`, an id that is no one's; and the chat
   * its card was posted in dropped when that chat was theirs. Roles, counts and figures stay.
   */
  async replacePerson(collaborativeId: string, checkId: string, aadObjectId: string, stranger: string): Promise<Versioned<TransitionCheck>> {
    const id = aadObjectId.toLowerCase();
    const current = await this.table.get(transitionKeys(collaborativeId, checkId));
    const { cardConversationId, ...rest } = current.value;
    const next: TransitionCheck = this.parse({
      ...rest,
      staff: rest.staff.map((s) => (s.aadObjectId === id ? { ...s, aadObjectId: stranger } : s)),
      startedBy: rest.startedBy === id ? stranger : rest.startedBy,
      ...(cardConversationId && rest.startedBy !== id ? { cardConversationId } : {}),
    });
    return this.table.replace(transitionKeys(collaborativeId, checkId), next, current.etag);
  }

  protected override checkChange(before: TransitionCheck, after: TransitionCheck): void {
    if (before.status === 'closed' && after.status !== 'closed') {
      throw new IllegalStateError('This transition check has closed and cannot open again.', `transition ${before.id} reopened`);
    }
    if (before.publication && JSON.stringify(before.publication) !== JSON.stringify(after.publication)) {
      throw new IllegalStateError('The figures of a transition check are final.', `transition ${before.id}: publication changed`);
    }
    const fixed = ['type', 'reference', 'staff', 'familyLinks', 'windowDays', 'startedBy', 'openedAt', 'closesAt'] as const;
    const changed = fixed.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    if (changed.length > 0) {
      throw new IllegalStateError('A transition check cannot be changed once it has started.', `transition ${before.id}: refused change to ${changed.join(', ')}`);
    }
  }

  find(collaborativeId: string, checkId: string): Promise<Versioned<TransitionCheck> | undefined> {
    return this.table.find(transitionKeys(collaborativeId, checkId));
  }

  get(collaborativeId: string, checkId: string): Promise<Versioned<TransitionCheck>> {
    return this.table.get(transitionKeys(collaborativeId, checkId));
  }

  /** Read-modify-write of one check, guarded by its ETag and the rules above. */
  modify(collaborativeId: string, checkId: string, change: (current: TransitionCheck) => TransitionCheck): Promise<Versioned<TransitionCheck>> {
    return this.modifyAt(transitionKeys(collaborativeId, checkId), change);
  }

  /** A collaborative's checks, newest first. */
  async list(collaborativeId: string): Promise<TransitionCheck[]> {
    const rows = await this.listWhere({ partitionKey: transitionPartitionKey(collaborativeId) });
    return rows.sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0));
  }
}
