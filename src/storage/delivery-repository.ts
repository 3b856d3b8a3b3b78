import type { TableClient, TransactionAction } from '@azure/data-tables';
import { deliverySchema, type Delivery, type DeliveryInput, type DeliveryStatus } from '../domain/model/delivery';
import { submitInBatches } from './batch-writer';
import type { Versioned } from './entity-table';
import { deliveryKeys } from './keys/delivery-keys';
import { pulsePartitionKey, type PulseScope } from './keys/key-rules';
import { ModelRepository } from './model-repository';
import { ConcurrencyError } from './storage-errors';

/** One row per recipient per pulse, with the state of sending them the pulse's card. */
export class DeliveryRepository extends ModelRepository<typeof deliverySchema> {
  constructor(client: TableClient) {
    super(client, { what: 'delivery', schema: deliverySchema, keysOf: (d) => deliveryKeys(d, d.aadObjectId) });
  }

  find(scope: PulseScope, aadObjectId: string): Promise<Versioned<Delivery> | undefined> {
    return this.table.find(deliveryKeys(scope, aadObjectId));
  }

  get(scope: PulseScope, aadObjectId: string): Promise<Versioned<Delivery>> {
    return this.table.get(deliveryKeys(scope, aadObjectId));
  }

  /** Read-modify-write of one delivery (a send attempt's outcome), guarded by its ETag. */
  modify(scope: PulseScope, aadObjectId: string, change: (current: Delivery) => DeliveryInput): Promise<Versioned<Delivery>> {
    return this.modifyAt(deliveryKeys(scope, aadObjectId), change);
  }

  /**
   * Makes sure every recipient has a delivery row, adding 'pending' rows for those without
   * one and never touching existing rows (a re-run of the fan-out must not reset a 'sent'
   * row to 'pending' and send twice). Returns the recipients that were added.
   */
  async ensurePending(scope: PulseScope, aadObjectIds: readonly string[]): Promise<string[]> {
    const existing = new Set((await this.list(scope)).map((d) => d.aadObjectId));
    const missing = [...new Set(aadObjectIds.map((id) => id.toLowerCase()))].filter((id) => !existing.has(id));
    const rows = missing.map((aadObjectId) => this.parse({ ...scope, aadObjectId, status: 'pending', attempts: 0 }));
    const actions: TransactionAction[] = rows.map((d) => ['create', this.table.codec.toEntity(deliveryKeys(d, d.aadObjectId), d)]);
    try {
      await submitInBatches(this.table.client, actions, `add ${rows.length} deliveries`);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      // Another instance added some of the same rows meanwhile: add the rest one by one.
      for (const d of rows) await this.table.create(deliveryKeys(d, d.aadObjectId), d).catch(ignoreExisting);
    }
    return missing;
  }

  /** Every delivery of a pulse, read a page of 1,000 at a time. */
  list(scope: PulseScope): Promise<Delivery[]> {
    return this.listWhere({ partitionKey: pulsePartitionKey(scope) });
  }

  /** How many deliveries of a pulse are in each status. */
  async countByStatus(scope: PulseScope): Promise<Record<DeliveryStatus, number>> {
    const counts: Record<DeliveryStatus, number> = { pending: 0, sent: 0, blocked: 0, not_found: 0, failed: 0 };
    for (const d of await this.list(scope)) counts[d.status] += 1;
    return counts;
  }
}

function ignoreExisting(error: unknown): void {
  if (!(error instanceof ConcurrencyError && error.code === 'already_exists')) throw error;
}
