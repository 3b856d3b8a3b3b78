import { csvLine } from './csv';
import type { AuditEntry } from './model/audit-entry';

/**
 * The audit trail as CSV, for `rc-pulse audit` and the tab's download: one row per entry,
 * oldest first, every cell through csvLine (so a name someone typed can never run as a
 * formula in a spreadsheet). `details` is the entry's details as compact JSON: ids and
 * counts, never answers.
 */
export const AUDIT_CSV_HEADER = ['at', 'action', 'subject', 'actor_id', 'actor_name', 'details'] as const;

/** The CSV text (header, then one line per entry, each line ending in a line feed, as the other exports). */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [csvLine(AUDIT_CSV_HEADER)];
  for (const e of entries) {
    lines.push(csvLine([e.at, e.action, e.subject ?? '', e.actorId, e.actorName ?? '', e.details ? JSON.stringify(e.details) : '']));
  }
  return `${lines.join('\n')}\n`;
}
