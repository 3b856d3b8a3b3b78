import { odata, type TableClient } from '@azure/data-tables';
import {
  assertPulseChange,
  pulseSchema,
  advancePulse,
  type Pulse,
  type PulseInput,
  type PulseStatus,
} from '../domain/model/pulse';
import type { Versioned } from './entity-table';
import { pulseKeys, pulsePartitionKey } from './keys/pulse-keys';
import { ModelRepository } from './model-repository';

/**
 * Pulses of each collaborative. Every write goes through the model's rules: status only
 * moves draft -> open -> closed, and what is asked (and how it is scored) is fixed once a
 * pulse opens.
 */
export class PulseRepository extends ModelRepository<typeof pulseSchema> {
  constructor(client: TableClient) {
    super(client, {
      what: 'pulse',
      schema: pulseSchema,
      keysOf: (p) => pulseKeys(p.collaborativeId, p.id),
      json: ['targetWorkgroupIds', 'participantWorkgroupIds', 'reminderDays', 'bands', 'instrument', 'schedule'],
    });
  }

  protected override checkChange(before: Pulse, after: Pulse): void {
    assertPulseChange(before, after);
  }

  find(collaborativeId: string, pulseId: string): Promise<Versioned<Pulse> | undefined> {
    return this.table.find(pulseKeys(collaborativeId, pulseId));
  }

  get(collaborativeId: string, pulseId: string): Promise<Versioned<Pulse>> {
    return this.table.get(pulseKeys(collaborativeId, pulseId));
  }

  /** Read-modify-write of one pulse, guarded by its ETag and the pulse rules. */
  modify(collaborativeId: string, pulseId: string, change: (current: Pulse) => PulseInput): Promise<Versioned<Pulse>> {
    return this.modifyAt(pulseKeys(collaborativeId, pulseId), change);
  }

  /**
   * Moves the version read as `previous` to a new status at instant `at`. IllegalStateError
   * for anything but draft -> open -> closed; ConcurrencyError if the pulse changed since it
   * was read (so of two people opening or closing it at once, exactly one succeeds).
   */
  async advance(previous: Versioned<Pulse>, to: PulseStatus, at: string): Promise<Versioned<Pulse>> {
    return this.update(previous, advancePulse(previous.value, to, at));
  }

  /**
   * Removes a pulse's row (deleting a pulse, or its retention ending); the rows scoped to it
   * are deleted first through PulseRows. False when it was not there.
   */
  delete(collaborativeId: string, pulseId: string): Promise<boolean> {
    return this.table.delete(pulseKeys(collaborativeId, pulseId));
  }

  /** A collaborative's pulses, newest first. */
  async list(collaborativeId: string): Promise<Pulse[]> {
    const pulses = await this.listWhere({ partitionKey: pulsePartitionKey(collaborativeId) });
    return pulses.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  /** Pulses in one status across all collaboratives (the scheduler asks for 'open'). */
  listByStatus(status: PulseStatus): Promise<Pulse[]> {
    return this.listWhere({ filter: odata`status eq ${status}` });
  }
}
