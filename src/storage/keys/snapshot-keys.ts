import { scopePartitionKey, type EntityKeys } from './key-rules';
import type { PulseScope } from '../../domain/model/pulse';

const MAX_COUNT = 999_999_999;

/**
 * One row per publication in the pulse's partition. The row key is the respondent count
 * inverted and zero-padded, so the latest publication (the largest count) sorts first and
 * is read with a one-row query, and two instances publishing the same count collide.
 */
export function snapshotKeys(scope: PulseScope, respondents: number): EntityKeys {
  if (!Number.isInteger(respondents) || respondents < 0 || respondents > MAX_COUNT) {
    throw new Error(`respondent count out of range: ${respondents}`);
  }
  return { partitionKey: scopePartitionKey(scope), rowKey: String(MAX_COUNT - respondents).padStart(9, '0') };
}
