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
