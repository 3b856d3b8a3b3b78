import type { JobKinds } from '../../ports';
import { runCloseJob } from './close-job';
import { runInviteCheckJob } from './invite-check-job';
import type { PulseJobDeps } from './job-deps';
import { timedWorkFor } from './pulse-jobs';
import { runRemindJob } from './remind-job';

/**
 * A pulse's timed work, registered with the delivery engine's job runner by kind: reminder
 * rounds, the close (and its sweep), and the invitation check. And the upkeep that makes sure
 * every open pulse has its timed work, even one whose start stopped half-way.
 */
export function registerPulseJobs(kinds: JobKinds, deps: PulseJobDeps): void {
  kinds.register('remind', (job) => runRemindJob(deps, job));
  kinds.register('close', (job) => runCloseJob(deps, job));
  kinds.register('invite-check', (job) => runInviteCheckJob(deps, job));
  kinds.addUpkeep(async () => {
    for (const pulse of await deps.storage.pulses.listByStatus('open')) if (pulse.kind === 'survey') await deps.storage.jobs.schedule(timedWorkFor(pulse));
  });
}
