import type { Logger } from '../app/ports';
import type { CardQueue, ReceivedMessage } from './card-queue';
import { parseCardMessage, type CardMessage } from './card-message';
import type { Disposition } from './card-delivery';

/**
 * The loop every instance runs: take card messages from the queue (each hidden from the
 * other instances while this one holds it), hand each to `deliver`, then delete it (done) or
 * hide it until it should be tried again. Many messages are in hand at once, because most of
 * a card's time is spent waiting for its slot in the tenant's rate; the queue is asked again
 * as soon as there is room, and less often while it is empty.
 */

/** What the card loop needs. */
export interface SendWorkerOptions {
  queue: Pick<CardQueue, 'receive' | 'delete' | 'retryLater'>;
  deliver(message: CardMessage): Promise<Disposition>;
  log: Logger;
  /** Seconds a received message stays hidden from the others: the worker's lease on it. */
  leaseSeconds: number;
  /** Longest wait between looks at an empty queue. */
  idlePollMs: number;
  /** Messages in hand at once (default 200: about two seconds of two tenants' sending). */
  maxInHand?: number;
}

/** Messages that keep coming back (over this many receipts) are dropped, with a warning. */
const MAX_DEQUEUES = 50;
const FIRST_IDLE_MS = 20;

/** Takes card messages from the queue and hands each to `deliver` (see the file comment). */
export class SendWorker {
  private running = false;
  private inHand = 0;
  /** Messages handled whose delete (or hide) is on its way. */
  private acknowledging = 0;
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;

  constructor(private readonly options: SendWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Stops taking messages; those in hand finish (or come back by themselves after their lease). */
  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loopDone;
  }

  /** Resolves once every message in hand is handled and acknowledged, or after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.inHand + this.acknowledging > 0) {
      if (Date.now() >= until) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  }

  /** Look at the queue now (a fan-out was just queued by this instance). */
  nudge(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Messages being handled now. */
  get busy(): number {
    return this.inHand;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    const max = this.options.maxInHand ?? 200;
    let idle = FIRST_IDLE_MS;
    while (this.running) {
      const room = max - this.inHand;
      // Deletes falling far behind mean the queue is struggling: take no more until they catch up.
      if (room < Math.min(16, max) || this.acknowledging > 2 * max) {
        await this.pause(50);
        continue;
      }
      let messages: ReceivedMessage[];
      try {
        messages = await this.options.queue.receive(room, this.options.leaseSeconds);
      } catch (error) {
        this.options.log.warn('reading the card queue failed; trying again shortly', { error: String(error) });
        await this.pause(1000);
        continue;
      }
      if (messages.length === 0) {
        await this.pause(idle);
        idle = Math.min(idle * 2, this.options.idlePollMs);
        continue;
      }
      idle = FIRST_IDLE_MS;
      for (const message of messages) void this.handle(message);
    }
  }

  private async handle(received: ReceivedMessage): Promise<void> {
    const { queue, log } = this.options;
    this.inHand += 1;
    let acknowledge: () => Promise<void>;
    try {
      acknowledge = await this.decide(received);
    } catch (error) {
      // Never swallowed, never fatal: the message comes back and is tried again.
      log.warn('sending a card failed; it will be tried again', { messageId: received.messageId, error: String(error) });
      acknowledge = () => queue.retryLater(received, 5);
    } finally {
      this.inHand -= 1;
    }
    // Deleting (or hiding) the message happens after the card's row has its outcome, so it no
    // longer holds a place in hand: a slow queue then slows only this, not the sending.
    this.acknowledging += 1;
    try {
      await acknowledge();
    } catch (error) {
      // The message comes back after its lease, finds its row ended, and is deleted then.
      log.warn('deleting a handled card message failed; it will be deleted when it comes back', { messageId: received.messageId, error: String(error) });
    } finally {
      this.acknowledging -= 1;
    }
  }

  /** Handles one message; returns what to do with it in the queue. */
  private async decide(received: ReceivedMessage): Promise<() => Promise<void>> {
    const { queue, log } = this.options;
    const parsed = parseCardMessage(received.text);
    if (!parsed.ok) {
      log.warn('a queue message that is not a card was deleted', { messageId: received.messageId, reason: parsed.reason });
      return () => queue.delete(received);
    }
    if (received.dequeueCount > MAX_DEQUEUES) {
      log.warn('a card that kept coming back was dropped', { messageId: received.messageId, pulseId: parsed.message.pulseId });
      return () => queue.delete(received);
    }
    const disposition = await this.options.deliver(parsed.message);
    return disposition.kind === 'done' ? () => queue.delete(received) : () => queue.retryLater(received, disposition.delayMs / 1000);
  }
}
