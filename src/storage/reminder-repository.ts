import type { TableClient } from '@azure/data-tables';
import { reminderDeliverySchema, type DeliveryStatus, type ReminderDelivery, type ReminderDeliveryInput } from '../domain/model/delivery';
import type { Versioned } from './entity-table';
import { deliveryPartitionKey, reminderKeys } from './keys/delivery-keys';
import { SendRowRepository, type OnRowsAdded } from './send-row-repository';
import type { PulseScope } from '../domain/model/pulse';

/**
 * Reminder rounds: one row per person reminded in a round, keyed by RESPONDENT KEY (see
 * domain/model/delivery.ts for why never by who they are), in the Deliveries table beside the
 * pulse's invitations. A row makes the round's reminder at most one per person.
 */
export class ReminderRepository extends SendRowRepository<typeof reminderDeliverySchema> {
  constructor(client: TableClient) {
    super(client, { what: 'reminder', schema: reminderDeliverySchema, keysOf: (r) => reminderKeys(r, r.round, r.respondentKey) });
  }

  protected partitionOf(scope: PulseScope, round: string): string {
    return deliveryPartitionKey(scope, round);
  }

  protected idOf(row: ReminderDelivery): string {
    return row.respondentKey;
  }

  protected pendingRow(scope: PulseScope, round: string, respondentKey: string, at?: string): ReminderDeliveryInput {
    return { ...scope, respondentKey, round, status: 'pending', attempts: 0, ...(at ? { updatedAt: at } : {}) };
  }

  find(scope: PulseScope, round: string, respondentKey: string): Promise<Versioned<ReminderDelivery> | undefined> {
    return this.findAt(reminderKeys(scope, round, respondentKey));
  }

  /** Adds 'pending' rows in a round for those without one; each added row's ETag by respondent key. */
  addPending(scope: PulseScope, round: string, respondentKeys: readonly string[], at?: string, onAdded?: OnRowsAdded): Promise<Map<string, string>> {
    return this.addRows(scope, round, respondentKeys, at, onAdded);
  }

  /** Every reminder of a pulse's round. */
  list(scope: PulseScope, round: string): Promise<ReminderDelivery[]> {
    return this.listRound(scope, round);
  }

  /** How many reminders of a round are in each status. */
  countByStatus(scope: PulseScope, round: string): Promise<Record<DeliveryStatus, number>> {
    return this.countRound(scope, round);
  }
}
