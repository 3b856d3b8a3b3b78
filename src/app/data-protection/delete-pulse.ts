import { z } from 'zod';
import { IllegalStateError, NotFoundError } from '../../domain/errors';
import { parseModel } from '../../domain/model/parse';
import { idSchema } from '../../domain/model/primitives';
import { scopeOf, type Pulse } from '../../domain/model/pulse';
import type { RowCounts } from '../../storage/pulse-rows';
import type { Storage } from '../../storage/storage';
import { recordAudit } from '../audit';
import type { AuditActor, Clock } from '../ports';

/**
 * Deleting a whole pulse: its row and its rows in every pulse-scoped table (invitations and
 * reminders, ledger, drafts, pending and released answers, published figures and rates,
 * timed work). Only with a confirmation, and never while it is open: an open pulse is closed
 * first, so nobody is answering a pulse that is being deleted under them.
 */

export const deletePulseRequestSchema = z.object({
  collaborativeId: idSchema,
  pulseId: idSchema,
  confirmed: z.literal(true, 'deleting a pulse needs confirming: nothing was deleted'),
});
export type DeletePulseRequest = z.input<typeof deletePulseRequestSchema>;

export interface DeletePulseDeps {
  storage: Pick<Storage, 'pulses' | 'pulseRows' | 'audit'>;
  clock: Clock;
  actor: AuditActor;
}

export interface DeletePulseResult {
  collaborativeId: string;
  pulseId: string;
  /** Rows deleted in each table, besides the pulse's own row. */
  rows: RowCounts;
}

/** Refuses a pulse that is open, or closed but still publishing its figures. */
function assertDeletable(pulse: Pulse): void {
  if (pulse.status === 'open') {
    throw new IllegalStateError(`Pulse ${pulse.id} is still open. Please close it first (the "close" command in Teams), then delete it. Nothing was deleted.`, `delete of open pulse ${pulse.id}`);
  }
  if (pulse.status === 'closed' && pulse.figuresFinalAt === undefined) {
    throw new IllegalStateError(`Pulse ${pulse.id} is still being closed. Please try again in a few minutes. Nothing was deleted.`, `delete of closing pulse ${pulse.id}`);
  }
}

/**
 * Deletes a pulse and everything scoped to it, then records 'pulse.deleted' with the row
 * counts. The pulse's own row goes last, so a run stopped half-way is found and finished by
 * the next. NotFoundError for no such pulse; IllegalStateError for an open one.
 */
export async function deletePulse(deps: DeletePulseDeps, request: DeletePulseRequest): Promise<DeletePulseResult> {
  const valid = parseModel(deletePulseRequestSchema, request, 'delete pulse');
  const found = await deps.storage.pulses.find(valid.collaborativeId, valid.pulseId);
  if (!found) throw new NotFoundError(`pulse "${valid.pulseId}" in ${valid.collaborativeId}`);
  assertDeletable(found.value);
  const rows = await deleteAllOfPulse(deps.storage, found.value);
  await recordAudit(deps, valid.collaborativeId, 'pulse.deleted', valid.pulseId, { ...rows });
  return { collaborativeId: valid.collaborativeId, pulseId: valid.pulseId, rows };
}

/** The deletion itself, shared with retention: scoped rows, then the pulse's row. */
export async function deleteAllOfPulse(storage: Pick<Storage, 'pulses' | 'pulseRows'>, pulse: Pulse): Promise<RowCounts> {
  const rows = await storage.pulseRows.deletePulse(scopeOf(pulse));
  await storage.pulses.delete(pulse.collaborativeId, pulse.id);
  return rows;
}
