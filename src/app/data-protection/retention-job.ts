import type { Job, JobInput, JobResult } from '../../domain/model/job';
import { scopeOf } from '../../domain/model/pulse';
import { retentionDue } from '../../domain/model/retention';
import type { Storage } from '../../storage/storage';
import { recordAudit } from '../audit';
import { nextUkTime } from '../interventions/uk-calendar';
import { SYSTEM_ACTOR, type Clock, type JobKinds } from '../ports';
import { deleteAllOfPulse } from './delete-pulse';

/**
 * Retention as timed work: one job per collaborative (it names no pulse), run every night at
 * 03:00 UK time. Each run looks at the collaborative's closed pulses and deletes what its
 * retention setting keeps no longer: 'sending' (invitation and reminder rows, ledger) some
 * days after a close, 'everything' (the pulse and all its rows) some years after. The job row
 * is leased by one instance at a time, and every deletion is safe to run again, so two
 * instances never do the work twice and a run cut short is finished by the next.
 */

export const RETENTION_JOB = 'retention';
/** The nightly run: 03:00 UK time, when nobody is answering. */
const RUN_AT_MINUTE = 3 * 60;

export interface RetentionJobDeps {
  storage: Pick<Storage, 'collaboratives' | 'pulses' | 'pulseRows' | 'jobs' | 'audit'>;
  clock: Clock;
}

/** The collaborative's retention job, first due at `dueAt`. */
export function retentionJob(collaborativeId: string, dueAt: Date): JobInput {
  return { collaborativeId, name: RETENTION_JOB, kind: 'retention', dueAt: dueAt.toISOString(), state: 'due' };
}

/** What one application of retention did to a collaborative's pulses. */
export interface RetentionOutcome {
  /** Pulses deleted with everything scoped to them. */
  pulsesDeleted: string[];
  /** Pulses whose sending rows and ledger were deleted (answers and figures kept). */
  sendingCleared: string[];
}

/**
 * Applies a collaborative's retention at `now`, recording 'retention.applied' for each pulse
 * it deleted anything of (counts only). A pulse with nothing left to delete is passed over
 * quietly, so a second run records nothing.
 */
export async function applyRetention(deps: RetentionJobDeps, collaborativeId: string, now: Date): Promise<RetentionOutcome> {
  const outcome: RetentionOutcome = { pulsesDeleted: [], sendingCleared: [] };
  const collaborative = (await deps.storage.collaboratives.find(collaborativeId))?.value;
  if (!collaborative) return outcome;
  const audit = { storage: deps.storage, clock: () => now, actor: SYSTEM_ACTOR };
  for (const pulse of await deps.storage.pulses.list(collaborativeId)) {
    const due = retentionDue(pulse, collaborative.retention, now);
    if (due === 'everything') {
      const rows = await deleteAllOfPulse(deps.storage, pulse);
      outcome.pulsesDeleted.push(pulse.id);
      await recordAudit(audit, collaborativeId, 'retention.applied', pulse.id, { deleted: 'pulse', ...rows });
    } else if (due === 'sending') {
      const rows = await deps.storage.pulseRows.deleteSendingAndLedger(scopeOf(pulse));
      if (rows.sending + rows.ledgerAndDrafts === 0) continue;
      outcome.sendingCleared.push(pulse.id);
      await recordAudit(audit, collaborativeId, 'retention.applied', pulse.id, { deleted: 'sending_and_ledger', ...rows });
    }
  }
  return outcome;
}

/** One run of a collaborative's retention job; due again the next night. */
export async function runRetentionJob(deps: RetentionJobDeps, job: Job): Promise<JobResult> {
  const now = deps.clock();
  if (!(await deps.storage.collaboratives.find(job.collaborativeId))) return { done: true };
  await applyRetention(deps, job.collaborativeId, now);
  return { done: false, dueAt: nextUkTime(now, RUN_AT_MINUTE) };
}

/**
 * Registers retention with the engine's job runner, and the upkeep that gives every
 * collaborative its job (first due at once, then nightly).
 */
export function registerRetentionJobs(kinds: JobKinds, deps: RetentionJobDeps): void {
  kinds.register('retention', (job) => runRetentionJob(deps, job));
  kinds.addUpkeep(async () => {
    const now = deps.clock();
    for (const c of await deps.storage.collaboratives.list()) await deps.storage.jobs.schedule([retentionJob(c.id, now)]);
  });
}
