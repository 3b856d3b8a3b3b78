import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { IllegalStateError } from '../domain/errors';
import { idSchema, instantSchema } from '../domain/model/primitives';
import { entityCodec } from './entity-codec';
import { EntityTable } from './entity-table';
import { scopePartitionKey, type EntityKeys } from './keys/key-rules';
import { INTAKE_SHARDS, intakeKeys, submissionKindRange } from './keys/submission-keys';
import { ConcurrencyError } from './storage-errors';
import type { PulseScope } from '../domain/model/pulse';

/**
 * Whether a pulse still takes answers: one row per pulse in the Submissions table, in the
 * same partition as the ledger and the pending area, so that a submit checks it in the very
 * transaction that stores the answers (rc-measurement.md section 4: figures are published
 * once, and an answer that arrives after they were computed is refused).
 *
 *   open    answers are taken (a pulse with no intake row is open too);
 *   sealed  the close has sealed it: every submit from now on is refused, so the answers
 *           waiting in the pending area are all there will ever be, and the close releases
 *           them before it computes the figures;
 *   final   the figures are stored: anything found waiting now (only a submit from an
 *           older version could put it there) is deleted, never counted.
 *
 * Every submit rewrites one intake row with the ETag it read, so a seal between the read and
 * the commit fails the whole transaction. The intake is spread over a few rows (see
 * INTAKE_SHARDS), so that people submitting at once seldom wait for each other; the close
 * seals every one. The rows hold no identity and no answers.
 */

export const intakeStateSchema = z.enum(['open', 'sealed', 'final']);
export type IntakeState = z.infer<typeof intakeStateSchema>;

export const intakeSchema = z.object({
  collaborativeId: idSchema,
  pulseId: idSchema,
  state: intakeStateSchema,
  /** When it was sealed or made final (absent while open: submits do not stamp it). */
  changedAt: instantSchema.optional(),
});
export type Intake = z.infer<typeof intakeSchema>;

/** The answers came after the pulse closed: nothing was stored. */
export class AnswersClosedError extends IllegalStateError {
  constructor(detail?: string) {
    super("This pulse has closed, so your answers can't be added. Thank you for your time.", detail, 'pulse_closed');
  }
}

/** The order the states come in: an intake never goes back. */
export function intakeRank(state: IntakeState): number {
  return intakeStateSchema.options.indexOf(state);
}

/** Tries at sealing one intake row that submits keep rewriting. */
const ADVANCE_ATTEMPTS = 40;

/** A pulse's intake rows in the Submissions table (the submit itself writes them in its own transaction). */
export class IntakeRows {
  readonly table: EntityTable<Intake>;

  constructor(client: TableClient) {
    this.table = new EntityTable(client, entityCodec('intake', intakeSchema));
  }

  /** The pulse's intake: its least advanced row (a missing row is open). */
  async state(scope: PulseScope): Promise<IntakeState> {
    const range = submissionKindRange('intake');
    const rows = await this.table.list({ partitionKey: scopePartitionKey(scope), rowKeyFrom: range.from, rowKeyTo: range.to });
    const states = rows.map((r) => r.value.state);
    if (states.length < INTAKE_SHARDS) states.push('open');
    return states.reduce((least, s) => (intakeRank(s) < intakeRank(least) ? s : least));
  }

  /**
   * Moves every intake row of the pulse on to `state`, never back. Each row is written with
   * the ETag it was read with, so a submit racing it either commits first (and is counted)
   * or fails whole. Safe to run again.
   */
  async advance(scope: PulseScope, state: 'sealed' | 'final', at: string): Promise<void> {
    await Promise.all(Array.from({ length: INTAKE_SHARDS }, (_, shard) => this.advanceRow(intakeKeys(scope, shard), scope, state, at)));
  }

  private async advanceRow(keys: EntityKeys, scope: PulseScope, state: 'sealed' | 'final', at: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const row = await this.table.find(keys);
      if (row && intakeRank(row.value.state) >= intakeRank(state)) return;
      const value: Intake = { collaborativeId: scope.collaborativeId, pulseId: scope.pulseId, state, changedAt: at };
      try {
        if (row) await this.table.replace(keys, value, row.etag);
        else await this.table.create(keys, value);
        return;
      } catch (error) {
        // A submit rewrote the row a moment ago (or created it): read it again and seal that.
        if (!(error instanceof ConcurrencyError) || attempt >= ADVANCE_ATTEMPTS) throw error;
      }
    }
  }
}
