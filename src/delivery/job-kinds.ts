import type { JobHandler, JobKinds, Logger } from '../app/ports';
import type { JobKind } from '../domain/model/job';

/**
 * What the job runner does with each kind of timed work, registered by the use-cases that
 * schedule it (a pulse's reminders, close and invitation check: app/pulse/jobs/), and the
 * upkeep they want done now and then. The runner (job-worker.ts) knows only kinds and leases.
 * A new kind of timed work is a new job kind (domain/model/job.ts) and one `register` call.
 */
export class JobKindRegistry implements JobKinds {
  private readonly handlers = new Map<JobKind, JobHandler>();
  private readonly upkeeps: (() => Promise<void>)[] = [];

  /** Adds the handler of a kind; a kind registered twice is a mistake in the wiring. */
  register(kind: JobKind, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`the job kind '${kind}' is registered twice`);
    this.handlers.set(kind, handler);
  }

  /** The handler of a kind, if this instance runs it. */
  get(kind: JobKind): JobHandler | undefined {
    return this.handlers.get(kind);
  }

  /** Adds upkeep the runner does now and then (see JobWorker's upkeepMs). */
  addUpkeep(upkeep: () => Promise<void>): void {
    this.upkeeps.push(upkeep);
  }

  /** Runs every upkeep in turn; one that fails is logged and does not stop the others. */
  async runUpkeep(log: Logger): Promise<void> {
    for (const upkeep of this.upkeeps) {
      await upkeep().catch((error: unknown) => log.warn('timed-work upkeep failed', { error: String(error) }));
    }
  }
}
