import type { TableClient } from '@azure/data-tables';
import { deliverySchema, INVITE_ROUND, type Delivery, type DeliveryInput, type DeliveryStatus } from '../domain/model/delivery';
import type { Versioned } from './entity-table';
import { deliveryKeys, deliveryPartitionKey } from './keys/delivery-keys';
import { SendRowRepository, type OnRowsAdded } from './send-row-repository';
import type { PulseScope } from '../domain/model/pulse';

/** Which instant to stamp on new rows. */
export interface EnsurePendingOptions {
  /** Stamped as updatedAt, so a repair can tell rows that have waited long. */
  at?: string;
  /** Told of each batch of added rows as soon as it is written. */
  onAdded?: OnRowsAdded;
}

/**
 * Invitations: one row per person invited to a pulse, keyed by Entra object id, with the state
 * of sending them the survey card. Every change after the first write is conditional on the
 * row's ETag: that is how two workers (in one process or many) never both send the same card.
 */
export class DeliveryRepository extends SendRowRepository<typeof deliverySchema> {
  constructor(client: TableClient) {
    super(client, { what: 'delivery', schema: deliverySchema, keysOf: (d) => deliveryKeys(d, d.aadObjectId) });
  }

  protected partitionOf(scope: PulseScope): string {
    return deliveryPartitionKey(scope);
  }

  protected idOf(row: Delivery): string {
    return row.aadObjectId;
  }

  protected pendingRow(scope: PulseScope, _round: string, aadObjectId: string, at?: string): DeliveryInput {
    return { ...scope, aadObjectId, round: INVITE_ROUND, status: 'pending', attempts: 0, ...(at ? { updatedAt: at } : {}) };
  }

  find(scope: PulseScope, aadObjectId: string): Promise<Versioned<Delivery> | undefined> {
    return this.findAt(deliveryKeys(scope, aadObjectId));
  }

  get(scope: PulseScope, aadObjectId: string): Promise<Versioned<Delivery>> {
    return this.table.get(deliveryKeys(scope, aadObjectId));
  }

  /** Read-modify-write of one delivery, guarded by its ETag. */
  modify(scope: PulseScope, aadObjectId: string, change: (current: Delivery) => DeliveryInput): Promise<Versioned<Delivery>> {
    return this.modifyAt(deliveryKeys(scope, aadObjectId), change);
  }

  /** Adds 'pending' rows for those without one; returns the recipients that were added. */
  async ensurePending(scope: PulseScope, aadObjectIds: readonly string[], options: EnsurePendingOptions = {}): Promise<string[]> {
    return [...(await this.addPending(scope, aadObjectIds, options)).keys()];
  }

  /** The same, with each added row's ETag by recipient (for the queue message). */
  addPending(scope: PulseScope, aadObjectIds: readonly string[], options: EnsurePendingOptions = {}): Promise<Map<string, string>> {
    return this.addRows(scope, INVITE_ROUND, aadObjectIds.map((id) => id.toLowerCase()), options.at, options.onAdded);
  }

  /** Every invitation of a pulse, read a page of 1,000 at a time. */
  list(scope: PulseScope): Promise<Delivery[]> {
    return this.listRound(scope, INVITE_ROUND);
  }

  /** How many invitations of a pulse are in each status. */
  countByStatus(scope: PulseScope): Promise<Record<DeliveryStatus, number>> {
    return this.countRound(scope, INVITE_ROUND);
  }
}
