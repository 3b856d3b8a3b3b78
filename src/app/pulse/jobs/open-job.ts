import { JOB_DONE, type JobResult, type PulseJob } from '../../../domain/model/job';
import { scopeOf, type Pulse } from '../../../domain/model/pulse';
import { sharedParticipantGroups } from '../../../domain/model/pulse-scope';
import { nextAllowed } from '../../../domain/quiet-hours';
import { recordAudit } from '../../audit';
import { SYSTEM_ACTOR } from '../../ports';
import { openDraft } from '../open-pulse';
import type { PulseJobDeps } from './job-deps';
import { ensureNextOccurrence } from './next-occurrence';
import { pulseScheduler } from './pulse-jobs';

const MINUTE = 60_000;

/** The delivery time zone of the job's deps: DELIVERY_TIME_ZONE, else the quiet hours', else London. */
export function timeZoneOf(deps: Pick<PulseJobDeps, 'timeZone' | 'quietHours'>): string {
  return deps.timeZone ?? deps.quietHours?.timeZone ?? 'Europe/London';
}

/**
 * Opens a scheduled pulse at its time. It reads the pulse again (it may have been edited,
 * moved or cancelled since the job was written) and then:
 * - cancelled, or no longer a scheduled draft: nothing to do;
 * - its time moved later: due again then; quiet hours on now: due again when they end;
 * - an open survey pulse asks some of the same people: it waits until that one closes (so
 *   nobody is asked in two pulses at once), logged, and audited once per pulse it waits for;
 * - otherwise openDraft, the same path as "start now": the method copied now, draft -> open
 *   with the row's ETag (an edit racing this makes it fail and run again), audit
 *   'pulse.opened' by the system, its reminders and close recorded, its cards sent through
 *   the queue. Then the next pulse of its series is made (ensureNextOccurrence: once).
 * A run that finds it already open (its instance died half-way) finishes what it may have
 * missed, each step safe to repeat: the timed work, the next pulse, and the invitation
 * check, which invites anyone with no card yet.
 */
export async function runOpenJob(deps: PulseJobDeps, job: PulseJob): Promise<JobResult> {
  const { storage } = deps;
  const row = await storage.pulses.find(job.collaborativeId, job.pulseId);
  const pulse = row?.value;
  const scheduler = pulseScheduler(storage.jobs, deps.clock);
  const series = { storage, clock: deps.clock, timeZone: timeZoneOf(deps), ...(deps.quietHours ? { quietHours: deps.quietHours } : {}) };
  if (pulse?.status === 'open' && pulse.schedule) {
    await scheduler.pulseOpened(pulse);
    await scheduler.membersReachable(pulse);
    await ensureNextOccurrence(series, pulse);
    return JOB_DONE;
  }
  if (!row || pulse?.status !== 'draft' || !pulse.schedule) return JOB_DONE;

  const now = deps.clock();
  const planned = Date.parse(pulse.opensAt ?? pulse.createdAt);
  if (planned > now.getTime()) return { done: false, dueAt: new Date(planned) };
  const allowed = nextAllowed(now, deps.quietHours);
  if (allowed > now) return { done: false, dueAt: allowed };

  const [collaborative, workgroups, members, pulses] = await Promise.all([
    storage.collaboratives.get(job.collaborativeId),
    storage.workgroups.list(job.collaborativeId),
    storage.members.list(job.collaborativeId),
    storage.pulses.list(job.collaborativeId),
  ]);
  const active = workgroups.filter((w) => w.retiredAt === undefined).map((w) => w.id);
  const blocking = pulses.find((p) => p.kind === 'survey' && p.status === 'open' && sharedParticipantGroups(pulse, p, active).length > 0);
  if (blocking) return waitFor(deps, pulse, blocking, now);

  const opened = await openDraft(
    { ...storage, sender: deps.sender, clock: deps.clock, log: deps.log, deliver: deps.deliver, scheduler },
    row,
    { collaborative: collaborative.value, workgroups, members, actor: SYSTEM_ACTOR, now },
  );
  await ensureNextOccurrence(series, opened.pulse);
  return JOB_DONE;
}

/** Waits for the open pulse that asks some of the same people to close; says so once per pulse it waits for. */
async function waitFor(deps: PulseJobDeps, pulse: Pulse, blocking: Pulse, now: Date): Promise<JobResult> {
  const until = Math.max(Date.parse(blocking.closesAt ?? '') || 0, now.getTime()) + MINUTE;
  deps.log.warn('a scheduled pulse waits to open: an open pulse asks some of the same people', { pulseId: pulse.id, waitsFor: blocking.id });
  if (await deps.storage.jobs.claimOnce(scopeOf(pulse), `open-waits-${blocking.id}`, now.toISOString())) {
    await recordAudit({ storage: deps.storage, clock: () => now, actor: SYSTEM_ACTOR }, pulse.collaborativeId, 'pulse.open_delayed', pulse.id, {
      waitsFor: blocking.id,
      until: new Date(until).toISOString(),
    });
  }
  return { done: false, dueAt: new Date(until) };
}
