import type { AdaptiveCard } from '../../cards/card-types';
import type { Member } from '../../domain/model/member';
import type { Storage } from '../../storage/storage';
import type { PulseScope } from '../../storage/keys/key-rules';
import type { CardSender, Clock, Logger, SendOutcome } from '../ports';

/**
 * Sending a pulse's cards to people, one at a time, with a delivery row per recipient. This
 * is the one place that sends survey cards, so the queue-based fan-out (one queue message
 * per recipient, Retry-After on 429, bounded attempts) can replace it without touching the
 * use-cases: they only see a DeliverPulseCards function.
 */

/** Who gets which card for one pulse. */
export interface PulseCardBatch {
  scope: PulseScope;
  /** Installed members with an Entra object id and a conversation reference. */
  recipients: readonly Member[];
  cardFor(member: Member): AdaptiveCard;
  /**
   * 'invite' makes sure every recipient has a delivery row and records each outcome;
   * 'remind' records only news (now blocked, or delivered at last) on the existing rows.
   */
  purpose: 'invite' | 'remind';
}

/** How a batch went; not_found is counted with blocked (the chat is gone either way). */
export interface DeliverySummary {
  sent: number;
  blocked: number;
  failed: number;
}

export type DeliverPulseCards = (batch: PulseCardBatch) => Promise<DeliverySummary>;

export interface DirectDeliveryDeps {
  deliveries: Pick<Storage['deliveries'], 'ensurePending' | 'modify'>;
  sender: CardSender;
  clock: Clock;
  log: Logger;
  /** Cards in flight at once; Teams allows a bot about 7 messages a second per tenant. */
  concurrency?: number;
}

/** Runs `task` over the items, at most `limit` at a time. */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** True when an outcome is worth writing on a reminder: it changes what the row says. */
function isNews(outcome: SendOutcome): boolean {
  return outcome.status !== 'failed';
}

/**
 * Sends directly from this process (the first issue's delivery; the queue replaces it).
 * A sender that throws counts as failed and is logged: one broken chat never stops the rest.
 */
export function directDelivery(deps: DirectDeliveryDeps): DeliverPulseCards {
  return async ({ scope, recipients, cardFor, purpose }) => {
    const summary: DeliverySummary = { sent: 0, blocked: 0, failed: 0 };
    const ids = (m: Member) => m.aadObjectId!.toLowerCase();
    if (purpose === 'invite') await deps.deliveries.ensurePending(scope, recipients.map(ids));
    await forEachLimited(recipients, deps.concurrency ?? 4, async (member) => {
      let outcome: SendOutcome;
      try {
        outcome = await deps.sender.sendToMember(member, cardFor(member));
      } catch (error) {
        deps.log.warn('sending a pulse card failed', { pulseId: scope.pulseId, error: String(error) });
        outcome = { status: 'failed' };
      }
      if (outcome.status === 'sent') summary.sent += 1;
      else if (outcome.status === 'failed') summary.failed += 1;
      else summary.blocked += 1;
      if (purpose === 'remind' && !isNews(outcome)) return;
      try {
        await deps.deliveries.modify(scope, ids(member), (row) => ({
          ...row,
          status: outcome.status,
          attempts: row.attempts + 1,
          updatedAt: deps.clock().toISOString(),
          ...(outcome.statusCode !== undefined ? { statusCode: outcome.statusCode } : {}),
          // A reminder is a new message: the invitation's activity id stays the one to update.
          ...(outcome.activityId !== undefined && purpose === 'invite' ? { activityId: outcome.activityId } : {}),
        }));
      } catch (error) {
        // The card went (or not) either way; a stale row must not stop the others' cards.
        deps.log.warn('recording a delivery outcome failed', { pulseId: scope.pulseId, status: outcome.status, error: String(error) });
      }
    });
    return summary;
  };
}

/** People the bot can reach: installed, with an Entra object id and a conversation reference. */
export function reachable(members: readonly Member[]): Member[] {
  return members.filter((m) => m.installState === 'installed' && m.conversationReference !== undefined && m.aadObjectId !== undefined);
}
