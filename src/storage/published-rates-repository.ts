import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { idSchema, instantSchema } from '../domain/model/primitives';
import { responseRatesSchema } from '../domain/model/response-rates';
import { entityCodec } from './entity-codec';
import { EntityTable } from './entity-table';
import { scopePartitionKey, type EntityKeys } from './keys/key-rules';
import type { PulseScope } from '../domain/model/pulse';

/**
 * The response rates published beside a closed pulse's final figures (already hidden below
 * k), worked out once by the close from the invitations, the member list and the ledger, so
 * a read is one row rather than every invitation again.
 *
 * Kept in the snapshots table (published results) under a partition of their own,
 * '<collaborative>:<pulse>:rates': ':' never occurs in an id, so it cannot meet a pulse's
 * own partition, and the snapshot repository never reads it.
 */

export const publishedRatesSchema = z.object({
  collaborativeId: idSchema,
  pulseId: idSchema,
  /** The respondent count of the snapshot these rates go with. */
  respondents: z.int().min(0).max(10_000_000),
  /** The rates as published (rows written by earlier versions have the same shape). */
  rates: responseRatesSchema,
  computedAt: instantSchema,
});
export type PublishedRates = z.infer<typeof publishedRatesSchema>;

function keysOf(scope: PulseScope, respondents: number): EntityKeys {
  return { partitionKey: `${scopePartitionKey(scope)}:rates`, rowKey: String(respondents).padStart(9, '0') };
}

export class PublishedRatesRepository {
  private readonly table: EntityTable<PublishedRates>;

  constructor(client: TableClient) {
    this.table = new EntityTable(client, entityCodec('published response rates', publishedRatesSchema, ['rates']));
  }

  /** The rates kept for the snapshot with `respondents` responses, if any. */
  async find(scope: PulseScope, respondents: number): Promise<PublishedRates | undefined> {
    return (await this.table.find(keysOf(scope, respondents)))?.value;
  }

  /** Keeps rates; the close works them out from the same inputs each time, so writing twice is harmless. */
  async save(rates: PublishedRates): Promise<void> {
    const value = publishedRatesSchema.parse(rates);
    await this.table.upsert(keysOf(value, value.respondents), value);
  }
}
