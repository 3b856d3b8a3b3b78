import { interventionDigestCard } from '../../cards/intervention-digest-card';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Intervention } from '../../domain/model/intervention';
import type { Job, JobInput, JobResult } from '../../domain/model/job';
import { nextAllowed, type QuietHours } from '../../domain/quiet-hours';
import { sendWithRetries } from '../../delivery/send-retry';
import type { Storage } from '../../storage/storage';
import type { CardFanOut, CardSender, Clock, JobKinds, Logger } from '../ports';
import { reachable } from '../pulse/deliver-pulse-cards';
import { daysBetween, dueRound, interventionScope, reminderChoice } from './intervention-card-kinds';
import { digestItems } from './intervention-digest';
import { OPEN_INTERVENTION_STATUSES, ukToday } from './open-interventions';
import { nextUkTime, ukClock, ukMondayOf } from './uk-calendar';

/**
 * A collaborative's own timed work for its interventions: one job per collaborative (it names
 * no pulse; domain/model/job.ts), run every day at 09:00 UK time and never in quiet hours. Each
 * run queues a reminder for the owners of every open intervention due within a few days (the
 * reminder's rows make it once per owner per intervention per due date: intervention-card-kinds.ts),
 * and on Mondays posts the weekly digest in the channel, when the collaborative has turned it
 * on (a once-marker per week makes it one post, whichever instance runs it, however often).
 */

/** The job's kind and its name within the collaborative. */
export const INTERVENTIONS_JOB = 'interventions';
/** Owners are reminded this many days before a due date (and on each day after, until it, if a run was missed). */
export const DEFAULT_REMINDER_DAYS_BEFORE = 3;
/** The daily run, and the digest on Mondays: 09:00 UK time. */
const RUN_AT_MINUTE = 9 * 60;
const MONDAY = 1;

/** What the interventions' timed work needs: storage, the fan-out, a paced sender for the channel. */
export interface InterventionJobDeps {
  storage: Pick<Storage, 'collaboratives' | 'interventions' | 'members' | 'jobs'>;
  fanOut: Pick<CardFanOut, 'queueRound'>;
  /** Paced with the fan-out (the engine's pacedSender), for the digest. */
  sender: Pick<CardSender, 'sendToChannel'>;
  tabUrl: string;
  quietHours?: QuietHours;
  /** Days before a due date that owners are reminded (default 3). */
  reminderDaysBefore?: number;
  clock: Clock;
  log: Logger;
}

/** The collaborative's interventions job, first due at `dueAt`. */
export function interventionsJob(collaborativeId: string, dueAt: Date): JobInput {
  return { collaborativeId, name: INTERVENTIONS_JOB, kind: 'interventions', dueAt: dueAt.toISOString(), state: 'due' };
}

/** The once-marker of a week's digest. */
export function digestMarker(monday: string): string {
  return `digest-${monday}`;
}

/** Queues the owners' reminders for the open interventions due within `daysBefore` days; how many were queued. */
export async function remindOwners(deps: InterventionJobDeps, collaborativeId: string, interventions: readonly Intervention[], now: Date): Promise<number> {
  const today = ukToday(now);
  const daysBefore = deps.reminderDaysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE;
  const due = interventions.filter((iv) => {
    if (!iv.dueOn || !OPEN_INTERVENTION_STATUSES.includes(iv.status) || iv.ownerIds.length === 0) return false;
    const left = daysBetween(today, iv.dueOn);
    return left >= 0 && left <= daysBefore;
  });
  if (due.length === 0) return 0;
  const members = reachable(await deps.storage.members.list(collaborativeId));
  let queued = 0;
  for (const iv of due) {
    const owners = members.filter((m) => iv.ownerIds.includes(m.aadObjectId!.toLowerCase()));
    if (owners.length === 0) continue;
    queued += await deps.fanOut.queueRound({
      scope: interventionScope(collaborativeId, iv.id),
      round: dueRound(iv.dueOn!),
      recipients: owners,
      card: reminderChoice(iv.id, iv.dueOn!),
    });
  }
  return queued;
}

/**
 * Posts the week's digest in the channel if it is Monday from 09:00 (UK), the collaborative
 * has it turned on, something changed, and nobody has posted this week's yet. The marker is
 * claimed before posting: a crash right after loses the week's post, never posts it twice.
 */
export async function postDigest(deps: InterventionJobDeps, collaborative: Collaborative, interventions: readonly Intervention[], now: Date): Promise<boolean> {
  const clock = ukClock(now);
  if (!collaborative.interventionDigest || clock.weekday !== MONDAY || clock.minute < RUN_AT_MINUTE) return false;
  const items = digestItems(interventions, now);
  if (items.length === 0) return false;
  const monday = ukMondayOf(now);
  if (!(await deps.storage.jobs.claimOnce({ collaborativeId: collaborative.id }, digestMarker(monday), now.toISOString()))) return false;
  const from = new Date(now.getTime() - 7 * 86_400_000);
  const card = interventionDigestCard({ from: ukToday(from), items, tabUrl: deps.tabUrl });
  const outcome = await sendWithRetries(() => deps.sender.sendToChannel(collaborative, card), { attempts: 4, maxWaitMs: 10_000 }).catch(
    (error: unknown) => ({ status: 'failed' as const, error: String(error) }),
  );
  if (outcome.status !== 'sent') deps.log.warn("the week's interventions digest could not be posted in the channel", { collaborativeId: collaborative.id, status: outcome.status });
  return outcome.status === 'sent';
}

/** One run of a collaborative's interventions job (safe to run twice: rows and the marker decide). */
export async function runInterventionsJob(deps: InterventionJobDeps, job: Job): Promise<JobResult> {
  const now = deps.clock();
  // Quiet hours: nothing is queued or posted; the run moves to when they end.
  const allowed = nextAllowed(now, deps.quietHours);
  if (allowed > now) return { done: false, dueAt: allowed };
  const collaborative = (await deps.storage.collaboratives.find(job.collaborativeId))?.value;
  if (!collaborative) return { done: true };
  const interventions = (await deps.storage.interventions.list(collaborative.id)).map((s) => s.value);
  await remindOwners(deps, collaborative.id, interventions, now);
  await postDigest(deps, collaborative, interventions, now);
  return { done: false, dueAt: nextUkTime(now, RUN_AT_MINUTE) };
}

/**
 * Registers the interventions' timed work with the engine's job runner, and the upkeep that
 * gives every collaborative its job (first due at once, then daily at 09:00 UK time).
 */
export function registerInterventionJobs(kinds: JobKinds, deps: InterventionJobDeps): void {
  kinds.register('interventions', (job) => runInterventionsJob(deps, job));
  kinds.addUpkeep(async () => {
    const now = deps.clock();
    for (const c of await deps.storage.collaboratives.list()) await deps.storage.jobs.schedule([interventionsJob(c.id, now)]);
  });
}
