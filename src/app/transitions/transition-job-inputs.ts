import type { JobInput } from '../../domain/model/job';
import type { PulseScope } from '../../domain/model/pulse';

/** The job rows of a check's timed work (transition-jobs.ts runs them). */

export const TRANSITION_CLOSE_JOB = 'transition-close';
export const TRANSITION_RETENTION_JOB = 'transition-retention';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The close of a check at the end of its window. */
export function transitionCloseJob(scope: PulseScope, closesAt: string): JobInput {
  return { ...scope, name: TRANSITION_CLOSE_JOB, kind: 'transition-close', dueAt: closesAt, state: 'due' };
}

/**
 * The retention look of a closed check: first a day after it closed, then daily, so a change
 * of the collaborative's period (longer or shorter) applies within a day.
 */
export function transitionRetentionJob(scope: PulseScope, now: Date): JobInput {
  return { ...scope, name: TRANSITION_RETENTION_JOB, kind: 'transition-retention', dueAt: new Date(now.getTime() + DAY_MS).toISOString(), state: 'due' };
}
