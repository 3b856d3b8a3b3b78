import { JOB_DONE, type JobResult, type PulseJob } from '../../../domain/model/job';
import { effectiveK, scopeOf } from '../../../domain/model/pulse';
import { SYSTEM_ACTOR } from '../../ports';
import { purgeCancelled } from '../cancel-pulse';
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
  // Cancelled: nothing is published, ever; this run is the cancel's sweep (cancel-pulse.ts).
  if (pulse.status === 'cancelled') {
    await purgeCancelled(storage, scope, deps.clock().toISOString());
    return JOB_DONE;
  }
  // The close was moved later (extend-pulse.ts) after this run was claimed: wait for it.
  if (job.phase !== 'sweep' && pulse.status === 'open' && pulse.closesAt && Date.parse(pulse.closesAt) > deps.clock().getTime()) {
    return { done: false, dueAt: new Date(pulse.closesAt), phase: 'close' };
  }

  if (job.phase !== 'sweep') {
    await finishClose({ ...storage, sender: deps.sender, clock: deps.clock, log: deps.log }, collaborative, pulse, { ...SYSTEM_ACTOR, name: 'RC Pulse (closing time)' }, deps.tabUrl);
    return { done: false, dueAt: new Date(deps.clock().getTime() + SWEEP_AFTER_MS), phase: 'sweep' };
  }
  await storage.releasePending(scope, { k: effectiveK(pulse, collaborative.k), force: true, now: deps.clock() });
  await storage.submissions.deleteDrafts(scope);
  return JOB_DONE;
}
