import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { NotFoundError } from '../domain/errors';
import {
  assertInterventionChange,
  interventionFields,
  interventionSchema,
  interventionUpdateSchema,
  MAX_UPDATES,
  type Intervention,
  type InterventionUpdate,
} from '../domain/model/intervention';
import { parseModel } from '../domain/model/parse';
import { MAX_BATCH } from './batch-writer';
import { entityCodec } from './entity-codec';
import { EntityTable, type StoredRow, type Versioned } from './entity-table';
import { interventionKeys, interventionPartitionKey, interventionUpdateKeys, interventionUpdateRange, parseInterventionRowKey } from './keys/intervention-keys';
import { ConcurrencyError, StorageError, toStorageError } from './storage-errors';

/** The intervention's own row: every field but the log, and how many entries the log has. */
const interventionRowSchema = interventionFields
  .omit({ updates: true })
  .extend({ updateCount: z.int().min(0).max(MAX_UPDATES) })
  .strict();
type InterventionRow = z.infer<typeof interventionRowSchema>;

/**
 * A change to an intervention lost a race: someone saved another version since it was read.
 * Nothing was written. `current` is the version now stored (with its ETag), so the person can
 * be shown what the other person changed and decide again.
 */
export class InterventionVersionConflict extends ConcurrencyError {
  constructor(
    readonly current: Versioned<Intervention>,
    detail: string,
    cause?: unknown,
  ) {
    super('concurrent_update', detail, cause);
  }
}

/**
 * The interventions of each collaborative and their update logs (keys: intervention-keys.ts).
 * The log is kept as one row per entry beside the intervention's row, so a long log never
 * pushes the row towards the 1 MiB / 255-property limit, and an entry once written is never
 * rewritten: each save is ONE transaction that replaces the intervention's row only if it
 * still carries the ETag it was read with and creates the new entries' rows only if they are
 * absent. Every save is checked against the model's rules (assertInterventionChange) first.
 */
export class InterventionRepository {
  private readonly rows: EntityTable<InterventionRow>;
  private readonly entries: EntityTable<InterventionUpdate>;

  constructor(private readonly client: TableClient) {
    this.rows = new EntityTable(client, entityCodec('intervention', interventionRowSchema, ['ties', 'dimensions', 'ownerIds', 'agreedIn']));
    this.entries = new EntityTable(client, entityCodec('intervention update', interventionUpdateSchema, ['statusChange']));
  }

  /** The intervention with its log, or undefined. */
  async find(collaborativeId: string, interventionId: string): Promise<Versioned<Intervention> | undefined> {
    const row = await this.rows.find(interventionKeys(collaborativeId, interventionId));
    if (!row) return undefined;
    // Only the entries the row counts: any added after it was read belong to a later version.
    const log = await this.entries.list(interventionUpdateRange(collaborativeId, interventionId, row.value.updateCount));
    return { value: assemble(row.value, log), etag: row.etag };
  }

  /** The intervention with its log; NotFoundError when there is none. */
  async get(collaborativeId: string, interventionId: string): Promise<Versioned<Intervention>> {
    const found = await this.find(collaborativeId, interventionId);
    if (!found) throw new NotFoundError('intervention', `no intervention ${collaborativeId}/${interventionId}`);
    return found;
  }

  /**
   * Every intervention of a collaborative with its log, in id order. The intervention rows are
   * read before the log rows, so each row's count picks out a consistent log even while
   * someone is adding to it.
   */
  async list(collaborativeId: string): Promise<Versioned<Intervention>[]> {
    const partitionKey = interventionPartitionKey(collaborativeId);
    const rows = await this.rows.list({ partitionKey, rowKeyFrom: 'I:', rowKeyTo: 'I;' });
    const log = await this.entries.list({ partitionKey, rowKeyFrom: 'U:', rowKeyTo: 'U;' });
    const byIntervention = new Map<string, { seq: number; row: StoredRow<InterventionUpdate> }[]>();
    for (const row of log) {
      const key = parseInterventionRowKey(row.keys.rowKey);
      if (key?.kind !== 'update') continue;
      byIntervention.set(key.interventionId, [...(byIntervention.get(key.interventionId) ?? []), { seq: key.seq, row }]);
    }
    return rows.map(({ value, etag }) => {
      const counted = (byIntervention.get(value.id) ?? []).filter((e) => e.seq < value.updateCount).map((e) => e.row);
      return { value: assemble(value, counted), etag };
    });
  }

