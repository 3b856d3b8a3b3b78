import type { SendOutcome } from '../app/ports';
import type { ConversationPacer } from './conversation-pacer';
import type { TenantPacer } from './tenant-pacer';

/**
 * The pacing every proactive request goes through, the fan-out's cards and timed work's
 * one-off posts alike: a slot in its tenant's rate, room in its conversation's limits, and,
 * after the answer, what the pacer learns from it.
 */

/** The pacers a request waits for, and the time. */
export interface RequestPacing {
  pacer: Pick<TenantPacer, 'acquire' | 'left' | 'answered' | 'pause' | 'lateToleranceMs'>;
  conversations: Pick<ConversationPacer, 'acquire'>;
  now: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits until a request to `tenant` (and `conversationId`) may leave, running `prepare` (a
 * card's claim) in the head start its slot is handed out with. It leaves on the slot; well
 * after it (a slow claim, a busy moment) it would bunch with the slots after it, so it asks
 * again: at once if that fits, else the next slot, ahead of the others waiting. Tells the
 * pacer when it left, and returns that instant (epoch ms).
 */
export async function leaveOnSlot(pacing: RequestPacing, tenant: string, conversationId: string | undefined, prepare?: () => Promise<void>): Promise<number> {
  const { pacer, now } = pacing;
  let slot = await pacer.acquire(tenant);
  if (conversationId) await pacing.conversations.acquire(conversationId);
  await prepare?.();
  for (;;) {
    if (now() > slot + pacer.lateToleranceMs) slot = await pacer.acquire(tenant, { first: true, instead: slot });
    else if (slot > now()) await sleep(slot - now());
    else break;
  }
  const leftAt = now();
  pacer.left(tenant, slot, leftAt);
  return leftAt;
}

/**
 * After the answer to a request that left at `leftAt` (if one left): the pacer hears how long
 * the answer took, and a 429 pauses the whole tenant, in every instance, not just this request.
 */
export async function afterAnswer(pacing: RequestPacing, tenant: string | undefined, leftAt: number | undefined, outcome: SendOutcome): Promise<void> {
  if (leftAt !== undefined) pacing.pacer.answered(leftAt);
  if (outcome.statusCode === 429 && tenant) await pacing.pacer.pause(tenant, pacing.now() + Math.max(1000, outcome.retryAfterMs ?? 1000));
}
