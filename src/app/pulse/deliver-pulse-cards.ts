import type { AdaptiveCard } from '../../cards/card-types';
import type { Member } from '../../domain/model/member';
import { forEachLimit } from '../../storage/batch-writer';
import type { Storage } from '../../storage/storage';
import type { CardChoice, CardSender, Clock, Logger, SendOutcome } from '../ports';
import type { Pulse, PulseScope } from '../../domain/model/pulse';
import { invitesWorkgroup } from '../../domain/model/pulse-scope';

/**
 * Sending a pulse's cards to people, with a delivery row per recipient. The use-cases only
 * see a DeliverPulseCards function: the bot passes the queue fan-out (queued-pulse-cards.ts
 * over src/delivery), which sends at Teams' rate limits from every instance; tools and tests
 * may use directDelivery, which sends from this process, one attempt each.
 */

/**
 * The card a use-case chose for a batch, both ways: as the queue carries it (a registered card
 * kind and its input, prepared by the send worker when it goes) and built now, for sending
 * directly. One helper makes both from the same choice (e.g. survey-card-kinds.ts's surveyCards).
 */
export interface PulseCardChoice extends CardChoice {
  cardFor(member: Member): AdaptiveCard;
}

/** Who gets which card for one pulse. */
export interface PulseCardBatch {
  scope: PulseScope;
  /** Installed members with an Entra object id and a conversation reference. */
  recipients: readonly Member[];
  card: PulseCardChoice;
  /**
   * 'invite' makes sure every recipient has a delivery row and records each outcome;
   * 'remind' sends one reminder round (at most one card per person per round).
   */
  purpose: 'invite' | 'remind';
  /** The reminder round, e.g. 'remind-day3'; one is made up for a facilitator's reminder when absent. */
  round?: string;
}

/**
 * How a batch went. Sent directly: sent / blocked / failed (not_found counts as blocked: the
 * chat is gone either way). Through the queue: `queued` people will get it shortly, and
 * `notBefore` says when reminders go if it is quiet hours now.
 */
export interface DeliverySummary {
  sent: number;
  blocked: number;
  failed: number;
  queued?: number;
  notBefore?: string;
}

export type DeliverPulseCards = (batch: PulseCardBatch) => Promise<DeliverySummary>;

export interface DirectDeliveryDeps {
  deliveries: Pick<Storage['deliveries'], 'ensurePending' | 'modify'>;
  sender: CardSender;
  clock: Clock;
  log: Logger;
  /** Cards in flight at once: few, since nothing here paces to Teams' rate limit. */
  concurrency?: number;
}

/**
 * Sends directly from this process, one attempt per person, without the queue's rate limit
 * or retries; reminders are sent but not recorded (there is no round row to record them on).
 * A sender that throws counts as failed and is logged: one broken chat never stops the rest.
 */
export function directDelivery(deps: DirectDeliveryDeps): DeliverPulseCards {
  return async ({ scope, recipients, card, purpose }) => {
    const summary: DeliverySummary = { sent: 0, blocked: 0, failed: 0 };
    const ids = (m: Member) => m.aadObjectId!.toLowerCase();
    if (purpose === 'invite') await deps.deliveries.ensurePending(scope, recipients.map(ids), { at: deps.clock().toISOString() });
    await forEachLimit(recipients, deps.concurrency ?? 4, async (member) => {
      let outcome: SendOutcome;
      try {
        outcome = await deps.sender.sendToMember(member, card.cardFor(member));
      } catch (error) {
        deps.log.warn('sending a pulse card failed', { pulseId: scope.pulseId, error: String(error) });
        outcome = { status: 'failed' };
      }
      if (outcome.status === 'sent') summary.sent += 1;
      else if (outcome.status === 'failed') summary.failed += 1;
      else summary.blocked += 1;
      // A reminder writes nothing on the invitation's row: a change there when reminders go
      // would tell who had not answered yet, which only the ledger may know.
      if (purpose === 'remind') return;
      try {
        await deps.deliveries.modify(scope, ids(member), (row) => ({
          ...row,
          status: outcome.status,
          attempts: row.attempts + 1,
          updatedAt: deps.clock().toISOString(),
          ...(outcome.statusCode !== undefined ? { statusCode: outcome.statusCode } : {}),
          ...(outcome.activityId !== undefined ? { activityId: outcome.activityId } : {}),
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

/**
 * Reachable members with no invitation row among `rows` (rows are keyed by the Entra object id
 * in lower case): those a pulse's fan-out has not reached yet, or ever, if its instance stopped.
 */
export function notYetInvited(members: readonly Member[], rows: readonly { aadObjectId: string }[], pulse: Pick<Pulse, 'participantWorkgroupIds'>): Member[] {
  const invited = new Set(rows.map((d) => d.aadObjectId.toLowerCase()));
  // A scoped pulse invites only members of the groups it asks.
  return reachable(members).filter((m) => !invited.has(m.aadObjectId!.toLowerCase()) && invitesWorkgroup(pulse, m.workgroupId));
}
