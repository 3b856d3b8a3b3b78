import { fanOutNoticeCard } from '../../../cards/delivery-notice-card';
import { sendWithRetries } from '../../../delivery/send-retry';
import { INVITE_ROUND, type Delivery } from '../../../domain/model/delivery';
import { JOB_DONE, type JobResult, type PulseJob } from '../../../domain/model/job';
import type { Member } from '../../../domain/model/member';
import { notYetInvited, reachable } from '../deliver-pulse-cards';
import { surveyCardChoice } from '../survey-card-kinds';
import type { PulseJobDeps } from './job-deps';
import type { PulseScope } from '../../../domain/model/pulse';

/** A waiting row older than this, with the queue empty, lost its message: it is queued again. */
const STALE_MS = 60_000;
/** ...and one this old is queued again even if the queue is busy with other pulses. */
const VERY_STALE_MS = 30 * 60_000;

/** The once-marker of a pulse's fan-out line. */
export const INVITE_SUMMARY = 'invite-summary';

/**
 * Watches a pulse's invitation fan-out. While cards are still waiting it looks again when
 * they should be done, first mending what an instance that died half-way left: rows whose
 * message was lost are queued again, and members it never wrote a row for are invited. When
 * every row has ended, it posts one line in the channel, once: "Survey card sent to 412 of
 * 415 members; 3 have removed the app." It is made due again whenever someone in the
 * collaborative can be reached for the first time while the pulse is open (see
 * ../late-joiners.ts): they are invited the same way.
 */
export async function runInviteCheckJob(deps: PulseJobDeps, job: PulseJob): Promise<JobResult> {
  const scope = { collaborativeId: job.collaborativeId, pulseId: job.pulseId };
  const rows = await deps.storage.deliveries.list(scope);
  const now = deps.clock().getTime();
  const open = rows.filter((d) => d.status === 'pending' || d.status === 'sending');
  // The collaborative's members, read once, when one of the mending steps first needs them.
  let members: Promise<Member[]> | undefined;
  const membersNow = () => (members ??= deps.storage.members.list(scope.collaborativeId));
  // Lost messages first: an empty queue is what tells them lost, and inviting queues more.
  if (open.length > 0) await requeueLost(deps, scope, open, now, membersNow);
  const missing = await inviteMissing(deps, scope, rows, now, membersNow);
  const waiting = open.length + missing.invited;
  if (waiting > 0 || missing.waitUntil !== undefined) {
    // When the waiting cards should have gone, or when the members not yet invited may be.
    const seconds = Math.min(60, Math.max(2, deps.fanOut.secondsToSend(waiting)));
    const lookAgain = Math.min(waiting > 0 ? now + seconds * 1000 : Number.POSITIVE_INFINITY, missing.waitUntil ?? Number.POSITIVE_INFINITY);
    return { done: false, dueAt: new Date(lookAgain) };
  }

  const collaborative = (await deps.storage.collaboratives.find(scope.collaborativeId))?.value;
  if (!collaborative?.teamsChannelId || rows.length === 0) return JOB_DONE;
  if (!(await deps.storage.jobs.claimOnce(scope, INVITE_SUMMARY, new Date(now).toISOString()))) return JOB_DONE;
  const count = (...statuses: Delivery['status'][]) => rows.filter((d) => statuses.includes(d.status)).length;
  const card = fanOutNoticeCard({ total: rows.length, sent: count('sent'), removed: count('blocked', 'not_found'), failed: count('failed') });
  const outcome = await sendWithRetries(() => deps.sender.sendToChannel(collaborative, card), { attempts: 4, maxWaitMs: 10_000 });
  if (outcome.status !== 'sent') deps.log.warn('the fan-out line could not be posted in the channel', { pulseId: scope.pulseId, status: outcome.status });
  return JOB_DONE;
}

/**
 * Invites the pulse's members who have no invitation row: the instance writing the rows
 * stopped before reaching them (or they joined since). Only once the fan-out has had a minute,
 * so one still writing is not raced; until then, says when to look again (`waitUntil`).
 * Rows are created only where none exists, and their cards are queued by whoever created
 * them (a row the fan-out added meanwhile may get a second message, which its row makes
 * harmless), so someone the fan-out reaches after all still gets one card.
 */
async function inviteMissing(
  deps: PulseJobDeps,
  scope: PulseScope,
  rows: readonly Delivery[],
  now: number,
  membersNow: () => Promise<Member[]>,
): Promise<{ invited: number; waitUntil?: number }> {
  const pulse = (await deps.storage.pulses.find(scope.collaborativeId, scope.pulseId))?.value;
  if (pulse?.status !== 'open') return { invited: 0 };
  const byId = new Map(notYetInvited(await membersNow(), rows, pulse).map((m) => [m.aadObjectId!.toLowerCase(), m]));
  if (byId.size === 0) return { invited: 0 };
  const began = Date.parse(pulse.openedAt ?? pulse.createdAt);
  if (now - began <= STALE_MS) return { invited: 0, waitUntil: began + STALE_MS + 1000 };
  const queued = await deps.fanOut.queueRound({ scope, round: INVITE_ROUND, recipients: [...byId.values()], card: surveyCardChoice(false) });
  deps.log.warn('invited members with no invitation yet (they can be reached since, or the fan-out stopped half-way)', { pulseId: scope.pulseId, cards: queued });
  return { invited: byId.size };
}

/** Queues again the waiting rows that have no message any more. */
async function requeueLost(deps: PulseJobDeps, scope: PulseScope, open: readonly Delivery[], now: number, membersNow: () => Promise<Member[]>): Promise<void> {
  const waitedFor = (d: Delivery) => now - (Date.parse(d.updatedAt ?? '') || 0);
  // A claim long past its lease is settled by the worker that takes its message; without one
  // (it was dropped) it is queued again so a worker settles it.
  const old = open.filter((d) => waitedFor(d) > Math.max(STALE_MS, 4 * deps.leaseMs));
  if (old.length === 0) return;
  const lost = old.some((d) => waitedFor(d) > VERY_STALE_MS) || (await deps.fanOut.queueDepth()) === 0 ? old : [];
  if (lost.length === 0) return;
  const members = new Map(reachable(await membersNow()).map((m) => [m.aadObjectId!.toLowerCase(), m]));
  const recipients = lost.flatMap((d) => {
    const member = members.get(d.aadObjectId);
    return member ? [member] : [];
  });
  // Someone who has removed the app meanwhile cannot be sent anything: their row ends here.
  for (const d of lost.filter((row) => !members.has(row.aadObjectId))) {
    await deps.storage.deliveries.modify(scope, d.aadObjectId, (row) => (row.status === 'pending' ? { ...row, status: 'not_found' } : row));
  }
  deps.log.warn('queued again cards whose queue messages were lost', { pulseId: scope.pulseId, cards: recipients.length });
  await deps.fanOut.requeue({ scope, round: INVITE_ROUND, recipients, card: surveyCardChoice(false) });
}
