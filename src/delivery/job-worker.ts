import type { Clock, DeliveryMetrics, Logger } from '../app/ports';
import type { Job, JobKind, JobResult } from '../domain/model/job';
import type { Versioned } from '../storage/entity-table';
import { ConcurrencyError } from '../storage/storage-errors';
import type { Storage } from '../storage/storage';
import type { JobKindRegistry } from './job-kinds';

/**
 * Timed work, run exactly once across instances. Every instance looks for due job rows now
 * and then; to run one it first CLAIMS it (a lease written with the row's ETag: of several
 * instances, one wins), then runs it, then marks it done or due again. An instance that dies
 * while running leaves its lease to pass, and another takes the job again, so every job is
 * written to be safe to run twice (a reminder round's rows, the close's once-marker). Rows,
 * not delayed queue messages, because a pulse may close 8 weeks ahead (a message hides for
 * 7 days at most) and quiet hours move a reminder, which is one row update. What a job does
 * is its kind's handler's business (job-kinds.ts): this loop knows only kinds and leases.
 */

/** What the timed-work loop needs. */
export interface JobWorkerOptions {
  jobs: Pick<Storage['jobs'], 'listDue' | 'update'>;
  /** The handler of each kind of job. */
  kinds: Pick<JobKindRegistry, 'get'>;
  clock: Clock;
  log: Logger;
  /** How often to look for due work. */
  pollMs: number;
  /** How long a claim holds: longer than any job takes. */
  leaseMs: number;
  /** Occasional upkeep (every `upkeepMs`): what the use-cases registered, old window rows. */
  upkeep?: () => Promise<void>;
  upkeepMs?: number;
  /** Counts job runs by kind and result, with their durations. */
  metrics?: DeliveryMetrics;
}

const MAX_BACKOFF_MS = 10 * 60_000;

/** Looks for due timed work every `pollMs` and runs what it can claim (see the file comment). */
export class JobWorker {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> = Promise.resolve();
  private lastUpkeep = 0;
  /** Kinds this instance has no handler for, already said in the log. */
  private readonly unknownKinds = new Set<JobKind>();

  constructor(private readonly options: JobWorkerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.current = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.options.log.warn('looking for timed work failed', { error: String(error) }))
        .finally(() => {
          // A little jitter, so instances started together do not look at the same moment.
          if (this.running) this.schedule(this.options.pollMs * (0.8 + Math.random() * 0.4));
        });
    }, ms);
    this.timer.unref?.();
  }

  /** Runs every job that is due now and not held by another instance; how many ran. */
  async tick(): Promise<number> {
    const { options } = this;
    const now = options.clock();
    if (options.upkeep && now.getTime() - this.lastUpkeep >= (options.upkeepMs ?? 10 * 60_000)) {
      this.lastUpkeep = now.getTime();
      await options.upkeep().catch((error: unknown) => options.log.warn('timed-work upkeep failed', { error: String(error) }));
    }
    let ran = 0;
    // The clock read again: upkeep may have taken a while, and what is due is due now.
    for (const job of await options.jobs.listDue(options.clock())) {
      if (job.value.leaseUntil && Date.parse(job.value.leaseUntil) > options.clock().getTime()) continue;
      const handler = options.kinds.get(job.value.kind);
      if (!handler) {
        // Not claimed: an instance that runs this kind (a newer one, mid-deploy) takes it.
        this.noteUnknown(job.value);
        continue;
      }
      const claimed = await this.claim(job);
      if (!claimed) continue;
      ran += 1;
      await this.runClaimed(claimed, handler);
    }
    return ran;
  }

  private async claim(job: Versioned<Job>): Promise<Versioned<Job> | undefined> {
    const leaseUntil = new Date(this.options.clock().getTime() + this.options.leaseMs).toISOString();
    try {
      return await this.options.jobs.update(job, { ...job.value, leaseUntil, runs: job.value.runs + 1 });
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined; // another instance took it
      throw error;
    }
  }

  private noteUnknown(job: Job): void {
    if (this.unknownKinds.has(job.kind)) return;
    this.unknownKinds.add(job.kind);
    this.options.log.warn('timed work of a kind this instance does not run was left for another instance', { kind: job.kind, job: job.name });
  }

  private async runClaimed(claimed: Versioned<Job>, run: (job: Job) => Promise<JobResult>): Promise<void> {
    const { options } = this;
    const job = claimed.value;
    let result: JobResult;
    let failure: string | undefined;
    const started = Date.now();
    try {
      result = await run(job);
    } catch (error) {
      failure = String(error).slice(0, 300);
      options.log.warn('timed work failed; it will be tried again', { job: job.name, pulseId: job.pulseId, error: failure });
      const wait = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.min(10, job.runs - 1));
      result = { done: false, dueAt: new Date(options.clock().getTime() + wait) };
    }
    options.metrics?.jobRan(job.kind, failure ? 'failed' : result.done ? 'done' : 'again', Date.now() - started);
    const { leaseUntil: _lease, lastError: _error, ...rest } = job;
    const now = options.clock().toISOString();
    const next = result.done
      ? { ...rest, state: 'done' as const, doneAt: now }
      : { ...rest, dueAt: result.dueAt.toISOString(), ...(result.phase ? { phase: result.phase } : {}), ...(failure ? { lastError: failure } : {}) };
    try {
      await options.jobs.update(claimed, next);
    } catch (error) {
      // The lease passed and another instance took the job meanwhile: its record stands.
      options.log.warn('recording timed work failed', { job: job.name, pulseId: job.pulseId, error: String(error) });
    }
  }
}