  /**
   * Stores a new intervention and its log in one transaction. ConcurrencyError
   * ('already_exists') when the id is taken by a different one; when the one stored is
   * exactly this one, the create is taken as done (an SDK retry whose first attempt landed).
   */
  async create(input: Intervention): Promise<Versioned<Intervention>> {
    const value = parseModel(interventionSchema, input, 'intervention');
    const actions: TransactionAction[] = [['create', this.rowEntity(value)], ...this.entryActions(value, 0)];
    try {
      return { value, etag: await this.submit(value, actions, 'create') };
    } catch (error) {
      if (error instanceof ConcurrencyError && error.code === 'already_exists') {
        const existing = await this.find(value.collaborativeId, value.id);
        if (existing && isDeepStrictEqual(existing.value, value)) return existing;
      }
      throw error;
    }
  }

  /**
   * Saves `next` in place of the version read as `previous`: the row replaced only if it still
   * carries that version's ETag, the new log entries added only where none exist. A lost race
   * throws InterventionVersionConflict carrying the version now stored; a change the rules
   * forbid (illegal status move, log entries edited or removed) throws IllegalStateError; in
   * either case nothing is written.
   */
  async update(previous: Versioned<Intervention>, next: Intervention): Promise<Versioned<Intervention>> {
    const value = parseModel(interventionSchema, next, 'intervention');
    assertInterventionChange(previous.value, value);
    const actions: TransactionAction[] = [
      ['update', this.rowEntity(value), 'Replace', { etag: previous.etag }],
      ...this.entryActions(value, previous.value.updates.length),
    ];
    try {
      return { value, etag: await this.submit(value, actions, 'update') };
    } catch (error) {
      const lostRace = error instanceof ConcurrencyError || (error instanceof StorageError && error.code === 'storage_not_found');
      if (!lostRace) throw error;
      const current = await this.find(value.collaborativeId, value.id);
      if (!current) throw new NotFoundError('intervention', `intervention ${value.collaborativeId}/${value.id} is gone`);
      throw new InterventionVersionConflict(current, `intervention ${value.collaborativeId}/${value.id} changed since it was read`, error);
    }
  }

  private rowEntity(value: Intervention): TableEntity {
    const { updates, ...fields } = value;
    return this.rows.codec.toEntity(interventionKeys(value.collaborativeId, value.id), { ...fields, updateCount: updates.length });
  }

  /** Creates (never replaces) the rows of the log entries from position `from` on. */
  private entryActions(value: Intervention, from: number): TransactionAction[] {
    return value.updates.slice(from).map((entry, i): TransactionAction => ['create', this.entries.codec.toEntity(interventionUpdateKeys(value.collaborativeId, value.id, from + i), entry)]);
  }

  /** Submits one transaction and returns the intervention row's new ETag. */
  private async submit(value: Intervention, actions: TransactionAction[], verb: string): Promise<string> {
    const keys = interventionKeys(value.collaborativeId, value.id);
    const what = `${verb} intervention ${keys.partitionKey}/${keys.rowKey} with ${actions.length - 1} new log rows`;
    // One transaction or nothing: a change made of several would no longer be all-or-nothing.
    if (actions.length > MAX_BATCH) throw new Error(`${what}: more than ${MAX_BATCH} rows in one change`);
    let etag: string | undefined;
    try {
      // Sub-responses come in the order of the actions, and the row is always the first; the
      // SDK names the row only for creates, so it cannot be looked up by key.
      etag = (await this.client.submitTransaction(actions)).subResponses[0]?.etag;
    } catch (error) {
      throw toStorageError(error, what);
    }
    if (!etag) throw new StorageError('storage_rejected', `${what}: the service gave no ETag for the row`);
    return etag;
  }
}

/** An intervention from its row and its log rows; a row that breaks the model is corrupt. */
function assemble(row: InterventionRow, log: readonly StoredRow<InterventionUpdate>[]): Intervention {
  const where = `intervention ${row.collaborativeId}/${row.id}`;
  const { updateCount, ...fields } = row;
  const ordered = [...log].sort((a, b) => (a.keys.rowKey < b.keys.rowKey ? -1 : 1));
  if (ordered.length !== updateCount) {
    throw new StorageError('corrupt_row', `${where}: its log has ${ordered.length} of the ${updateCount} entries it counts`);
  }
  const parsed = interventionSchema.safeParse({ ...fields, updates: ordered.map((e) => e.value) });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
    throw new StorageError('corrupt_row', `${where} does not match the model: ${problems}`, parsed.error);
  }
  return parsed.data;
}
