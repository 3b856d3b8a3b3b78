import { isRetryable, retryDelayMs, sendWithRetries } from '../../../src/delivery/send-retry';
import type { SendOutcome } from '../../../src/app/ports';

const failed = (statusCode?: number, extra: Partial<SendOutcome> = {}): SendOutcome => ({ status: 'failed', ...(statusCode ? { statusCode } : {}), ...extra });

describe('when to send again', () => {
  it('retries what Teams asks bots to retry (412, 429, 502, 503, 504) and requests that never reached it', () => {
    for (const code of [412, 429, 502, 503, 504]) expect(isRetryable(failed(code))).toBe(true);
    expect(isRetryable(failed())).toBe(true);
    for (const code of [400, 401, 403, 404, 413, 500]) expect(isRetryable(failed(code))).toBe(false);
    expect(isRetryable({ status: 'blocked', statusCode: 403 })).toBe(false);
    // No answer after the card left: it may have been delivered, so it is not sent again.
    expect(isRetryable(failed(undefined, { uncertain: true }))).toBe(false);
  });

  it('waits as long as Retry-After says, else backs off exponentially with jitter, 429 at least a second', () => {
    expect(retryDelayMs(failed(429, { retryAfterMs: 3000 }), 1)).toBe(3000);
    expect([retryDelayMs(failed(503), 1, () => 0), retryDelayMs(failed(503), 1, () => 1)]).toEqual([250, 500]);
    expect([retryDelayMs(failed(503), 4, () => 0), retryDelayMs(failed(503), 4, () => 1)]).toEqual([2000, 4000]);
    expect(retryDelayMs(failed(503), 20, () => 1)).toBe(60_000);
    expect(retryDelayMs(failed(429), 1, () => 0)).toBe(1000);
  });

  it('tries a single post a few times, giving up on a wait longer than allowed', async () => {
    const answers = [failed(502), failed(503), { status: 'sent' as const, statusCode: 201 }];
    const waits: number[] = [];
    const outcome = await sendWithRetries(async () => answers.shift()!, { attempts: 4, maxWaitMs: 5000, sleep: async (ms) => void waits.push(ms) });
    expect(outcome.status).toBe('sent');
    expect(waits).toHaveLength(2);
    expect(await sendWithRetries(async () => failed(429, { retryAfterMs: 60_000 }), { attempts: 4, maxWaitMs: 5000 })).toMatchObject({ statusCode: 429 });
  });
});
