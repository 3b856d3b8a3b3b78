import { z } from 'zod';
import { IllegalStateError } from '../errors';
import { idSchema } from './primitives';
import { respondentKeySchema } from './respondent-key';

export const ledgerStatusSchema = z.enum(['started', 'finished']);
export type LedgerStatus = z.infer<typeof ledgerStatusSchema>;

/**
 * Who has answered a pulse, kept apart from what they answered: progress only (started or
 * finished, and the step reached), never an answer. Used for reminders and to refuse a
 * second submission.
 */
export const ledgerEntrySchema = z.object({
  collaborativeId: idSchema,
  pulseId: idSchema,
  respondentKey: respondentKeySchema,
  status: ledgerStatusSchema,
  step: z.int().min(0).max(1000),
});

export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** The person has already submitted answers to this pulse; a second submission is refused. */
export class AlreadySubmittedError extends IllegalStateError {
  constructor(detail?: string) {
    super('You have already sent your answers to this pulse. Thank you: each person answers once.', detail, 'already_submitted');
  }
}

/** Throws AlreadySubmittedError when a ledger entry says the person has finished. */
export function assertNotFinished(entry: LedgerEntry | undefined): void {
  if (entry?.status === 'finished') throw new AlreadySubmittedError(`ledger ${entry.pulseId} says finished`);
}
