import { JOB_DONE, jobSchema, type Job, type JobInput } from '../../../src/domain/model/job';
import { JobKindRegistry } from '../../../src/delivery/job-kinds';
import { JobWorker } from '../../../src/delivery/job-worker';
import type { Versioned } from '../../../src/storage/entity-table';
import { ConcurrencyError } from '../../../src/storage/storage-errors';

/** The Jobs table in memory: due rows listed, updates guarded by ETag. */
class MemoryJobs {
  readonly rows = new Map<string, Versioned<Job>>();
  private n = 0;

  add(input: JobInput): void {
    const value = jobSchema.parse(input);
    this.rows.set(value.name, { value, etag: `e${++this.n}` });
  }

  async listDue(now: Date): Promise<Versioned<Job>[]> {
    return [...this.rows.values()].filter((r) => r.value.state === 'due' && r.value.dueAt <= now.toISOString());
  }

  async update(previous: Versioned<Job>, next: JobInput): Promise<Versioned<Job>> {
    if (this.rows.get(previous.value.name)?.etag !== previous.etag) throw new ConcurrencyError('concurrent_update', 'the job changed');
    const row = { value: jobSchema.parse(next), etag: `e${++this.n}` };
    this.rows.set(row.value.name, row);
    return row;
  }
}

const scope = { collaborativeId: 'c1', pulseId: 'p1' };
const due = (name: string, kind: Job['kind']): JobInput => ({ ...scope, name, kind, dueAt: '2026-03-02T09:00:00.000Z', state: 'due' });
const now = () => new Date('2026-03-02T09:00:05.000Z');

describe('the job runner', () => {
  it('runs each due job with the handler registered for its kind, and leaves a kind it has none for to another instance', async () => {
    const jobs = new MemoryJobs();
    jobs.add(due('remind-day3', 'remind'));
    jobs.add(due('close', 'close'));
    jobs.add(due('invite-check', 'invite-check'));
    const kinds = new JobKindRegistry();
    const ran: string[] = [];
    kinds.register('remind', async (job) => {
      ran.push(`remind ${job.name}`);
      return JOB_DONE;
    });
    kinds.register('close', async (job) => {
      ran.push(`close ${job.name}`);
      return { done: false, dueAt: new Date('2026-03-02T09:10:00.000Z'), phase: 'sweep' };
    });
    const warnings: string[] = [];
    const worker = new JobWorker({ jobs, kinds, clock: now, log: { warn: (m) => warnings.push(m) }, pollMs: 60_000, leaseMs: 30_000 });

    expect(await worker.tick()).toBe(2);
    expect(ran.sort()).toEqual(['close close', 'remind remind-day3']);
    expect(jobs.rows.get('remind-day3')!.value).toMatchObject({ state: 'done', runs: 1 });
    expect(jobs.rows.get('close')!.value).toMatchObject({ state: 'due', phase: 'sweep', dueAt: '2026-03-02T09:10:00.000Z' });
    // Not claimed: no lease, no run counted, still due for an instance that runs it.
    expect(jobs.rows.get('invite-check')!.value).toMatchObject({ state: 'due', runs: 0 });
    expect(jobs.rows.get('invite-check')!.value.leaseUntil).toBeUndefined();
    expect(warnings).toEqual(['timed work of a kind this instance does not run was left for another instance']);
  });

  it('counts each run by kind and result for the metrics, a failure as failed', async () => {
    const jobs = new MemoryJobs();
    jobs.add(due('remind-day3', 'remind'));
    jobs.add(due('close', 'close'));
    const kinds = new JobKindRegistry();
    kinds.register('remind', async () => JOB_DONE);
    kinds.register('close', async () => {
      throw new Error('storage is down');
    });
    const runs: string[] = [];
    const metrics = { cardSent: () => undefined, throttled: () => undefined, jobRan: (kind: string, result: string, ms: number) => void runs.push(`${kind} ${result} ${ms >= 0}`) };
    const worker = new JobWorker({ jobs, kinds, clock: now, log: { warn: () => undefined }, pollMs: 60_000, leaseMs: 30_000, metrics });
    await worker.tick();
    expect(runs.sort()).toEqual(['close failed true', 'remind done true']);
  });

  it('runs the upkeep the use-cases registered, each one even when another fails', async () => {
    const kinds = new JobKindRegistry();
    const done: string[] = [];
    kinds.addUpkeep(async () => {
      throw new Error('storage is down');
    });
    kinds.addUpkeep(async () => {
      done.push('every open pulse has its timed work');
    });
    const warnings: string[] = [];
    await kinds.runUpkeep({ warn: (m) => warnings.push(m) });
    expect(done).toEqual(['every open pulse has its timed work']);
    expect(warnings).toEqual(['timed-work upkeep failed']);
    expect(() => kinds.register('remind', async () => JOB_DONE)).not.toThrow();
    expect(() => kinds.register('remind', async () => JOB_DONE)).toThrow(/registered twice/);
  });
});
