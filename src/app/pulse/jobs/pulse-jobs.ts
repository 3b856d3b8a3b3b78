import { INVITE_CHECK_JOB, type JobInput } from '../../../domain/model/job';
import { type Pulse, type PulseScope, scopeOf } from '../../../domain/model/pulse';
import type { Storage } from '../../../storage/storage';
import type { Clock } from '../../ports';
import type { PulseScheduler } from '../open-pulse';

/** The timed work every open pulse has: its reminders and its close (see domain/model/job.ts). */

const DAY_MS = 24 * 60 * 60 * 1000;
/** The invitation check's first look: when the fan-out should be over, and not before 5 s. */
const FIRST_CHECK_MIN_S = 5;

/** A pulse's reminder round for a scheduled reminder day. */
export function scheduledReminderRound(day: number): string {
  return `remind-day${day}`;
}

/** Reminders `reminderDays` after opening (default 3 and 6), and the close at `closes at`. */
export function timedWorkFor(pulse: Pulse): JobInput[] {
  const scope = scopeOf(pulse);
  const opened = Date.parse(pulse.openedAt ?? pulse.opensAt ?? pulse.createdAt);
  const jobs: JobInput[] = pulse.reminderDays.map((day) => ({
    ...scope,
    name: scheduledReminderRound(day),
    kind: 'remind',
    day,
    dueAt: new Date(opened + day * DAY_MS).toISOString(),
    state: 'due',
  }));
  if (pulse.closesAt) jobs.push({ ...scope, name: 'close', kind: 'close', phase: 'close', dueAt: pulse.closesAt, state: 'due' });
  return jobs;
}

/** The invitation check: first due when the fan-out should have finished. */
export function inviteCheckJob(scope: PulseScope, now: Date, expectedSeconds: number): JobInput {
  const dueAt = new Date(now.getTime() + Math.max(FIRST_CHECK_MIN_S, Math.ceil(expectedSeconds)) * 1000);
  return { ...scope, name: INVITE_CHECK_JOB, kind: 'invite-check', dueAt: dueAt.toISOString(), state: 'due' };
}

/**
 * The look-again at a reminder round a facilitator asked for, which answered before every card
 * was queued: a re-run of the same round a minute after it should have been sent. Its rows are
 * not added twice, so it queues only those whose message was never queued (their instance
 * stopped half-way) or is still waiting, harmlessly, as the row decides, not the message.
 */
export function reminderRecheckJob(scope: PulseScope, round: string, now: Date, expectedSeconds: number): JobInput {
  const dueAt = new Date(now.getTime() + (60 + 2 * Math.ceil(expectedSeconds)) * 1000);
  return { ...scope, name: round, kind: 'remind', dueAt: dueAt.toISOString(), state: 'due' };
}

/**
 * Records a pulse's timed work (the use-cases' PulseScheduler); safe to repeat. When members
 * can be reached for the first time, the invitation check is due at once: it invites every
 * reachable member with no invitation yet (see invite-check-job.ts).
 */
export function pulseScheduler(jobs: Pick<Storage['jobs'], 'schedule' | 'dueBy'>, clock: Clock): PulseScheduler {
  return {
    async pulseOpened(pulse) {
      await jobs.schedule(timedWorkFor(pulse));
    },
    async membersReachable(pulse) {
      await jobs.dueBy(inviteCheckJob(scopeOf(pulse), clock(), 0));
    },
  };
}
