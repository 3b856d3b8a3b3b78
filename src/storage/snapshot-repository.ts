import type { TableClient } from '@azure/data-tables';
import { IllegalStateError } from '../domain/errors';
import { resultSnapshotSchema, type ResultSnapshot } from '../domain/model/result-snapshot';
import { pulsePartitionKey, type PulseScope } from './keys/key-rules';
import { snapshotKeys } from './keys/snapshot-keys';
import { ModelRepository } from './model-repository';

/**
 * Published figures of open pulses. A snapshot is never changed: a newer one is added,
 * keyed by its respondent count. Whether to publish is decided by the anonymity rules
 * (src/domain/anonymity.ts, shouldPublishSnapshot) before calling publish.
 */
export class SnapshotRepository extends ModelRepository<typeof resultSnapshotSchema> {
  constructor(client: TableClient) {
    super(client, {
      what: 'result snapshot',
      schema: resultSnapshotSchema,
      keysOf: (s) => snapshotKeys(s, s.respondents),
      json: ['figures'],
    });
  }

  /** A publication is never changed: a newer one is added instead. */
  protected override checkChange(): void {
    throw new IllegalStateError('Published results cannot be changed.', 'refused update of a result snapshot');
  }

  /**
   * Adds a publication. If another instance already published at the same respondent count,
   * fails with ConcurrencyError('already_exists') and the stored one stands.
   */
  async publish(snapshot: ResultSnapshot): Promise<void> {
    await this.create(snapshot);
  }

  /** The latest publication of a pulse (the largest respondent count), or undefined. */
  async latest(scope: PulseScope): Promise<ResultSnapshot | undefined> {
    // Row keys are inverted counts, so the first row is the latest: a one-row page.
    for await (const page of this.table.pages({ partitionKey: pulsePartitionKey(scope) }, 1)) {
      return page[0]?.value;
    }
    return undefined;
  }

  /** Every publication of a pulse, latest first. */
  list(scope: PulseScope): Promise<ResultSnapshot[]> {
    return this.listWhere({ partitionKey: pulsePartitionKey(scope) });
  }
}
