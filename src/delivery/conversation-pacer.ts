import type { Clock } from '../app/ports';

/**
 * Teams' limits per bot per conversation: 7 messages in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in
 * an hour. A fan-out sends each 1:1 chat one card (a few, with retries), and channel posts
 * are rare, so this only ever waits for retries that come close together; it is kept per
 * instance, since a chat's card is sent by the one worker holding its claim.
 */
export const CONVERSATION_LIMITS: readonly { count: number; ms: number }[] = [
  { count: 7, ms: 1000 },
  { count: 8, ms: 2000 },
  { count: 60, ms: 30_000 },
  { count: 1800, ms: 3_600_000 },
];

const LONGEST = Math.max(...CONVERSATION_LIMITS.map((l) => l.ms));

/** Waits until a request to a conversation would stay within every one of its limits. */
export class ConversationPacer {
  private readonly sent = new Map<string, number[]>();
  private lastPrune = 0;

  constructor(private readonly clock: Clock) {}

  async acquire(conversationId: string): Promise<void> {
    for (;;) {
      const now = this.clock().getTime();
      this.prune(now);
      const times = (this.sent.get(conversationId) ?? []).filter((t) => t > now - LONGEST);
      let waitUntil = now;
      for (const { count, ms } of CONVERSATION_LIMITS) {
        const inWindow = times.filter((t) => t > now - ms);
        if (inWindow.length >= count) waitUntil = Math.max(waitUntil, inWindow[inWindow.length - count]! + ms + 1);
      }
      if (waitUntil <= now) {
        times.push(now);
        this.sent.set(conversationId, times);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, waitUntil - now));
    }
  }

  /** Forgets conversations with nothing in the last hour, at most once a minute. */
  private prune(now: number): void {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const [id, times] of this.sent) {
      const kept = times.filter((t) => t > now - LONGEST);
      if (kept.length === 0) this.sent.delete(id);
      else this.sent.set(id, kept);
    }
  }
}
