import type { TableClient } from '@azure/data-tables';
import { auditEntrySchema, type AuditEntry } from '../domain/model/audit-entry';
import { parseModel } from '../domain/model/parse';
import { entityCodec } from './entity-codec';
import { EntityTable } from './entity-table';
import { auditKeys, auditPartitionKey } from './keys/audit-keys';

/** The audit trail of each collaborative: append only, read newest first. */
export class AuditRepository {
  private readonly table: EntityTable<AuditEntry>;

  constructor(client: TableClient) {
    this.table = new EntityTable(client, entityCodec('audit entry', auditEntrySchema, ['details']));
  }

  /** Appends an entry. Entries are never changed or deleted by the product. */
  async record(entry: AuditEntry): Promise<void> {
    const value = parseModel(auditEntrySchema, entry, 'audit entry');
    await this.table.create(auditKeys(value.collaborativeId, value.at), value);
  }

  /** A collaborative's entries, newest first; at most `limit` of them. */
  async list(collaborativeId: string, limit = 200): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    for await (const page of this.table.pages({ partitionKey: auditPartitionKey(collaborativeId) }, Math.min(limit, 1000))) {
      for (const row of page) {
        entries.push(row.value);
        if (entries.length === limit) return entries;
      }
    }
    return entries;
  }
}
