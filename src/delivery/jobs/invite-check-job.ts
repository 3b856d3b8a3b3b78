import { reachable } from '../../app/pulse/deliver-pulse-cards';
import { fanOutNoticeCard } from '../../cards/delivery-notice-card';
import type { Job } from '../../domain/model/job';
import type { Delivery } from '../../domain/model/delivery';
import { sendWithRetries } from '../../app/send-retry';
import { cardMessageFor, interleaveByTenant } from '../card-message';
import { DONE, type JobDeps, type JobResult } from './job-deps';

/** A waiting row older than this, with the queue empty, lost its message: it is queued again. */
const STALE_MS = 60_000;
/** ...and one this old is queued again even if the queue is busy with other pulses. */
const VERY_STALE_MS = 30 * 60_000;

/** The once-marker of a pulse's fan-out line. */
export const INVITE_SUMMARY = 'invite-summary';

/**
 * Watches a pulse's invitation fan-out. While cards are still waiting it looks again when
 * they should be done, first queuing again any row whose message was lost (an instance died
 * between writing the rows and queuing the messages). When every row has ended, it posts one
 * line in the channel, once: "Survey card sent to 412 of 415 members; 3 have removed the app."
 */
export async function runInviteCheckJob(deps: JobDeps, job: Job): Promise<JobResult> {
  const scope = { collaborativeId: job.collaborativeId, pulseId: job.pulseId };
  const rows = await deps.storage.deliveries.list(scope);
  const now = deps.clock().getTime();
  const open = rows.filter((d) => d.status === 'pending' || d.status === 'sending');
  if (open.length > 0) {
    await requeueLost(deps, scope, open, now);
    const seconds = Math.min(60, Math.max(2, open.length / deps.ratePerTenant));
    return { done: false, dueAt: new Date(now + seconds * 1000) };
  }

  const collaborative = (await deps.storage.collaboratives.find(scope.collaborativeId))?.value;
  if (!collaborative?.teamsChannelId || rows.length === 0) return DONE;
  if (!(await deps.storage.jobs.claimOnce(scope, INVITE_SUMMARY, new Date(now).toISOString()))) return DONE;
  const count = (...statuses: Delivery['status'][]) => rows.filter((d) => statuses.includes(d.status)).length;
  const card = fanOutNoticeCard({ total: rows.length, sent: count('sent'), removed: count('blocked', 'not_found'), failed: count('failed') });
  const outcome = await sendWithRetries(() => deps.sender.sendToChannel(collaborative, card), { attempts: 4, maxWaitMs: 10_000 });
  if (outcome.status !== 'sent') deps.log.warn('the fan-out line could not be posted in the channel', { pulseId: scope.pulseId, status: outcome.status });
  return DONE;
}

/** Queues again the waiting rows that have no message any more. */
async function requeueLost(deps: JobDeps, scope: { collaborativeId: string; pulseId: string }, open: readonly Delivery[], now: number): Promise<void> {
  const waitedFor = (d: Delivery) => now - (Date.parse(d.updatedAt ?? '') || 0);
  // A claim long past its lease is settled by the worker that takes its message; without one
  // (it was dropped) it is queued again so a worker settles it.
  const old = open.filter((d) => waitedFor(d) > Math.max(STALE_MS, 4 * deps.leaseMs));
  if (old.length === 0) return;
  const lost = old.some((d) => waitedFor(d) > VERY_STALE_MS) || (await deps.queue.approximateCount()) === 0 ? old : [];
  if (lost.length === 0) return;
  const members = new Map(reachable(await deps.storage.members.list(scope.collaborativeId)).map((m) => [m.aadObjectId!, m]));
  const messages = lost.flatMap((d) => {
    const member = members.get(d.aadObjectId);
    return member ? [cardMessageFor(scope, d.round, member)] : [];
  });
  // Someone who has removed the app meanwhile cannot be sent anything: their row ends here.
  for (const d of lost.filter((row) => !members.has(row.aadObjectId))) {
    await deps.storage.deliveries.modify(scope, d.aadObjectId, (row) => (row.status === 'pending' ? { ...row, status: 'not_found' } : row));
  }
  deps.log.warn('queued again cards whose queue messages were lost', { pulseId: scope.pulseId, cards: messages.length });
  await deps.queue.enqueue(interleaveByTenant(messages).map((m) => JSON.stringify(m)));
}
