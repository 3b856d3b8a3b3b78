import type { DeliverPulseCards } from '../app/pulse/deliver-pulse-cards';
import { manualReminderRound } from '../app/pulse/remind-pulse';
import type { Clock, Logger } from '../app/ports';
import { INVITE_ROUND } from '../domain/model/delivery';
import type { Member } from '../domain/model/member';
import { nextAllowed, type QuietHours } from '../domain/quiet-hours';
import type { PulseScope } from '../storage/keys/key-rules';
import type { Storage } from '../storage/storage';
import type { CardQueue } from './card-queue';
import { cardMessageFor, interleaveByTenant, tenantOf } from './card-message';
import { inviteCheckJob, reminderRecheckJob } from './pulse-jobs';

/**
 * The fan-out through the queue, as the use-cases' DeliverPulseCards: a delivery row per
 * recipient first (in batches of 100), then one queue message per recipient. Rows first, so
 * that an instance dying half-way leaves rows without messages, which the invitation check
 * finds and queues again, rather than messages nobody counts. Nothing is sent here: the
 * workers of every instance send, at the tenant's rate.
 */

/** What queuing a fan-out needs: the rows, the jobs, the queue and the settings. */
export interface QueueDeliveryDeps {
  deliveries: Pick<Storage['deliveries'], 'addPending' | 'list'>;
  reminders: Pick<Storage['reminders'], 'addPending' | 'list'>;
  respondentKey: Storage['respondentKey'];
  jobs: Pick<Storage['jobs'], 'schedule'>;
  queue: Pick<CardQueue, 'enqueue'>;
  ratePerTenant: number;
  quietHours?: QuietHours;
  clock: Clock;
  /** Tells this instance's worker to look at the queue now. */
  nudge?: () => void;
  /** Where a fan-out finished in the background reports a failure. */
  log?: Logger;
}

/** How a caller waits for the fan-out. */
export interface QueueDeliveryOptions {
  /**
   * Answer once the first cards are queued, queuing the rest in the background: for a bot
   * turn, which Teams allows 15 s, where queuing thousands of messages can take longer. Rows
   * are written first, and a timed job is recorded before anything is queued, so if this
   * instance stops half-way that job finds the rows that have no message and queues them
   * again: the invitation check for invitations, a re-run of the round for reminders. Timed
   * work (scheduled reminder rounds) always queues in full: its job is the record that it did.
   */
  answerEarly?: boolean;
}

/** Messages of the first batch queued at once. */
const FIRST_BATCH_PARALLEL = 8;

/**
 * Adds the round's rows and queues a message for each recipient whose row waits: all of them
 * on a first run, each batch of messages as soon as its rows are written (the first cards go
 * while the rest are written), with the ETag of each row added now. Invitation rows are keyed
 * by Entra object id; reminder rows by respondent key, so nothing keyed by who someone is
 * records that they had not answered. Returns how many messages were queued.
 */
async function queueRound(deps: QueueDeliveryDeps, scope: PulseScope, recipients: readonly Member[], round: string, at: string, onFirstQueued?: () => void): Promise<number> {
  const invite = round === INVITE_ROUND;
  const idOf = (m: Member) => (invite ? m.aadObjectId!.toLowerCase() : deps.respondentKey(scope, m.aadObjectId!));
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
    await deps.queue.enqueue(people.map((p) => JSON.stringify(cardMessageFor(scope, round, p.member, p.etag))), 0, parallel);
    queued += people.length;
    deps.nudge?.();
    onFirstQueued?.();
  };
  const onAdded = (etags: ReadonlyMap<string, string>) => enqueue([...etags].map(([id, etag]) => ({ member: byId.get(id)!, etag })));
  const ids = ordered.map((r) => idOf(r.member));
  const added = invite ? await deps.deliveries.addPending(scope, ids, { at, onAdded }) : await deps.reminders.addPending(scope, round, ids, at, onAdded);
  if (added.size === byId.size) return queued;
  // A re-run (a reminder job taken again after its instance died): queue the rows still
  // pending once more. A duplicate message is harmless: the row decides, not the message.
  const rows = invite
    ? (await deps.deliveries.list(scope)).map((d) => ({ id: d.aadObjectId, status: d.status }))
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
 * before that is the caller's; one after it is logged, and `mender` (the round's timed job,
 * scheduled before anything was queued) queues what is missing.
 */
async function queueInBackground(deps: QueueDeliveryDeps, round: (onFirstQueued: () => void) => Promise<number>, pulseId: string, mender: string): Promise<void> {
  let firstQueued = (): void => undefined;
  const first = new Promise<void>((resolve) => (firstQueued = resolve));
  const all = round(firstQueued);
  await Promise.race([all, first]);
  all.catch((error: unknown) => {
    deps.log?.warn(`queuing the rest of a fan-out failed; ${mender} queues what is missing`, { pulseId, error: String(error) });
  });
}

/** The queue fan-out; reminders asked for in quiet hours wait, as a timed job, until they end. */
export function queueDelivery(deps: QueueDeliveryDeps, options: QueueDeliveryOptions = {}): DeliverPulseCards {
  return async ({ scope, recipients, purpose, round }) => {
    const now = deps.clock();
    const roundId = purpose === 'invite' ? INVITE_ROUND : (round ?? manualReminderRound(now));
    if (purpose === 'invite') await deps.jobs.schedule([inviteCheckJob(scope, now, busiestTenant(recipients) / deps.ratePerTenant)]);
    const notBefore = purpose === 'remind' ? nextAllowed(now, deps.quietHours) : now;
    if (notBefore > now) {
      // Quiet hours: only a timed job is kept until they end (it names nobody); the round is
      // built then, from who has still not answered.
      await deps.jobs.schedule([{ ...scope, name: roundId, kind: 'remind', dueAt: notBefore.toISOString(), state: 'due' }]);
      return { sent: 0, blocked: 0, failed: 0, queued: recipients.length, notBefore: notBefore.toISOString() };
    }
    if (options.answerEarly) {
      // The invitation check was scheduled above; a reminder round gets its re-run.
      if (purpose === 'remind') await deps.jobs.schedule([reminderRecheckJob(scope, roundId, now, busiestTenant(recipients) / deps.ratePerTenant)]);
      const mender = purpose === 'invite' ? 'the invitation check' : 'a re-run of the round';
      await queueInBackground(deps, (onFirstQueued) => queueRound(deps, scope, recipients, roundId, now.toISOString(), onFirstQueued), scope.pulseId, mender);
      return { sent: 0, blocked: 0, failed: 0, queued: recipients.length };
    }
    const queued = await queueRound(deps, scope, recipients, roundId, now.toISOString());
    return { sent: 0, blocked: 0, failed: 0, queued };
  };
}
