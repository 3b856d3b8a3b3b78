import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { submitInBatches } from './batch-writer';
import { keyPart } from './keys/key-rules';
import { ConcurrencyError, statusOf, StorageError, toStorageError } from './storage-errors';

/** The row key of a tenant's pause (window rows are 16 digits, so this never clashes). */
const PAUSE_ROW = 'paused';

/**
 * Sending windows of each tenant, shared by every instance (see delivery/tenant-pacer.ts).
 * Time is cut into short numbered windows, each worth a few sends; an instance may send in
 * a window only after creating its row, and a create fails (409) when another instance has
 * it. So all instances together never plan more than the tenant's rate. Rows are write-only
 * claims, not models: nothing is read back except by the sweep.
 */
export class RateWindowRepository {
  constructor(readonly client: TableClient) {}

  private keys(tenant: string, index: number): { partitionKey: string; rowKey: string } {
    return { partitionKey: keyPart(tenant), rowKey: String(index).padStart(16, '0') };
  }

  /** Claims window `index` of a tenant; false when another instance has it. */
  async claim(tenant: string, index: number, owner: string): Promise<boolean> {
    try {
      await this.client.createEntity({ ...this.keys(tenant, index), owner });
      return true;
    } catch (error) {
      const mapped = toStorageError(error, `claim sending window ${tenant}/${index}`);
      if (mapped instanceof ConcurrencyError) return false;
      throw mapped;
    }
  }

  /**
   * After a 429: takes windows `from`..`to` for nobody, so every instance's next claim skips
   * past the pause, and records the tenant's pause (`untilMs`), which instances read at each
   * window they use, so windows already claimed stop too.
   */
  async block(tenant: string, from: number, to: number, owner: string, untilMs: number): Promise<void> {
    const actions: TransactionAction[] = [['upsert', { partitionKey: keyPart(tenant), rowKey: PAUSE_ROW, owner, until: untilMs }, 'Replace']];
    for (let i = from; i <= to; i++) actions.push(['upsert', { ...this.keys(tenant, i), owner, paused: true }, 'Replace']);
    await submitInBatches(this.client, actions, `pause sending for ${tenant}`);
  }

  /** Until when (epoch ms) the tenant is paused after a 429; 0 when it never was. */
  async pausedUntil(tenant: string): Promise<number> {
    try {
      const row = await this.client.getEntity<{ until?: number }>(keyPart(tenant), PAUSE_ROW);
      return Number(row.until) || 0;
    } catch (error) {
      if (statusOf(error) === 404) return 0;
      throw toStorageError(error, `read the pause of ${tenant}`);
    }
  }

  /** Deletes windows that have passed. Rows already gone are fine. */
  async release(tenant: string, indexes: readonly number[]): Promise<void> {
    if (indexes.length === 0) return;
    const actions: TransactionAction[] = indexes.map((i) => ['delete', this.keys(tenant, i)]);
    try {
      await submitInBatches(this.client, actions, `release ${indexes.length} sending windows`);
    } catch (error) {
      if (!(error instanceof StorageError && error.code === 'storage_not_found')) throw error;
      // A batch fails whole when one row is missing (a pause overwrote and released it).
      for (const i of indexes) {
        const { partitionKey, rowKey } = this.keys(tenant, i);
        await this.client.deleteEntity(partitionKey, rowKey).catch((e: unknown) => {
          if (statusOf(e) !== 404) throw toStorageError(e, `release sending window ${tenant}/${i}`);
        });
      }
    }
  }

  /** Deletes every window row written before `before`: what instances that died left behind. */
  async sweep(before: Date): Promise<number> {
    let removed = 0;
    const rows = this.client.listEntities({ queryOptions: { filter: odata`Timestamp lt ${before}`, select: ['PartitionKey', 'RowKey'] } });
    try {
      for await (const row of rows) {
        await this.client.deleteEntity(row.partitionKey!, row.rowKey!).catch((e: unknown) => {
          if (statusOf(e) !== 404) throw e;
        });
        removed += 1;
      }
    } catch (error) {
      throw toStorageError(error, 'sweep old sending windows');
    }
    return removed;
  }
}
