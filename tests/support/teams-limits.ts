/**
 * Teams' limits on a bot's proactive requests, enforced by the fake connector the way Teams
 * answers them: beyond 50 requests in any second per tenant, or beyond a conversation's own
 * limits (7 in 1 s, 8 in 2 s, 60 in 30 s), the request gets 429 with Retry-After. Windows
 * slide (every instant is the end of a window), which is stricter than fixed one-second
 * buckets: a sender that bunches its requests is caught even when its average is fine.
 * Only requests that were let through count, as a 429 costs Teams nothing.
 */

import { seededRandom } from '../../src/app/demo/demo-data';

/** Limits to enforce (Teams' own when not given). */
export interface TeamsLimitOptions {
  tenantPerSecond?: number;
  conversation?: readonly { count: number; ms: number }[];
}

/** Teams' limits per bot per conversation. */
export const TEAMS_CONVERSATION_LIMITS = [
  { count: 7, ms: 1000 },
  { count: 8, ms: 2000 },
  { count: 60, ms: 30_000 },
] as const;

/** Counts requests per tenant and per conversation, and says when one is over a limit. */
export class TeamsLimits {
  readonly tenantPerSecond: number;
  private readonly conversationLimits: readonly { count: number; ms: number }[];
  private readonly tenants = new Map<string, number[]>();
  private readonly conversations = new Map<string, number[]>();
  /** 429s answered, by tenant. */
  readonly throttled = new Map<string, number>();
  /** Most requests let through in any one second, by tenant (checked as they arrive). */
  readonly busiestSecond = new Map<string, number>();

  constructor(options: TeamsLimitOptions = {}) {
    this.tenantPerSecond = options.tenantPerSecond ?? 50;
    this.conversationLimits = options.conversation ?? TEAMS_CONVERSATION_LIMITS;
  }

  /** Seconds to wait (Retry-After) when the request is over a limit; undefined lets it through and counts it. */
  admit(tenant: string, conversationId: string | undefined, now = Date.now()): number | undefined {
    const tenantTimes = recent(this.tenants, tenant, now, 1000);
    let until = 0;
    if (tenantTimes.length >= this.tenantPerSecond) until = tenantTimes[tenantTimes.length - this.tenantPerSecond]! + 1000;
    const convTimes = conversationId ? recent(this.conversations, conversationId, now, 30_000) : [];
    for (const { count, ms } of this.conversationLimits) {
      const inWindow = convTimes.filter((t) => t > now - ms);
      if (inWindow.length >= count) until = Math.max(until, inWindow[inWindow.length - count]! + ms);
    }
    if (until > now) {
      this.throttled.set(tenant, (this.throttled.get(tenant) ?? 0) + 1);
      return Math.max(1, Math.ceil((until - now) / 1000));
    }
    insertInOrder(tenantTimes, now);
    this.busiestSecond.set(tenant, Math.max(this.busiestSecond.get(tenant) ?? 0, tenantTimes.length));
    if (conversationId) insertInOrder(convTimes, now);
    return undefined;
  }

  /** Every 429 answered. */
  get throttledTotal(): number {
    return [...this.throttled.values()].reduce((a, b) => a + b, 0);
  }
}

/** Adds a time keeping the list in order (requests stamped on arrival can be admitted out of order). */
function insertInOrder(times: number[], t: number): void {
  let i = times.length;
  while (i > 0 && times[i - 1]! > t) i -= 1;
  times.splice(i, 0, t);
}

/** The times still inside the window, kept in the map (pruned in place). */
function recent(map: Map<string, number[]>, key: string, now: number, ms: number): number[] {
  const kept = (map.get(key) ?? []).filter((t) => t > now - ms);
  map.set(key, kept);
  return kept;
}

/** A small seeded random source (mulberry32), so a run's injected faults can be repeated. */
export { seededRandom };
