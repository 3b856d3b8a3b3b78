import type { TableClient } from '@azure/data-tables';
import type { z } from 'zod';
import type { Versioned } from './entity-table';
import type { EntityKeys } from './keys/key-rules';
import { LIST_GUARD_ROW_KEY } from './keys/list-guard-keys';
import { readListVersion, type ListVersion } from './list-guard';
import { ModelRepository, type ChangeSet } from './model-repository';

type ListItemSchema = z.ZodType<{ collaborativeId: string; id: string } & Record<string, unknown>>;

/** A list as read: the version to change it from, and its rows with their ETags. */
export interface VersionedList<T> {
  version: ListVersion;
  rows: Versioned<T>[];
}

/**
 * Repositories of a small list per collaborative (its workgroups, its organisations): one
 * partition per collaborative, one row per item keyed by the item's id, plus a guard row
 * (list-guard.ts) so that the list can be replaced as a whole with optimistic concurrency.
 */
export class CollaborativeListRepository<S extends ListItemSchema> extends ModelRepository<S> {
  constructor(
    client: TableClient,
    what: string,
    schema: S,
    private readonly keys: { of: (collaborativeId: string, id: string) => EntityKeys; partition: (collaborativeId: string) => string },
  ) {
    super(client, { what, schema, keysOf: (item) => keys.of(item.collaborativeId, item.id) });
  }

  find(collaborativeId: string, id: string): Promise<Versioned<z.output<S>> | undefined> {
    return this.table.find(this.keys.of(collaborativeId, id));
  }

  get(collaborativeId: string, id: string): Promise<Versioned<z.output<S>>> {
    return this.table.get(this.keys.of(collaborativeId, id));
  }

  /** A collaborative's items (retired ones too), in id order. */
  list(collaborativeId: string): Promise<z.output<S>[]> {
    return this.listWhere({ partitionKey: this.keys.partition(collaborativeId), rowKeyTo: LIST_GUARD_ROW_KEY });
  }

  /** The list with its version and each row's ETag, for a change decided from it. */
  async readList(collaborativeId: string): Promise<VersionedList<z.output<S>>> {
    const partitionKey = this.keys.partition(collaborativeId);
    // The version first: a change committed between the two reads then fails the save.
    const version = await readListVersion(this.table.client, partitionKey);
    const rows = await this.listVersionedWhere({ partitionKey, rowKeyTo: LIST_GUARD_ROW_KEY });
    return { version, rows };
  }

  /**
   * Applies changes decided from `list` (adds, renames, retirements, deletions) in ONE
   * transaction: all of them, or none and a ConcurrencyError when the list changed since.
   */
  saveChanges(list: VersionedList<z.output<S>>, changes: ChangeSet<z.input<S>, z.output<S>>): Promise<void> {
    return this.saveChangeSet(changes, list.version);
  }

  /** Writes many items at once, replacing any with the same ids, in batches of up to 100. */
  upsertMany(inputs: readonly z.input<S>[]): Promise<void> {
    return this.upsertRows(inputs);
  }

  /** Removes one; false when it was not there. */
  delete(collaborativeId: string, id: string): Promise<boolean> {
    return this.table.delete(this.keys.of(collaborativeId, id));
  }
}
