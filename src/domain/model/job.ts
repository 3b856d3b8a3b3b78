import { z } from 'zod';
import { idSchema, instantSchema } from './primitives';

/**
 * Timed work, stored as a row so it survives restarts and any instance can do it. Most of it
 * belongs to a pulse:
 * - remind: the scheduled reminder `day` days after the pulse opened (or a facilitator's
 *   reminder asked for in quiet hours, named by its round);
 * - close: close the pulse at its closing time (phase 'close'), then sweep once more a little
 *   later (phase 'sweep') for a submission or draft that raced the close;
 * - invite-check: watch the invitation fan-out, repair it if an instance died while queuing,
 *   and post the one-line summary in the channel when it has finished.
 * Some belongs to a collaborative as a whole, and names no pulse:
 * - interventions: every day, remind the owners of interventions due soon, and once a week
 *   post the digest of what changed (when the collaborative has turned it on);
 * - retention: every night, delete what the collaborative's retention says is kept no longer
 *   (domain/model/retention.ts).
 * - open: open a scheduled pulse (a draft with `opensAt`) at its time, send its cards, and make
 *   the next pulse of its series when it repeats (see app/pulse/jobs/open-job.ts).
 * A transition check (a pulse of kind 'transition') has its own:
 * - transition-close: close and publish the check at the end of its window;
 * - transition-retention: delete its family answers and links once the collaborative's
 *   retention period for them has passed since it closed (looked at again daily until then).
 * An instance claims a due job by writing `leaseUntil` with the row's ETag, so exactly one runs
 * it at a time; a job whose instance died is taken again once its lease has passed.
 */
export const jobKindSchema = z.enum(['open', 'remind', 'close', 'invite-check', 'interventions', 'retention', 'transition-close', 'transition-retention']);
/** What a job does. */
export type JobKind = z.infer<typeof jobKindSchema>;

/** The kinds of job that belong to a pulse, and so must name one. */
export const PULSE_JOB_KINDS: readonly JobKind[] = ['open', 'remind', 'close', 'invite-check', 'transition-close', 'transition-retention'];

/** The name of a pulse's invitation check (a pulse has one): it watches the fan-out until every card has gone. */
export const INVITE_CHECK_JOB = 'invite-check';

/** The name of a scheduled pulse's opening (a pulse has one). */
export const OPEN_JOB = 'open';

/** One job row (see above). */
export const jobSchema = z
  .object({
    collaborativeId: idSchema,
    /** The pulse it belongs to; absent for a collaborative's own timed work (rows stored before keep theirs). */
    pulseId: idSchema.optional(),
    /** Unique within the pulse (or the collaborative), e.g. 'close', 'remind-day3', 'invite-check'. */
    name: z.string().regex(/^[a-z0-9-]{1,60}$/),
    kind: jobKindSchema,
    dueAt: instantSchema,
    state: z.enum(['due', 'done']),
    /** While an instance works on it: until when its claim holds. */
    leaseUntil: instantSchema.optional(),
    /** How many times it has been claimed (so a job that keeps failing backs off). */
    runs: z.int().min(0).default(0),
    /** remind: days after opening. */
    day: z.int().min(1).max(90).optional(),
    /** close: which phase is due next. */
    phase: z.enum(['close', 'sweep']).optional(),
    /** The last failure, in a few words, for whoever looks at the table. */
    lastError: z.string().max(300).optional(),
    doneAt: instantSchema.optional(),
  })
  .refine((j) => j.pulseId !== undefined || !PULSE_JOB_KINDS.includes(j.kind), { message: "a pulse's timed work names its pulse", path: ['pulseId'] });

/** A job as stored. */
export type Job = z.infer<typeof jobSchema>;
/** A job as scheduled (defaults filled in). */
export type JobInput = z.input<typeof jobSchema>;
/** A job that belongs to a pulse (the kinds in PULSE_JOB_KINDS: the schema makes sure they name one). */
export type PulseJob = Job & { pulseId: string };

/** Where a job's rows live: a pulse, or (no pulseId) its collaborative as a whole. */
export interface JobScope {
  collaborativeId: string;
  pulseId?: string;
}

/** How a run of a job ended: done for good, or due again at `dueAt` (in `phase`, for a close). */
export type JobResult = { done: true } | { done: false; dueAt: Date; phase?: Job['phase'] };

/** A job finished for good. */
export const JOB_DONE: JobResult = { done: true };
