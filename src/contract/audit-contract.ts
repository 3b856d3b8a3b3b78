import { z } from 'zod';
import { auditEntrySchema } from '../domain/model/audit-entry';
import { daySchema } from '../domain/model/primitives';

/**
 * The audit trail on the wire: GET /api/collaboratives/:id/audit (JSON, for the tab's "Audit
 * trail" page) and /audit.csv (the same entries as the CSV `rc-pulse audit` prints). For the
 * collaborative's facilitators only: anyone else, leaders and members included, gets 403.
 */

/** One entry as the tab shows it (its collaborative is the one asked about). */
export const auditEntryBodySchema = auditEntrySchema.omit({ collaborativeId: true });
export type AuditEntryBody = z.infer<typeof auditEntryBodySchema>;

export const auditTrailResponseSchema = z.object({
  collaborativeId: z.string(),
  /** Oldest first. */
  entries: z.array(auditEntryBodySchema),
});
export type AuditTrailResponse = z.infer<typeof auditTrailResponseSchema>;

/** ?since=YYYY-MM-DD: only entries on or after that day (UTC). */
export const auditTrailQuerySchema = z.object({ since: daySchema.optional() }).strict();
export type AuditTrailQuery = z.infer<typeof auditTrailQuerySchema>;

const enc = encodeURIComponent;

/** The audit routes, as the tab builds them. */
export const auditPaths = {
  auditTrail: (id: string, since?: string) => `/api/collaboratives/${enc(id)}/audit${since ? `?since=${enc(since)}` : ''}`,
  auditCsv: (id: string) => `/api/collaboratives/${enc(id)}/audit.csv`,
} as const;
