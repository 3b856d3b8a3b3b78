import { odata, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import { NotFoundError } from '../domain/errors';
import { submitInBatches } from './batch-writer';
import type { EntityCodec } from './entity-codec';
import { withoutRespondentKeys, type EntityKeys } from './keys/key-rules';
import { ConcurrencyError, statusOf, toStorageError } from './storage-errors';

/** A value as read from storage, with the ETag that a conditional write must present. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** A row read back: the value plus its keys (for rows whose keys are not in the value). */
export interface StoredRow<T> extends Versioned<T> {
  keys: EntityKeys;
}

/** Which rows a query reads: one partition, optionally a row-key range [from, to), and a filter. */
export interface RowQuery {
  partitionKey?: string;
  rowKeyFrom?: string;
  rowKeyTo?: string;
  /** Extra OData filter, built with the `odata` template tag so values are escaped. */
  filter?: string;
}

/** Largest page the service returns; reads always walk every page. */
export const PAGE_SIZE = 1000;

/**
 * The operations every repository needs over one table, for one kind of row: typed reads
 * checked with zod, ETag-conditional writes, paging and batching, and every SDK failure
 * turned into StorageError or ConcurrencyError. Repositories add keys and meaning.
 */
export class EntityTable<T> {
  constructor(
    readonly client: TableClient,
    readonly codec: EntityCodec<T>,
  ) {}

  private describe(keys: EntityKeys): string {
    return withoutRespondentKeys(`${this.codec.what} ${keys.partitionKey}/${keys.rowKey}`);
  }

  /** The row, or undefined when there is none. */
  async find(keys: EntityKeys): Promise<Versioned<T> | undefined> {
    let row: TableEntityResult<Record<string, unknown>>;
    try {
      row = await this.client.getEntity(keys.partitionKey, keys.rowKey);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw toStorageError(error, `read ${this.describe(keys)}`);
    }
    return { value: this.codec.fromEntity(row), etag: row.etag };
  }

  /** The row; NotFoundError when there is none. */
  async get(keys: EntityKeys): Promise<Versioned<T>> {
    const found = await this.find(keys);
    if (!found) throw new NotFoundError(this.codec.what, `no ${this.describe(keys)}`);
    return found;
  }

  /**
   * Adds a row; ConcurrencyError('already_exists') when its keys are taken by a different
   * row. If the row there is exactly this one, the create is taken as done: that is what an
   * SDK retry sees when its first attempt was applied but the answer was lost.
   */
  async create(keys: EntityKeys, value: T): Promise<Versioned<T>> {
    try {
      const res = await this.client.createEntity(this.codec.toEntity(keys, value));
      return { value, etag: res.etag! };
    } catch (error) {
      const mapped = toStorageError(error, `create ${this.describe(keys)}`);
      if (mapped instanceof ConcurrencyError && mapped.code === 'already_exists') {
        const existing = await this.find(keys);
        if (existing && sameJson(existing.value, value)) return existing;
      }
      throw mapped;
    }
  }

  /**
   * Replaces a row only if it still carries `etag` (optimistic concurrency): a concurrent
   * change makes this fail with ConcurrencyError('concurrent_update') and write nothing.
   */
  async replace(keys: EntityKeys, value: T, etag: string): Promise<Versioned<T>> {
    try {
      const res = await this.client.updateEntity(this.codec.toEntity(keys, value), 'Replace', { etag });
      return { value, etag: res.etag! };
    } catch (error) {
      throw toStorageError(error, `update ${this.describe(keys)}`);
    }
  }

  /** Writes a row whatever is there: only for writes that are idempotent by design. */
  async upsert(keys: EntityKeys, value: T): Promise<Versioned<T>> {
    try {
      const res = await this.client.upsertEntity(this.codec.toEntity(keys, value), 'Replace');
      return { value, etag: res.etag! };
    } catch (error) {
      throw toStorageError(error, `upsert ${this.describe(keys)}`);
    }
  }

  /** Deletes a row (only if it carries `etag`, when given). False when it was not there. */
  async delete(keys: EntityKeys, etag?: string): Promise<boolean> {
    try {
      await this.client.deleteEntity(keys.partitionKey, keys.rowKey, etag ? { etag } : {});
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw toStorageError(error, `delete ${this.describe(keys)}`);
    }
  }

  /** Upserts many rows in batch transactions (atomic per partition chunk of at most 100). */
  async upsertMany(rows: readonly { keys: EntityKeys; value: T }[]): Promise<void> {
    const actions: TransactionAction[] = rows.map(({ keys, value }) => ['upsert', this.codec.toEntity(keys, value), 'Replace']);
    await submitInBatches(this.client, actions, `upsert ${rows.length} ${this.codec.what} rows`);
  }

  /** Reads every row a query matches, a page of up to 1,000 at a time. */
  async list(query: RowQuery = {}): Promise<StoredRow<T>[]> {
    const rows: StoredRow<T>[] = [];
    for await (const page of this.pages(query)) rows.push(...page);
    return rows;
  }

  /** The rows a query matches, page by page (1,000 rows a page unless asked for fewer). */
  async *pages(query: RowQuery = {}, pageSize = PAGE_SIZE): AsyncGenerator<StoredRow<T>[]> {
    const iterator = this.client
      .listEntities<Record<string, unknown>>({ queryOptions: { filter: filterOf(query) } })
      .byPage({ maxPageSize: pageSize });
    while (true) {
      let result: IteratorResult<TableEntityResult<Record<string, unknown>>[]>;
      try {
        result = await iterator.next();
      } catch (error) {
        throw toStorageError(error, `list ${this.codec.what} rows`);
      }
      if (result.done) return;
      yield result.value.map((row) => ({
        keys: { partitionKey: row.partitionKey!, rowKey: row.rowKey! },
        value: this.codec.fromEntity(row),
        etag: row.etag,
      }));
    }
  }

  /** Counts the rows a query matches, fetching only their keys. */
  async count(query: RowQuery = {}): Promise<number> {
    let n = 0;
    const iterator = this.client
      .listEntities({ queryOptions: { filter: filterOf(query), select: ['RowKey'] } })
      .byPage({ maxPageSize: PAGE_SIZE });
    try {
      for await (const page of iterator) n += page.length;
    } catch (error) {
      throw toStorageError(error, `count ${this.codec.what} rows`);
    }
    return n;
  }
}

/** OData filter for a query; undefined reads the whole table. */
function filterOf(query: RowQuery): string | undefined {
  const parts: string[] = [];
  if (query.partitionKey !== undefined) parts.push(odata`PartitionKey eq ${query.partitionKey}`);
  if (query.rowKeyFrom !== undefined) parts.push(odata`RowKey ge ${query.rowKeyFrom}`);
  if (query.rowKeyTo !== undefined) parts.push(odata`RowKey lt ${query.rowKeyTo}`);
  if (query.filter) parts.push(`(${query.filter})`);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/** Deep equality of two plain values, ignoring the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, x]) => [k, canonical(x)]))
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
