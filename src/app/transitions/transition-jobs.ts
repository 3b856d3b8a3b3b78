import { JOB_DONE, type Job, type JobResult } from '../../domain/model/job';
import type { PulseScope } from '../../domain/model/pulse';
import type { JobKinds } from '../ports';
import { SYSTEM_ACTOR } from '../ports';
import { finishTransitionClose } from './close-transition';
import type { TransitionDeps } from './transition-deps';
import { transitionCloseJob } from './transition-job-inputs';
import { purgeFamilyAnswersIfDue } from './transition-retention';

/**
 * A check's timed work, as job rows (so it survives restarts, and the job runner's lease makes
 * one instance run it at a time): its close at the end of its window, and the deletion of its
 * family answers and links once the collaborative's retention period has passed.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Registers the check's timed work with the job runner, and the upkeep that gives every open
 * check its close (one whose start stopped half-way included).
 */
export function registerTransitionJobs(kinds: JobKinds, deps: Pick<TransitionDeps, 'storage' | 'clock' | 'log'>): void {
  kinds.register('transition-close', (job) => withScope(job, (scope) => runTransitionCloseJob(deps, scope)));
  kinds.register('transition-retention', (job) => withScope(job, (scope) => runTransitionRetentionJob(deps, scope)));
  kinds.addUpkeep(async () => {
    for (const pulse of await deps.storage.pulses.listByStatus('open')) {
      if (pulse.kind === 'transition' && pulse.closesAt) await deps.storage.jobs.schedule([transitionCloseJob({ collaborativeId: pulse.collaborativeId, pulseId: pulse.id }, pulse.closesAt)]);
    }
  });
}

function withScope(job: Job, run: (scope: PulseScope) => Promise<JobResult>): Promise<JobResult> {
  if (job.pulseId === undefined) return Promise.reject(new Error(`the ${job.kind} job ${job.collaborativeId}/${job.name} names no check`));
  return run({ collaborativeId: job.collaborativeId, pulseId: job.pulseId });
}

/** The end of a check's window: closes and publishes it, unless it closed already. */
export async function runTransitionCloseJob(deps: Pick<TransitionDeps, 'storage' | 'clock' | 'log'>, scope: PulseScope): Promise<JobResult> {
  const check = await deps.storage.transitions.find(scope.collaborativeId, scope.pulseId);
  if (!check) return JOB_DONE;
  if (check.value.status === 'open' && deps.clock() < new Date(check.value.closesAt)) return { done: false, dueAt: new Date(check.value.closesAt) };
  // Closed or not, finishing is safe: it completes a close that stopped half-way.
  await finishTransitionClose(deps, scope, 'window_ended', { ...SYSTEM_ACTOR, name: 'RC Pulse (end of the window)' });
  return JOB_DONE;
}

/** The retention look: deletes the family answers and links when due, else looks again tomorrow. */
export async function runTransitionRetentionJob(deps: Pick<TransitionDeps, 'storage' | 'clock' | 'log'>, scope: PulseScope): Promise<JobResult> {
  const outcome = await purgeFamilyAnswersIfDue(deps, scope);
  if (outcome.kind === 'later') return { done: false, dueAt: new Date(Math.min(outcome.dueAt.getTime(), deps.clock().getTime() + DAY_MS)) };
  return JOB_DONE;
}
