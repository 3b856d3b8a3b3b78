import { odata, type TableClient } from '@azure/data-tables';
import { responseSchema, type Response } from '../domain/model/response';
import { entityCodec } from './entity-codec';
import { EntityTable, PAGE_SIZE } from './entity-table';
import { scopePartitionKey } from './keys/key-rules';
import { responseKeys } from './keys/response-keys';
import { toStorageError } from './storage-errors';
import type { PulseScope } from '../domain/model/pulse';

/** A response on its way out of the pending area, with the row key its release gave it. */
export interface ReleasedResponse {
  releasedAs: string;
  response: Response;
}

/**
 * Released responses: what scoring reads. Real answers get here only through releasePending
 * (release-pending.ts); the only other writer is the demo seed (src/app/demo/seed-demo.ts),
 * whose invented responses count as released.
 */
export class ResponseRepository {
  private readonly table: EntityTable<Response>;

  constructor(client: TableClient) {
    this.table = new EntityTable(client, entityCodec('response', responseSchema, ['ratings']));
  }

  /**
   * Writes released responses in batch transactions, in the order given (the caller has
   * shuffled them). Upserts: writing the same release twice leaves one row per response.
   */
  async writeReleased(rows: readonly ReleasedResponse[]): Promise<void> {
    await this.table.upsertMany(rows.map((r) => ({ keys: responseKeys(r.response, r.releasedAs), value: r.response })));
  }

  /** The row keys of a pulse's released responses (keys only: no answers are read). */
  async listRowKeys(scope: PulseScope): Promise<string[]> {
    const keys: string[] = [];
    const iterator = this.table.client
      .listEntities({ queryOptions: { filter: odata`PartitionKey eq ${scopePartitionKey(scope)}`, select: ['RowKey'] } })
      .byPage({ maxPageSize: PAGE_SIZE });
    try {
      for await (const page of iterator) for (const row of page) keys.push(row.rowKey!);
    } catch (error) {
      throw toStorageError(error, `list response keys of ${scopePartitionKey(scope)}`);
    }
    return keys;
  }

  /** Every released response of a pulse, read a page of 1,000 at a time. */
  async list(scope: PulseScope): Promise<Response[]> {
    return (await this.table.list({ partitionKey: scopePartitionKey(scope) })).map((row) => row.value);
  }

  /**
   * Deletes a pulse's released responses given as one workgroup (a transition check's family
   * answers, when its retention period ends). Rows already gone are fine. How many were deleted.
   */
  async deleteByWorkgroup(scope: PulseScope, workgroupId: string): Promise<number> {
    const rows = await this.table.list({ partitionKey: scopePartitionKey(scope), filter: odata`respondentWorkgroupId eq ${workgroupId}` });
    for (const row of rows) await this.table.delete(row.keys);
    return rows.length;
  }

  /** How many responses of a pulse are released (and so counted). */
  count(scope: PulseScope): Promise<number> {
    return this.table.count({ partitionKey: scopePartitionKey(scope) });
  }
}
