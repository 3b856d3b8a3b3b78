import type { Job, JobResult, PulseJob } from '../../../domain/model/job';
import type { JobHandler, JobKinds } from '../../ports';
import { runCloseJob } from './close-job';
import { runInviteCheckJob } from './invite-check-job';
import { openJobFor } from '../schedule-plan';
import { runOpenJob } from './open-job';
import type { PulseJobDeps } from './job-deps';
import { timedWorkFor } from './pulse-jobs';
import { runRemindJob } from './remind-job';

/**
 * A pulse's timed work, registered with the delivery engine's job runner by kind: reminder
 * rounds, the close (and its sweep), the invitation check, and a scheduled pulse's opening.
 * And the upkeep that makes sure every open pulse has its timed work, even one whose start
 * stopped half-way, and every scheduled pulse its open job.
 */
export function registerPulseJobs(kinds: JobKinds, deps: PulseJobDeps): void {
  kinds.register('open', forPulse((job) => runOpenJob(deps, job)));
  kinds.register('remind', forPulse((job) => runRemindJob(deps, job)));
  kinds.register('close', forPulse((job) => runCloseJob(deps, job)));
  kinds.register('invite-check', forPulse((job) => runInviteCheckJob(deps, job)));
  kinds.addUpkeep(async () => {
    for (const pulse of await deps.storage.pulses.listByStatus('open')) if (pulse.kind === 'survey') await deps.storage.jobs.schedule(timedWorkFor(pulse));
    // Every scheduled pulse has its open job, even one whose scheduling stopped half-way.
    for (const pulse of await deps.storage.pulses.listByStatus('draft')) if (pulse.kind === 'survey' && pulse.schedule) await deps.storage.jobs.schedule([openJobFor(pulse)]);
  });
}

/**
 * A pulse's handler as the runner calls it, with any job: the job schema makes every pulse
 * kind name its pulse, so one without is a row written wrongly, refused loudly (the runner
 * logs it and backs off) rather than run against no pulse.
 */
function forPulse(run: (job: PulseJob) => Promise<JobResult>): JobHandler {
  return (job: Job) => {
    if (job.pulseId === undefined) return Promise.reject(new Error(`the ${job.kind} job ${job.collaborativeId}/${job.name} names no pulse`));
    return run(job as PulseJob);
  };
}
