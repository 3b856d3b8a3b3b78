import type { SendOutcome } from '../app/ports';

/**
 * When a send is worth trying again, and after how long. Teams asks bots to retry 412, 429,
 * 502, 503 and 504, honouring Retry-After when given, else with exponential backoff and
 * jitter; a request that never reached Teams (no answer, and certainly not delivered) is
 * retried too. Everything else (400, 401, 403, 404...) would fail the same way again.
 */

/** HTTP statuses Teams documents as worth retrying. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 502, 503, 504]);

/** First backoff ceiling; it doubles each attempt up to MAX_BACKOFF_MS. */
export const BASE_BACKOFF_MS = 500;
/** Longest backoff between two attempts. */
export const MAX_BACKOFF_MS = 60_000;

/** True when trying the same send again may work. */
export function isRetryable(outcome: SendOutcome): boolean {
  if (outcome.status !== 'failed') return false;
  if (outcome.statusCode === undefined) return !outcome.uncertain;
  return RETRYABLE_STATUSES.has(outcome.statusCode);
}

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when
 * Teams gave one, else a random wait between half and all of 500 ms x 2^(attempt-1), capped
 * at a minute. Jitter spreads retries out, so failures at one moment do not retry together.
 * A 429 without Retry-After waits at least a second: the tenant's window must pass.
 */
export function retryDelayMs(outcome: SendOutcome, attempt: number, random: () => number = Math.random, baseMs = BASE_BACKOFF_MS): number {
  if (outcome.retryAfterMs !== undefined) return Math.max(0, outcome.retryAfterMs);
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  const wait = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return outcome.statusCode === 429 ? Math.max(1000, wait) : wait;
}

/** How sendWithRetries tries. */
export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Longest single wait; a longer Retry-After gives up rather than hold the caller. */
  maxWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a single send (a channel post) with a few retries, for callers that wait for the
 * answer. The fan-out does not use this: its retries go back through the queue and the
 * tenant's rate limit.
 */
export async function sendWithRetries(send: () => Promise<SendOutcome>, options: RetryOptions): Promise<SendOutcome> {
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    const outcome = await send();
    if (!isRetryable(outcome) || attempt >= options.attempts) return outcome;
    const wait = retryDelayMs(outcome, attempt);
    if (wait > options.maxWaitMs) return outcome;
    await sleep(wait);
  }
}
