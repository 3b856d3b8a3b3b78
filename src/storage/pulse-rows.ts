import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { PulseScope } from '../domain/model/pulse';
import { submitInBatches } from './batch-writer';
import { scopePartitionKey, withoutRespondentKeys, type EntityKeys } from './keys/key-rules';
import { SUBMISSION_KINDS } from './keys/submission-keys';
import { StorageError, statusOf, toStorageError } from './storage-errors';
import type { TableRole } from './table-client-factory';

/**
 * Deleting rows by where they live rather than by what they hold, for the data-protection
 * use-cases: a pulse's rows in every pulse-scoped table (delete a pulse, retention), and one
 * person's sending rows and ledger rows (forget). Every method is safe to run again: a row
 * already gone is fine, so a run stopped half-way is finished by the next.
 */

/** The tables whose rows belong to one pulse (partition '<collaborative>:<pulse>' and '<...>:<suffix>'). */
export const PULSE_TABLES = ['deliveries', 'submissions', 'responses', 'snapshots', 'jobs'] as const;
export type PulseTable = (typeof PULSE_TABLES)[number];

/** Row counts by table. */
export type RowCounts = Partial<Record<PulseTable, number>>;

/**
 * OData filter of a pulse's partitions: its own ('<c>:<p>') and those beside it ('<c>:<p>:...',
 * a reminder round's, the published rates'). ';' follows ':' in code order, so the range holds
 * exactly the keys that start '<c>:<p>:' (and never another pulse whose id starts the same).
 */
function pulsePartitions(scope: PulseScope): string {
  const pk = scopePartitionKey(scope);
  return odata`(PartitionKey eq ${pk} or (PartitionKey ge ${`${pk}:`} and PartitionKey lt ${`${pk};`}))`;
}

/** OData filter of every partition of a collaborative's pulses and subjects ('<c>:...'). */
function collaborativePartitions(collaborativeId: string): string {
  return odata`PartitionKey ge ${`${collaborativeId}:`} and PartitionKey lt ${`${collaborativeId};`}`;
}

export class PulseRows {
  constructor(private readonly clients: Pick<Record<TableRole, TableClient>, PulseTable>) {}

  /** Keys of the rows a filter matches (only the keys are fetched). */
  private async keysWhere(table: PulseTable, filter: string): Promise<EntityKeys[]> {
    const keys: EntityKeys[] = [];
    try {
      for await (const row of this.clients[table].listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
        keys.push({ partitionKey: row.partitionKey!, rowKey: row.rowKey! });
      }
    } catch (error) {
      throw toStorageError(error, `list ${table} rows`);
    }
    return keys;
  }

  /**
   * Deletes rows in batches; when a batch fails because one of its rows has gone meanwhile,
   * its rows are deleted one by one, a missing one counting as done. How many were asked.
   */
  private async deleteKeys(table: PulseTable, keys: readonly EntityKeys[]): Promise<number> {
    const client = this.clients[table];
    const actions: TransactionAction[] = keys.map((k) => ['delete', { partitionKey: k.partitionKey, rowKey: k.rowKey }]);
    try {
      await submitInBatches(client, actions, `delete ${keys.length} ${table} rows`);
    } catch (error) {
      if (!(error instanceof StorageError && error.code === 'storage_not_found')) throw error;
      for (const k of keys) {
        try {
          await client.deleteEntity(k.partitionKey, k.rowKey);
        } catch (inner) {
          if (statusOf(inner) !== 404) throw toStorageError(inner, withoutRespondentKeys(`delete ${table} ${k.partitionKey}/${k.rowKey}`));
        }
      }
    }
    return keys.length;
  }

  /** Deletes every row of a pulse in the given tables; how many in each. */
  async deletePulse(scope: PulseScope, tables: readonly PulseTable[] = PULSE_TABLES): Promise<RowCounts> {
    const counts: RowCounts = {};
    for (const table of tables) counts[table] = await this.deleteKeys(table, await this.keysWhere(table, pulsePartitions(scope)));
    return counts;
  }

  /**
   * Deletes what a closed pulse keeps about who was asked and who answered: every sending row
   * (invitations, reminder rounds) and the ledger and any draft left. The intake rows stay:
   * they say the pulse takes no more answers. Answers and figures are untouched.
   */
  async deleteSendingAndLedger(scope: PulseScope): Promise<{ sending: number; ledgerAndDrafts: number }> {
    const sending = await this.deleteKeys('deliveries', await this.keysWhere('deliveries', pulsePartitions(scope)));
    const pk = scopePartitionKey(scope);
    const personal = [SUBMISSION_KINDS.ledger, SUBMISSION_KINDS.draft].map((prefix) => rangeOf(pk, prefix));
    const keys = (await Promise.all(personal.map((f) => this.keysWhere('submissions', f)))).flat();
    return { sending, ledgerAndDrafts: await this.deleteKeys('submissions', keys) };
  }

  /**
   * The sending rows (Deliveries table) of a collaborative keyed by any of `rowKeys` (a
   * person's object id, for invitations and subjects' cards; their respondent keys, for
   * reminders), in any of its partitions.
   */
  async sendingRowsKeyedBy(collaborativeId: string, rowKeys: readonly string[]): Promise<EntityKeys[]> {
    if (rowKeys.length === 0) return [];
    const found: EntityKeys[] = [];
    // A few keys per query keeps the filter short (a person has one key per pulse).
    for (let i = 0; i < rowKeys.length; i += 15) {
      const anyKey = rowKeys.slice(i, i + 15).map((k) => odata`RowKey eq ${k}`).join(' or ');
      found.push(...(await this.keysWhere('deliveries', `${collaborativePartitions(collaborativeId)} and (${anyKey})`)));
    }
    return found;
  }

  /** Deletes rows of the Deliveries or Submissions table by key; how many. */
  deleteRows(table: 'deliveries' | 'submissions', keys: readonly EntityKeys[]): Promise<number> {
    return this.deleteKeys(table, keys);
  }
}

/** Filter of one kind of row (by row-key prefix) in one partition. */
function rangeOf(partitionKey: string, prefix: string): string {
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${prefix} and RowKey lt ${end}`;
}
