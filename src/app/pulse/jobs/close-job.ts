import { JOB_DONE, type JobResult, type PulseJob } from '../../../domain/model/job';
import { effectiveK, scopeOf } from '../../../domain/model/pulse';
import { SYSTEM_ACTOR } from '../../ports';
import { finishClose } from '../finish-close';
import type { PulseJobDeps } from './job-deps';

/** How long after closing the sweep looks again for a submission or draft that raced the close. */
export const SWEEP_AFTER_MS = 10 * 60_000;

/**
 * Closing at `closes at`. Phase 'close': finishClose (final figures stored, drafts deleted,
 * the summary posted in the channel once, whether a facilitator closed it earlier or not).
 * Phase 'sweep', a little later: the figures are final then, so anything found waiting (only
 * a submit from an older version could leave it) is deleted uncounted (release-pending.ts), and
 * any draft saved in that moment is deleted, so nothing stays behind.
 */
export async function runCloseJob(deps: PulseJobDeps, job: PulseJob): Promise<JobResult> {
  const { storage } = deps;
  const pulse = (await storage.pulses.find(job.collaborativeId, job.pulseId))?.value;
  const collaborative = (await storage.collaboratives.find(job.collaborativeId))?.value;
  if (!pulse || !collaborative || pulse.status === 'draft') return JOB_DONE;
  const scope = scopeOf(pulse);

  if (job.phase !== 'sweep') {
    await finishClose({ ...storage, sender: deps.sender, clock: deps.clock, log: deps.log }, collaborative, pulse, { ...SYSTEM_ACTOR, name: 'RC Pulse (closing time)' }, deps.tabUrl);
    return { done: false, dueAt: new Date(deps.clock().getTime() + SWEEP_AFTER_MS), phase: 'sweep' };
  }
  await storage.releasePending(scope, { k: effectiveK(pulse, collaborative.k), force: true, now: deps.clock() });
  await storage.submissions.deleteDrafts(scope);
  return JOB_DONE;
}
