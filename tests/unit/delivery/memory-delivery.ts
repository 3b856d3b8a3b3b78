import type { CardSender, OutgoingRequest, Recipient, SendHooks, SendOutcome } from '../../../src/app/ports';
import type { AdaptiveCard } from '../../../src/cards/card-types';
import type { Delivery, ReminderDelivery, SendRow } from '../../../src/domain/model/delivery';
import type { ReceivedMessage } from '../../../src/delivery/card-queue';
import type { SendRowDeps } from '../../../src/delivery/send-rows';
import type { WindowClaims } from '../../../src/delivery/tenant-pacer';
import type { Versioned } from '../../../src/storage/entity-table';
import { ConcurrencyError } from '../../../src/storage/storage-errors';
import type { PulseScope } from '../../../src/domain/model/pulse';

/**
 * The delivery engine's surroundings in memory, for unit tests of its worker path: the card
 * queue (visibility timeouts included), the sending rows (ETag-guarded like Table Storage),
 * the RateWindows table and a sender that records what it was given.
 */

/** The card queue in memory: a received message is hidden until its lease or retry passes. */
export class MemoryQueue {
  private readonly messages = new Map<string, { text: string; visibleAt: number; dequeueCount: number }>();
  private n = 0;
  /** Each hide for later: the message and how many seconds. */
  readonly retried: { text: string; seconds: number }[] = [];

  add(...texts: string[]): void {
    for (const text of texts) this.messages.set(`m${++this.n}`, { text, visibleAt: 0, dequeueCount: 0 });
  }

  get size(): number {
    return this.messages.size;
  }

  /** Messages a worker could take now (not held, not hidden for later). */
  visible(): number {
    const now = Date.now();
    return [...this.messages.values()].filter((m) => m.visibleAt <= now).length;
  }

  async receive(count: number, leaseSeconds: number): Promise<ReceivedMessage[]> {
    const now = Date.now();
    const out: ReceivedMessage[] = [];
    for (const [messageId, m] of this.messages) {
      if (out.length >= count || m.visibleAt > now) continue;
      m.visibleAt = now + leaseSeconds * 1000;
      m.dequeueCount += 1;
      out.push({ messageId, popReceipt: String(m.dequeueCount), text: m.text, dequeueCount: m.dequeueCount });
    }
    return out;
  }

  async delete(message: ReceivedMessage): Promise<void> {
    this.messages.delete(message.messageId);
  }

  async retryLater(message: ReceivedMessage, delaySeconds: number): Promise<void> {
    const m = this.messages.get(message.messageId);
    if (!m) return;
    m.visibleAt = Date.now() + delaySeconds * 1000;
    this.retried.push({ text: m.text, seconds: delaySeconds });
  }
}

/** Sending rows in memory, keyed like the tables: invitations by Entra id, reminders by respondent key. */
export class MemoryRows {
  readonly rows = new Map<string, Versioned<SendRow>>();
  private n = 0;

  private static keyOf(row: SendRow): string {
    return `${row.pulseId}/${row.round}/${'aadObjectId' in row ? row.aadObjectId : row.respondentKey}`;
  }

  /** Writes a row as the fan-out would, returning it with its new ETag. */
  put(value: SendRow): Versioned<SendRow> {
    const row = { value, etag: `W/"${++this.n}"` };
    this.rows.set(MemoryRows.keyOf(value), row);
    return row;
  }

  get(pulseId: string, round: string, id: string): SendRow | undefined {
    return this.rows.get(`${pulseId}/${round}/${id}`)?.value;
  }

  private async update(previous: Versioned<SendRow>, next: SendRow): Promise<Versioned<SendRow>> {
    if (this.rows.get(MemoryRows.keyOf(previous.value))?.etag !== previous.etag) throw new ConcurrencyError('concurrent_update', 'the row changed');
    return this.put(next);
  }

  private async remove(previous: Versioned<SendRow>): Promise<boolean> {
    if (this.rows.get(MemoryRows.keyOf(previous.value))?.etag !== previous.etag) throw new ConcurrencyError('concurrent_update', 'the row changed');
    return this.rows.delete(MemoryRows.keyOf(previous.value));
  }

  /** The repositories a worker writes rows with, over this map. */
  deps(respondentKey: (scope: PulseScope, aadObjectId: string) => string): SendRowDeps {
    const find = (scope: PulseScope, round: string, id: string) => Promise.resolve(this.rows.get(`${scope.pulseId}/${round}/${id}`));
    return {
      deliveries: {
        find: (scope, aadObjectId) => find(scope, 'invite', aadObjectId) as Promise<Versioned<Delivery> | undefined>,
        update: (previous, next) => this.update(previous, next as Delivery) as Promise<Versioned<Delivery>>,
        remove: (previous) => this.remove(previous),
      },
      reminders: {
        find: (scope, round, key) => find(scope, round, key) as Promise<Versioned<ReminderDelivery> | undefined>,
        update: (previous, next) => this.update(previous, next as ReminderDelivery) as Promise<Versioned<ReminderDelivery>>,
        remove: (previous) => this.remove(previous),
      },
      respondentKey,
    };
  }
}

/** The RateWindows table in memory: a claim succeeds once per tenant and window. */
export class MemoryWindows implements WindowClaims {
  private readonly taken = new Set<string>();
  async claim(tenant: string, index: number): Promise<boolean> {
    const key = `${tenant}/${index}`;
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }
  async block(): Promise<void> {}
  async pausedUntil(): Promise<number> {
    return 0;
  }
  async release(): Promise<void> {}
}

/** A sender that waits for its slot like the bot's, then records the card and says it was sent. */
export class RecordingSender implements CardSender {
  readonly sent: { to: string; card: AdaptiveCard }[] = [];

  async sendToMember(member: Recipient, card: AdaptiveCard, hooks?: SendHooks): Promise<SendOutcome> {
    const request: OutgoingRequest = { conversationId: `a:${member.aadObjectId}`, carriesCard: true };
    await hooks?.beforeRequest?.(request);
    this.sent.push({ to: member.aadObjectId!, card });
    return { status: 'sent', statusCode: 201, activityId: `activity-${this.sent.length}` };
  }

  async sendToChannel(): Promise<SendOutcome> {
    return { status: 'not_found' };
  }
}
