import type { TableClient } from '@azure/data-tables';
import { IllegalStateError } from '../domain/errors';
import { resultSnapshotSchema, type ResultSnapshotInput, type ResultSnapshot } from '../domain/model/result-snapshot';
import { scopePartitionKey } from './keys/key-rules';
import { snapshotKeys } from './keys/snapshot-keys';
import { ModelRepository } from './model-repository';
import { PublishedRatesRepository, type PublishedRates } from './published-rates-repository';
import type { PulseScope } from '../domain/model/pulse';

/**
 * Published results: a pulse's figures (a snapshot, keyed by its respondent count) and the
 * response rates kept beside them. The close publishes a survey pulse's figures once; a
 * snapshot is never changed. Pulses that were open under an earlier version may also have
 * the interim snapshots it published; the final one is always the latest.
 */
export class SnapshotRepository extends ModelRepository<typeof resultSnapshotSchema> {
  private readonly rates: PublishedRatesRepository;

  constructor(client: TableClient) {
    super(client, {
      what: 'result snapshot',
      schema: resultSnapshotSchema,
      keysOf: (s) => snapshotKeys(s, s.respondents),
      json: ['figures'],
    });
    this.rates = new PublishedRatesRepository(client);
  }

  /** A publication is never changed: a newer one is added instead. */
  protected override checkChange(): void {
    throw new IllegalStateError('Published results cannot be changed.', 'refused update of a result snapshot');
  }

  /**
   * Adds a publication. If another instance already published at the same respondent count,
   * fails with ConcurrencyError('already_exists') and the stored one stands.
   */
  async publish(snapshot: ResultSnapshotInput): Promise<void> {
    await this.create(snapshot);
  }

  /** The latest publication of a pulse (the largest respondent count), or undefined. */
  async latest(scope: PulseScope): Promise<ResultSnapshot | undefined> {
    // Row keys are inverted counts, so the first row is the latest: a one-row page.
    for await (const page of this.table.pages({ partitionKey: scopePartitionKey(scope) }, 1)) {
      return page[0]?.value;
    }
    return undefined;
  }

  /** Every publication of a pulse, latest first. */
  list(scope: PulseScope): Promise<ResultSnapshot[]> {
    return this.listWhere({ partitionKey: scopePartitionKey(scope) });
  }

  /** Keeps the response rates published with the snapshot of `rates.respondents` responses. */
  keepRates(rates: PublishedRates): Promise<void> {
    return this.rates.save(rates);
  }

  /** The response rates kept with the snapshot of `respondents` responses, if any. */
  keptRates(scope: PulseScope, respondents: number): Promise<PublishedRates | undefined> {
    return this.rates.find(scope, respondents);
  }
}
