import type { CardChoice, CardFanOut, CardRound, Clock, Logger } from '../app/ports';
import { keyedByPerson } from '../domain/model/delivery';
import type { Member } from '../domain/model/member';
import type { Storage } from '../storage/storage';
import type { CardQueue } from './card-queue';
import { cardMessageFor, interleaveByTenant, tenantOf } from './card-message';

/**
 * The fan-out through the queue (the use-cases' CardFanOut): a delivery row per recipient
 * first (in batches of 100), then one queue message per recipient, naming the card's kind and
 * input as the use-case chose them. Rows first, so that an instance dying half-way leaves rows
 * without messages, which the caller's timed job finds and queues again, rather than messages
 * nobody counts. Nothing is sent here: the workers of every instance send, at the tenant's rate.
 */

/** What queuing a fan-out needs: the rows, the queue and the rate. */
export interface CardFanOutDeps {
  deliveries: Pick<Storage['deliveries'], 'addPending' | 'list'>;
  reminders: Pick<Storage['reminders'], 'addPending' | 'list'>;
  respondentKey: Storage['respondentKey'];
  queue: Pick<CardQueue, 'enqueue' | 'approximateCount'>;
  ratePerTenant: number;
  clock: Clock;
  /** Tells this instance's worker to look at the queue now. */
  nudge?: () => void;
  /** Where a fan-out finished in the background reports a failure. */
  log?: Logger;
}

/** Messages of the first batch queued at once. */
const FIRST_BATCH_PARALLEL = 8;

const cardOf = (card: CardChoice, member: Member) => ({ kind: card.kind, input: card.inputFor(member) });

/**
 * Adds the round's rows and queues a message for each recipient whose row waits: all of them
 * on a first run, each batch of messages as soon as its rows are written (the first cards go
 * while the rest are written), with the ETag of each row added now. Invitation rows (and a
 * subject's) are keyed by Entra object id; a pulse's reminder rows by respondent key, so nothing
 * keyed by who someone is records that they had not answered. Returns how many messages were queued; `onQueued` hears
 * the count after each batch.
 */
async function queueRound(deps: CardFanOutDeps, { scope, round, recipients, card }: CardRound, onQueued?: (queued: number) => void): Promise<number> {
  const at = deps.clock().toISOString();
  // A pulse's reminders are keyed by respondent key; its invitations, and a subject's cards, by Entra id.
  const byPerson = keyedByPerson(scope.pulseId, round);
  const idOf = (m: Member) => (byPerson ? m.aadObjectId!.toLowerCase() : deps.respondentKey(scope, m.aadObjectId!));
  // Tenants take turns in every batch (a, b, a, b...), so a fan-out across several Trusts'
  // tenants keeps every tenant's rate busy at once instead of one after another.
  const ordered = interleaveByTenant(recipients.map((member) => ({ member, tenantId: tenantOf(member) })));
  const byId = new Map(ordered.map((r) => [idOf(r.member), r.member]));
  let queued = 0;
  let firstBatch = true;
  const enqueue = async (people: { member: Member; etag?: string }[]) => {
    // The first cards as fast as the queue takes them; the rest only need to stay ahead of sending.
    const parallel = firstBatch ? FIRST_BATCH_PARALLEL : undefined;
    firstBatch = false;
    await deps.queue.enqueue(people.map((p) => JSON.stringify(cardMessageFor(scope, round, p.member, cardOf(card, p.member), p.etag))), 0, parallel);
    queued += people.length;
    deps.nudge?.();
    onQueued?.(queued);
  };
  const onAdded = (etags: ReadonlyMap<string, string>) => enqueue([...etags].map(([id, etag]) => ({ member: byId.get(id)!, etag })));
  const ids = ordered.map((r) => idOf(r.member));
  const added = byPerson ? await deps.deliveries.addPending(scope, ids, { at, onAdded, round }) : await deps.reminders.addPending(scope, round, ids, at, onAdded);
  if (added.size === byId.size) return queued;
  // A re-run (a reminder job taken again after its instance died): queue the rows still
  // pending once more. A duplicate message is harmless: the row decides, not the message.
  const rows = byPerson
    ? (await deps.deliveries.list(scope, round)).map((d) => ({ id: d.aadObjectId, status: d.status }))
    : (await deps.reminders.list(scope, round)).map((r) => ({ id: r.respondentKey, status: r.status }));
  await enqueue(rows.filter((r) => r.status === 'pending' && !added.has(r.id) && byId.has(r.id)).map((r) => ({ member: byId.get(r.id)! })));
  return queued;
}

/** The largest number of recipients in one tenant: the fan-out takes about that / rate seconds. */
export function busiestTenant(recipients: readonly Member[]): number {
  const counts = new Map<string, number>();
  for (const m of recipients) counts.set(tenantOf(m), (counts.get(tenantOf(m)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/**
 * Queues the round and answers when the first cards are queued; the rest goes on. A failure
 * before that is the caller's; one after it is logged, and `mender` (the caller's timed job,
 * recorded before anything was queued) queues what is missing.
 */
async function queueInBackground(deps: CardFanOutDeps, round: CardRound, mender: string): Promise<number> {
  let firstQueued = (_queued: number): void => undefined;
  const first = new Promise<number>((resolve) => (firstQueued = resolve));
  const all = queueRound(deps, round, (queued) => firstQueued(queued));
  const answer = await Promise.race([all, first]);
  all.catch((error: unknown) => {
    deps.log?.warn(`queuing the rest of a fan-out failed; ${mender} queues what is missing`, { pulseId: round.scope.pulseId, error: String(error) });
  });
  return answer;
}

/** The queue fan-out over the engine's rows and queue. */
export function cardFanOut(deps: CardFanOutDeps): CardFanOut {
  return {
    queueRound: (round, options = {}) => (options.answerEarly ? queueInBackground(deps, round, options.answerEarly.mender) : queueRound(deps, round)),
    async requeue({ scope, round, recipients, card }) {
      const messages = recipients.map((member) => cardMessageFor(scope, round, member, cardOf(card, member)));
      await deps.queue.enqueue(interleaveByTenant(messages).map((m) => JSON.stringify(m)));
    },
    secondsToSend: (recipients) => (typeof recipients === 'number' ? recipients : busiestTenant(recipients)) / deps.ratePerTenant,
    queueDepth: () => deps.queue.approximateCount(),
  };
}
