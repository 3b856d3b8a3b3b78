import { odata, type TableClient } from '@azure/data-tables';
import { toStorageError } from './storage-errors';
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

  /**
   * Appends an entry. Entries are never changed or deleted by the product, with one
   * exception: when a person is forgotten, `redact` blanks them out of the entries that
   * name them, so the trail keeps what happened but no longer who it happened to.
   */
  async record(entry: AuditEntry): Promise<void> {
    const value = parseModel(auditEntrySchema, entry, 'audit entry');
    await this.table.create(auditKeys(value.collaborativeId, value.at), value);
  }

  /** A collaborative's entries, newest first; at most `limit` of them, none before `since` (an instant) when given. */
  async list(collaborativeId: string, limit = 200, since?: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    for await (const page of this.table.pages({ partitionKey: auditPartitionKey(collaborativeId) }, Math.min(limit, 1000))) {
      for (const row of page) {
        if (since !== undefined && row.value.at < since) return entries;
        entries.push(row.value);
        if (entries.length === limit) return entries;
      }
    }
    return entries;
  }

  /**
   * Replaces every mention of any of `identifiers` (ids, sign-in names, a display name; any
   * case) in a collaborative's entries with `replacement`, keeping each entry's place and
   * time. Each row is rewritten with the ETag it was read with. How many entries changed.
   */
  async redact(collaborativeId: string, identifiers: readonly string[], replacement: string): Promise<number> {
    const needles = identifiers.filter((i) => i.trim().length >= 3);
    if (needles.length === 0) return 0;
    // Each identifier as it is, and as it appears inside the JSON of `details`.
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const forms = [...new Set(needles.flatMap((n) => [n, JSON.stringify(n).slice(1, -1)]))];
    const pattern = forms.map(escape).join('|');
    const client = this.table.client;
    let changed = 0;
    try {
      const filter = odata`PartitionKey eq ${auditPartitionKey(collaborativeId)}`;
      for await (const row of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        const next: Record<string, unknown> = { partitionKey: row.partitionKey, rowKey: row.rowKey };
        let touched = false;
        for (const [name, value] of Object.entries(row)) {
          if (['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(name) || name.startsWith('odata')) continue;
          const hit = typeof value === 'string' && new RegExp(pattern, 'i').test(value);
          next[name] = hit ? value.replace(new RegExp(pattern, 'gi'), replacement) : value;
          touched ||= hit;
        }
        if (!touched) continue;
        await client.updateEntity(next as { partitionKey: string; rowKey: string }, 'Replace', { etag: row.etag });
        changed++;
      }
    } catch (error) {
      throw toStorageError(error, `redact audit entries of ${collaborativeId}`);
    }
    return changed;
  }
}
