import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { parseModel } from '../domain/model/parse';
import { MAX_BATCH, submitInBatches } from './batch-writer';
import { entityCodec } from './entity-codec';
import { EntityTable, type RowQuery, type Versioned } from './entity-table';
import type { EntityKeys } from './keys/key-rules';
import { advanceListAction, type ListVersion } from './list-guard';
import { ConcurrencyError, StorageError } from './storage-errors';

type ModelSchema = z.ZodType<Record<string, unknown>>;

/**
 * Several changes decided from one read: rows to add, rows to replace (each with the version
 * it was read as) and rows to delete (likewise). `I` is what a caller supplies, `T` what it read.
 */
export interface ChangeSet<I, T = I> {
  create?: readonly I[];
  replace?: readonly { previous: Versioned<T>; next: I }[];
  remove?: readonly Versioned<T>[];
}

/** How a repository stores one model: its schema, name, keys and JSON-valued fields. */
export interface ModelSpec<S extends ModelSchema> {
  what: string;
  schema: S;
  keysOf: (value: z.output<S>) => EntityKeys;
  json?: readonly (keyof z.output<S> & string)[];
}

/**
 * The shared shape of repositories whose rows are keyed by their own fields: input checked
 * against the model before anything is written, reads checked on the way back, and every
 * update conditional on the ETag of the version it was made from.
 */
export class ModelRepository<S extends ModelSchema> {
  protected readonly table: EntityTable<z.output<S>>;

  constructor(
    client: TableClient,
    protected readonly spec: ModelSpec<S>,
  ) {
    this.table = new EntityTable(client, entityCodec(spec.what, spec.schema, spec.json));
  }

  /** Checks input against the model; ValidationError listing each problem otherwise. */
  protected parse(input: z.input<S>): z.output<S> {
    return parseModel(this.spec.schema, input, this.spec.what);
  }

  /** Hook for rules about what may change between two versions (e.g. pulse status moves). */
  protected checkChange(_before: z.output<S>, _after: z.output<S>): void {}

  /** Stores a new row; ConcurrencyError('already_exists') when one with its keys exists. */
  async create(input: z.input<S>): Promise<Versioned<z.output<S>>> {
    const value = this.parse(input);
    return this.table.create(this.spec.keysOf(value), value);
  }

  /**
   * Saves `next` in place of the version read as `previous`. Fails with ConcurrencyError
   * if anyone changed the row since (nothing written: reload and decide again), with
   * ValidationError if `next` breaks the model or tries to change the keys.
   */
  async update(previous: Versioned<z.output<S>>, next: z.input<S>): Promise<Versioned<z.output<S>>> {
    const value = this.parse(next);
    const before = this.spec.keysOf(previous.value);
    const after = this.spec.keysOf(value);
    if (before.partitionKey !== after.partitionKey || before.rowKey !== after.rowKey) {
      throw new ValidationError(`The id of a ${this.spec.what} cannot be changed.`);
    }
    this.checkChange(previous.value, value);
    return this.table.replace(after, value, previous.etag);
  }

  /**
   * Reads, applies `change` and saves conditionally: one read-modify-write. A concurrent
   * change makes it fail with ConcurrencyError rather than silently overwrite the other.
   */
  protected async modifyAt(
    keys: EntityKeys,
    change: (current: z.output<S>) => z.input<S>,
  ): Promise<Versioned<z.output<S>>> {
    const current = await this.table.get(keys);
    return this.update(current, change(current.value));
  }

  /**
   * Writes many rows, replacing any with the same keys, in batches of at most 100. Not
   * public here: it skips checkChange, so only repositories whose rows have no rules about
   * change (rosters, workgroups, organisations) expose it.
   */
  protected async upsertRows(inputs: readonly z.input<S>[]): Promise<void> {
    const rows = inputs.map((input) => {
      const value = this.parse(input);
      return { keys: this.spec.keysOf(value), value };
    });
    await this.table.upsertMany(rows);
  }

  /**
   * Applies a change set as batch transactions: every replace only if the row still carries
   * the ETag it was read with, every create only if the keys are free. With a list version
   * (list-guard.ts) the set is ONE transaction that also moves the list's guard row on, so
   * it commits only if nobody changed the list since it was read; deletes (which a
   * transaction cannot make conditional) are then safe too. Any lost race, however it shows
   * (412 changed, 409 added meanwhile, 404 deleted meanwhile), is reported as
   * ConcurrencyError ('concurrent_update'): nothing of that transaction was written; reload
   * and decide again.
   */
  protected async saveChangeSet(changes: ChangeSet<z.input<S>, z.output<S>>, version?: ListVersion): Promise<void> {
    const actions: TransactionAction[] = [];
    for (const input of changes.create ?? []) {
      const value = this.parse(input);
      actions.push(['create', this.table.codec.toEntity(this.spec.keysOf(value), value)]);
    }
    for (const { previous, next } of changes.replace ?? []) {
      const value = this.parse(next);
      const keys = this.spec.keysOf(value);
      const before = this.spec.keysOf(previous.value);
      if (before.partitionKey !== keys.partitionKey || before.rowKey !== keys.rowKey) {
        throw new ValidationError(`The id of a ${this.spec.what} cannot be changed.`);
      }
      this.checkChange(previous.value, value);
      actions.push(['update', this.table.codec.toEntity(keys, value), 'Replace', { etag: previous.etag }]);
    }
    for (const previous of changes.remove ?? []) actions.push(['delete', { ...this.spec.keysOf(previous.value) }]);
    if (actions.length === 0) return;
    if (version) {
      const foreign = actions.find((a) => a[1].partitionKey !== version.partitionKey);
      if (foreign || actions.length >= MAX_BATCH) {
        throw new Error(`a guarded ${this.spec.what} change set must fit one transaction in ${version.partitionKey}`);
      }
      actions.push(advanceListAction(version));
    }
    try {
      await submitInBatches(this.table.client, actions, `save ${actions.length} ${this.spec.what} changes`);
    } catch (error) {
      const lostRace =
        (error instanceof ConcurrencyError && error.code === 'already_exists') ||
        (error instanceof StorageError && error.code === 'storage_not_found');
      if (lostRace) throw new ConcurrencyError('concurrent_update', error.message, error);
      throw error;
    }
  }

  protected async listWhere(query: RowQuery): Promise<z.output<S>[]> {
    return (await this.table.list(query)).map((row) => row.value);
  }

  /** Rows with their ETags, for changes decided from what was read. */
  protected async listVersionedWhere(query: RowQuery): Promise<Versioned<z.output<S>>[]> {
    return (await this.table.list(query)).map((row) => ({ value: row.value, etag: row.etag }));
  }
}
