import type { TableClient } from '@azure/data-tables';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { parseModel } from '../domain/model/parse';
import { entityCodec } from './entity-codec';
import { EntityTable, type RowQuery, type Versioned } from './entity-table';
import type { EntityKeys } from './keys/key-rules';

type ModelSchema = z.ZodType<Record<string, unknown>>;

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

  protected async listWhere(query: RowQuery): Promise<z.output<S>[]> {
    return (await this.table.list(query)).map((row) => row.value);
  }
}
