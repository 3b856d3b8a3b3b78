import { z } from 'zod';
import { IllegalStateError } from '../domain/errors';
import { idSchema, instantSchema } from '../domain/model/primitives';

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
 * Every submit rewrites the row with the ETag it read, so a seal between the read and the
 * commit fails the whole transaction. The row holds no identity and no answers.
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
