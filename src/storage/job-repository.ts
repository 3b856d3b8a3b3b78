import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { jobSchema, type Job, type JobInput, type JobScope } from '../domain/model/job';
import { idSchema, instantSchema } from '../domain/model/primitives';
import { submitInBatches } from './batch-writer';
import { entityCodec } from './entity-codec';
import { EntityTable, type Versioned } from './entity-table';
import { jobKeys, onceKeys } from './keys/job-keys';
import { ModelRepository } from './model-repository';
import { ConcurrencyError } from './storage-errors';
import type { PulseScope } from '../domain/model/pulse';

// `by` is random: two callers at the same instant must not look like one retried create.
const onceMarkerSchema = z.object({ collaborativeId: idSchema, pulseId: idSchema.optional(), name: z.string().min(1).max(60), at: instantSchema, by: z.string().min(1).max(64) });
type OnceMarker = z.infer<typeof onceMarkerSchema>;

/**
 * Timed work (due-job rows claimed with ETags) and "once" markers, in the Jobs table. See
 * domain/model/job.ts for what a job is and keys/job-keys.ts for how rows are keyed.
 */
export class JobRepository extends ModelRepository<typeof jobSchema> {
  private readonly markers: EntityTable<OnceMarker>;

  constructor(client: TableClient) {
    super(client, { what: 'job', schema: jobSchema, keysOf: (j) => jobKeys(j, j.name) });
    this.markers = new EntityTable(client, entityCodec('once marker', onceMarkerSchema));
  }

  /** A job of a pulse, or (scope without a pulse) of a collaborative as a whole. */
  find(scope: JobScope, name: string): Promise<Versioned<Job> | undefined> {
    return this.table.find(jobKeys(scope, name));
  }

  /**
   * Adds the jobs that do not exist yet and leaves existing ones alone (a job already done
   * must not come back). Safe to call again for the same pulse. Returns how many were added.
   */
  async schedule(inputs: readonly JobInput[]): Promise<number> {
    const jobs = inputs.map((input) => this.parse(input));
    const actions: TransactionAction[] = jobs.map((j) => ['create', this.table.codec.toEntity(jobKeys(j, j.name), j)]);
    try {
      await submitInBatches(this.table.client, actions, `schedule ${jobs.length} jobs`);
      return jobs.length;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      // Some exist already (a start retried, or the repair sweep): add the others one by one.
      let added = 0;
      for (const job of jobs) {
        try {
          await this.table.create(jobKeys(job, job.name), job);
          added += 1;
        } catch (e) {
          if (!(e instanceof ConcurrencyError)) throw e;
        }
      }
      return added;
    }
  }

  /**
   * Makes a job due by `input.dueAt`: added when it does not exist, brought forward when it is
   * due later, due again when it was done. A job being run keeps its lease, so it still runs
   * once at a time; its instance's record of the run then fails (the row changed) and this
   * stands. Written with the row's ETag; a race with another writer is tried again.
   */
  async dueBy(input: JobInput): Promise<void> {
    const wanted = this.parse(input);
    const keys = jobKeys(wanted, wanted.name);
    for (let attempt = 1; ; attempt++) {
      const row = await this.table.find(keys);
      try {
        if (!row) {
          await this.table.create(keys, wanted);
          return;
        }
        // ISO instants in UTC compare correctly as text.
        if (row.value.state === 'due' && row.value.dueAt <= wanted.dueAt) return;
        const { doneAt: _done, ...rest } = row.value;
        await this.update(row, { ...rest, state: 'due', dueAt: wanted.dueAt });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 4) throw error;
      }
    }
  }

  /**
   * Moves a job that is still due to `dueAt`, earlier or later (a pulse's close and its
   * remaining reminders, when the close moves). A job already done stays done. Written with
   * the row's ETag; a race is tried again. True when a due job was moved.
   */
  async moveDue(scope: JobScope, name: string, dueAt: string): Promise<boolean> {
    return this.changeDue(scope, name, (job) => ({ ...job, dueAt }));
  }

  /**
   * Ends every job of a pulse that is still due (a cancelled pulse has no timed work left).
   * A run in progress keeps its lease, but its record of the run then fails (the row
   * changed), so this stands. How many were ended.
   */
  async endAll(scope: PulseScope, at: string): Promise<number> {
    let ended = 0;
    for (const job of await this.listForPulse(scope)) {
      if (job.state === 'due' && (await this.changeDue(scope, job.name, ({ leaseUntil: _lease, ...rest }) => ({ ...rest, state: 'done', doneAt: at })))) ended += 1;
    }
    return ended;
  }

  private async changeDue(scope: JobScope, name: string, change: (job: Job) => Job): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const row = await this.find(scope, name);
      if (!row || row.value.state !== 'due') return false;
      try {
        await this.update(row, change(row.value));
        return true;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 4) throw error;
      }
    }
  }

  /** Jobs that are due at `now` (leased ones included: the caller skips those still held). */
  async listDue(now: Date, limit = 50): Promise<Versioned<Job>[]> {
    const due: Versioned<Job>[] = [];
    // ISO instants in UTC compare correctly as text.
    const filter = odata`state eq ${'due'} and dueAt le ${now.toISOString()}`;
    for await (const page of this.table.pages({ filter }, limit)) {
      due.push(...page.filter((row) => row.keys.rowKey.startsWith('J:')).map(({ value, etag }) => ({ value, etag })));
      if (due.length >= limit) break;
    }
    return due.slice(0, limit);
  }

  /** Every job of a pulse. */
  listForPulse(scope: PulseScope): Promise<Job[]> {
    const { partitionKey } = jobKeys(scope, 'x');
    return this.listWhere({ partitionKey, rowKeyFrom: 'J:', rowKeyTo: 'J;' });
  }

  /**
   * Marks something as done for a pulse (or, scope without a pulse, for a collaborative), at
   * most once: true for the one caller that created the marker, false for everyone after.
   * Called BEFORE the thing is done, so a crash right after can lose it but never do it twice.
   */
  async claimOnce(scope: JobScope, name: string, at: string): Promise<boolean> {
    try {
      const pulse = scope.pulseId === undefined ? {} : { pulseId: scope.pulseId };
      await this.markers.create(onceKeys(scope, name), { collaborativeId: scope.collaborativeId, ...pulse, name, at, by: randomUUID() });
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError && error.code === 'already_exists') return false;
      throw error;
    }
  }

  /** Whether a once marker exists. */
  async hasOnce(scope: JobScope, name: string): Promise<boolean> {
    return (await this.markers.find(onceKeys(scope, name))) !== undefined;
  }
}
