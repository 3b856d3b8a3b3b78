import type { SendRow } from '../domain/model/delivery';
import type { Versioned } from '../storage/entity-table';
import { deliveryPartitionKey } from '../storage/keys/delivery-keys';

/** The repository operation the batcher needs (SendRowRepository.updateEach). */
export interface RowUpdates<R extends SendRow> {
  updateEach(changes: readonly { previous: Versioned<R>; next: R }[]): Promise<(Versioned<R> | Error)[]>;
}

/**
 * Send outcomes written in batches: those recorded within a few milliseconds of each other
 * for the same pulse and round go to Table Storage as one transaction (updateEach). At 50
 * cards a second that is one write every few cards instead of one per card, which keeps
 * storage (and this process) free for the claims that gate each send. Each caller still gets
 * its own answer: its row as written, or its error.
 */
export class OutcomeBatcher<R extends SendRow> {
  private readonly waiting = new Map<string, Item<R>[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly rows: RowUpdates<R>,
    /** How long an outcome waits for others to share its write. */
    private readonly delayMs = 20,
  ) {}

  /** Writes `next` in place of `previous` (ETag-guarded), with whatever else is waiting. */
  write(previous: Versioned<R>, next: R): Promise<Versioned<R>> {
    const partition = deliveryPartitionKey(previous.value, previous.value.round);
    return new Promise((resolve, reject) => {
      const items = this.waiting.get(partition) ?? [];
      items.push({ previous, next, resolve, reject });
      this.waiting.set(partition, items);
      if (items.length >= 100) void this.flush(partition);
      else if (!this.timers.has(partition)) this.timers.set(partition, setTimeout(() => void this.flush(partition), this.delayMs));
    });
  }

  private async flush(partition: string): Promise<void> {
    clearTimeout(this.timers.get(partition));
    this.timers.delete(partition);
    const items = this.waiting.get(partition) ?? [];
    this.waiting.delete(partition);
    if (items.length === 0) return;
    try {
      const results = await this.rows.updateEach(items.map(({ previous, next }) => ({ previous, next })));
      results.forEach((result, i) => (result instanceof Error ? items[i]!.reject(result) : items[i]!.resolve(result)));
    } catch (error) {
      for (const item of items) item.reject(error);
    }
  }
}

interface Item<R> {
  previous: Versioned<R>;
  next: R;
  resolve(row: Versioned<R>): void;
  reject(error: unknown): void;
}
