import type { TableTransactionResponse, TransactionAction } from '@azure/data-tables';
import type { z } from 'zod';
import type { DeliveryStatus } from '../domain/model/delivery';
import { evenChunks, forEachLimit } from './batch-writer';
import type { Versioned } from './entity-table';
import type { EntityKeys } from './keys/key-rules';
import { ModelRepository } from './model-repository';
import { ConcurrencyError, toStorageError } from './storage-errors';
import type { PulseScope } from '../domain/model/pulse';

type RowSchema = z.ZodType<Record<string, unknown> & { status: DeliveryStatus }>;

/** Told each batch of rows as soon as it is written (their ETags by id), before the next ones. */
export type OnRowsAdded = (etags: ReadonlyMap<string, string>) => Promise<void>;

/** The first batch's size when someone waits on the rows as they are added: a fifth of a second's sending. */
const FIRST_CHUNK = 10;
/** The later batches' size then. */
const PIPELINED_CHUNK = 50;

/**
 * What invitation and reminder rows share: added 'pending' in batches before their cards are
 * queued, then claimed and settled with their ETags, one by one or (outcomes) in batches.
 * Subclasses say how a row is keyed: by Entra object id (invitations) or respondent key
 * (reminders).
 */
export abstract class SendRowRepository<S extends RowSchema> extends ModelRepository<S> {
  /** The partition holding one round's rows of a pulse. */
  protected abstract partitionOf(scope: PulseScope, round: string): string;
  /** The id a row is keyed by within its partition. */
  protected abstract idOf(row: z.output<S>): string;
  /** A new 'pending' row. */
  protected abstract pendingRow(scope: PulseScope, round: string, id: string, at?: string): z.input<S>;

  /**
   * Adds a 'pending' row for each id that has none in the round, never touching existing rows
   * (a re-run must not reset a 'sent' row and send twice). Returns each added row's ETag by id,
   * for the queue message: the worker can then claim the row without reading it first.
   * `onAdded` hears of each batch once it is written, so cards can be queued while the rest are.
   */
  protected async addRows(scope: PulseScope, round: string, ids: readonly string[], at?: string, onAdded?: OnRowsAdded): Promise<Map<string, string>> {
    const existing = new Set((await this.listRound(scope, round)).map((row) => this.idOf(row)));
    const rows = [...new Set(ids)].filter((id) => !existing.has(id)).map((id) => this.parse(this.pendingRow(scope, round, id, at)));
    const etags = new Map<string, string>();
    // A batch whose listener fails (its cards could not be queued) does not stop the rows after
    // it: every row is written, the failure is thrown at the end, and whoever mends it (the
    // invitation check, or the re-run of a reminder round) finds every row still waiting.
    let listenerFailed: { error: unknown } | undefined;
    const tell = async (added: ReadonlyMap<string, string>) => {
      try {
        await onAdded?.(added);
      } catch (error) {
        listenerFailed ??= { error };
      }
    };
    try {
      // A small first batch, written and told before any other, so whatever waits on the first
      // rows (the first cards) starts soon and does not wait behind the other batches' writes.
      // Smaller batches too: a batch of 100 holds the table service up longer than the claims
      // of the cards already being sent should wait.
      const pipelined = onAdded !== undefined && rows.length > FIRST_CHUNK * 2;
      const write = async (chunk: typeof rows) => {
        const actions: TransactionAction[] = chunk.map((row) => ['create', this.table.codec.toEntity(this.spec.keysOf(row), row)]);
        let res: TableTransactionResponse;
        try {
          res = await this.table.client.submitTransaction(actions);
        } catch (error) {
          throw toStorageError(error, `add ${chunk.length} ${this.spec.what} rows`);
        }
        const added = new Map<string, string>();
        res.subResponses.forEach((sub, i) => {
          if (sub.etag) added.set(this.idOf(chunk[i]!), sub.etag);
        });
        for (const [id, etag] of added) etags.set(id, etag);
        await tell(added);
      };
      if (pipelined) await write(rows.slice(0, FIRST_CHUNK));
      await forEachLimit(pipelined ? evenChunks(rows.slice(FIRST_CHUNK), PIPELINED_CHUNK) : evenChunks(rows), 4, write);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      // Another instance added some of the same rows meanwhile: add the rest one by one.
      for (const row of rows.filter((r) => !etags.has(this.idOf(r)))) {
        try {
          const etag = (await this.table.create(this.spec.keysOf(row), row)).etag;
          etags.set(this.idOf(row), etag);
          await tell(new Map([[this.idOf(row), etag]]));
        } catch (e) {
          if (!(e instanceof ConcurrencyError && e.code === 'already_exists')) throw e;
        }
      }
    }
    if (listenerFailed) throw listenerFailed.error;
    return etags;
  }

  protected findAt(keys: EntityKeys): Promise<Versioned<z.output<S>> | undefined> {
    return this.table.find(keys);
  }

  protected listRound(scope: PulseScope, round: string): Promise<z.output<S>[]> {
    return this.listWhere({ partitionKey: this.partitionOf(scope, round) });
  }

  protected async countRound(scope: PulseScope, round: string): Promise<Record<DeliveryStatus, number>> {
    const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, blocked: 0, not_found: 0, failed: 0 };
    for (const row of await this.listRound(scope, round)) counts[row.status] += 1;
    return counts;
  }

  /** Removes a row read as `previous` (a reminder that became pointless), if unchanged since. */
  remove(previous: Versioned<z.output<S>>): Promise<boolean> {
    return this.table.delete(this.spec.keysOf(previous.value), previous.etag);
  }

  /**
   * Replaces several rows, each only if it still carries the ETag it was read with, in ONE
   * transaction when they share a partition (at most 100): a batch of send outcomes costs one
   * request, not one each. When the transaction fails (a row changed meanwhile), each is
   * written on its own, so one stale row does not hold up the rest. Returns, in order, each
   * row as written (its ETag empty when the service did not say) or the error it met.
   */
  async updateEach(changes: readonly { previous: Versioned<z.output<S>>; next: z.input<S> }[]): Promise<(Versioned<z.output<S>> | Error)[]> {
    const values = changes.map((c) => this.parse(c.next));
    const keys = values.map((v) => this.spec.keysOf(v));
    const onePartition = keys.every((k) => k.partitionKey === keys[0]?.partitionKey) && changes.length <= 100;
    if (onePartition && changes.length > 1) {
      const actions: TransactionAction[] = values.map((v, i) => ['update', this.table.codec.toEntity(keys[i]!, v), 'Replace', { etag: changes[i]!.previous.etag }]);
      try {
        const res = await this.table.client.submitTransaction(actions);
        return values.map((value, i) => ({ value, etag: res.subResponses[i]?.etag ?? '' }));
      } catch {
        // Written one by one below: each then succeeds or fails for its own reason.
      }
    }
    return Promise.all(changes.map((c) => this.update(c.previous, c.next).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
  }
}
