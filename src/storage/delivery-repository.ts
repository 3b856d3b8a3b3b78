import type { TableClient } from '@azure/data-tables';
import { deliverySchema, INVITE_ROUND, type Delivery, type DeliveryInput, type DeliveryStatus } from '../domain/model/delivery';
import type { Versioned } from './entity-table';
import { deliveryKeys, deliveryPartitionKey } from './keys/delivery-keys';
import { SendRowRepository, type OnRowsAdded } from './send-row-repository';
import type { PulseScope } from '../domain/model/pulse';

/** Which instant to stamp on new rows, and which round they are in. */
export interface EnsurePendingOptions {
  /** The round (default the invitation); a subject's rows are in rounds of its own. */
  round?: string;
  /** Stamped as updatedAt, so a repair can tell rows that have waited long. */
  at?: string;
  /** Told of each batch of added rows as soon as it is written. */
  onAdded?: OnRowsAdded;
}

/**
 * Invitations: one row per person invited to a pulse, keyed by Entra object id, with the state
 * of sending them the survey card. Every change after the first write is conditional on the
 * row's ETag: that is how two workers (in one process or many) never both send the same card.
 * The rows of a subject's cards (an intervention's reminders) are the same rows in rounds of
 * their own (domain/model/delivery.ts: keyedByPerson); every method reads the invitation round
 * unless told another.
 */
export class DeliveryRepository extends SendRowRepository<typeof deliverySchema> {
  constructor(client: TableClient) {
    super(client, { what: 'delivery', schema: deliverySchema, keysOf: (d) => deliveryKeys(d, d.aadObjectId, d.round) });
  }

  protected partitionOf(scope: PulseScope, round: string): string {
    return deliveryPartitionKey(scope, round);
  }

  protected idOf(row: Delivery): string {
    return row.aadObjectId;
  }

  protected pendingRow(scope: PulseScope, round: string, aadObjectId: string, at?: string): DeliveryInput {
    return { ...scope, aadObjectId, round, status: 'pending', attempts: 0, ...(at ? { updatedAt: at } : {}) };
  }

  find(scope: PulseScope, aadObjectId: string, round: string = INVITE_ROUND): Promise<Versioned<Delivery> | undefined> {
    return this.findAt(deliveryKeys(scope, aadObjectId, round));
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
    return this.addRows(scope, options.round ?? INVITE_ROUND, aadObjectIds.map((id) => id.toLowerCase()), options.at, options.onAdded);
  }

  /** Every invitation of a pulse (or row of another round), read a page of 1,000 at a time. */
  list(scope: PulseScope, round: string = INVITE_ROUND): Promise<Delivery[]> {
    return this.listRound(scope, round);
  }

  /** How many invitations of a pulse (or rows of another round) are in each status. */
  countByStatus(scope: PulseScope, round: string = INVITE_ROUND): Promise<Record<DeliveryStatus, number>> {
    return this.countRound(scope, round);
  }
}
