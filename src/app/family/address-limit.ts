import { createHmac } from 'node:crypto';
import type { Storage } from '../../storage/storage';
import type { Clock } from '../ports';

/**
 * How often one internet address may open or send family pages: shared by every instance
 * through the RateWindows table (the same claims that pace sending to Teams). Time is cut into
 * windows; each request claims the next free numbered slot of its address's window by
 * creating its row, and a create fails when another request holds that slot, so across all
 * instances an address gets at most `limit` requests a window. The address is kept only as an
 * HMAC with the link secret, and the rows are swept within the hour like every window row.
 */

export interface AddressLimitOptions {
  windows: Pick<Storage['rateWindows'], 'claim'>;
  /** Hashes addresses so no address is ever stored (the family-link secret). */
  secret: string;
  clock: Clock;
  /** Requests per address per window (default 30: plenty for a family, little for a guesser). */
  limit?: number;
  /** Window length in milliseconds (default 10 minutes). */
  windowMs?: number;
  /** Names this instance on its claims. */
  owner?: string;
}

/** Answers whether one more request from an address may go ahead. */
export type AddressLimiter = (address: string) => Promise<boolean>;

/** Most addresses whose next free slot this instance remembers (oldest forgotten first). */
const HINTS = 5000;

/** A limiter over the RateWindows table. */
export function addressLimiter(options: AddressLimitOptions): AddressLimiter {
  const limit = options.limit ?? 30;
  const windowMs = options.windowMs ?? 10 * 60_000;
  const owner = options.owner ?? `family-page-${process.pid}`;
  // Where this instance last found a free slot, so one request is usually one write.
  const hints = new Map<string, { window: number; slot: number }>();
  return async (address) => {
    const key = `family-${createHmac('sha256', options.secret).update(`address\n${address}`).digest('hex').slice(0, 32)}`;
    const window = Math.floor(options.clock().getTime() / windowMs);
    const hint = hints.get(key);
    let slot = hint?.window === window ? hint.slot : 0;
    for (; slot < limit; slot++) {
      if (await options.windows.claim(key, window * limit + slot, owner)) break;
    }
    hints.delete(key);
    hints.set(key, { window, slot: slot + 1 });
    if (hints.size > HINTS) hints.delete(hints.keys().next().value!);
    return slot < limit;
  };
}
