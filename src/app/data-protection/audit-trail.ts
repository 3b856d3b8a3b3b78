import { z } from 'zod';
import { ForbiddenError } from '../../domain/errors';
import type { AuditEntry } from '../../domain/model/audit-entry';
import { parseModel } from '../../domain/model/parse';
import { daySchema, idSchema } from '../../domain/model/primitives';
import type { Storage } from '../../storage/storage';
import type { CollaborativeAccess } from '../results/collaborative-access';
import { loadCollaborative } from '../setup/setup-context';

/**
 * Reading a collaborative's audit trail: who exported, changed settings, opened and closed
 * pulses, forgot a person or deleted a pulse, and when. Facilitators only in the tab; the
 * command line is run by whoever holds the storage settings. A read: it writes nothing.
 */

/** Most entries one read returns (years of a busy collaborative's trail). */
export const MAX_AUDIT_ENTRIES = 20_000;

export const auditQuerySchema = z.object({
  collaborativeId: idSchema,
  /** Only entries on or after this day (UTC). */
  since: daySchema.optional(),
});
export type AuditQuery = z.input<typeof auditQuerySchema>;

/** The entries of a collaborative, oldest first, from `since` on when given. NotFoundError for no such collaborative. */
export async function auditTrail(storage: Pick<Storage, 'collaboratives' | 'audit'>, query: AuditQuery): Promise<AuditEntry[]> {
  const valid = parseModel(auditQuerySchema, query, 'audit query');
  await loadCollaborative(storage, valid.collaborativeId);
  const since = valid.since ? `${valid.since}T00:00:00.000Z` : undefined;
  // Stored newest first: stop at the first entry before `since`.
  const entries = await storage.audit.list(valid.collaborativeId, MAX_AUDIT_ENTRIES, since);
  return entries.reverse();
}

/** The trail for the tab: its facilitators only (a leader or member who is not one is refused). */
export async function auditTrailFor(storage: Pick<Storage, 'collaboratives' | 'audit'>, access: CollaborativeAccess, since?: string): Promise<AuditEntry[]> {
  if (access.role !== 'facilitator') {
    throw new ForbiddenError(
      "Only the collaborative's facilitators can see its audit trail.",
      `${access.person.aadObjectId} is not a facilitator of ${access.collaborative.id} (audit trail)`,
    );
  }
  return auditTrail(storage, { collaborativeId: access.collaborative.id, ...(since ? { since } : {}) });
}
