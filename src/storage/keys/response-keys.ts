import { keyPart, scopePartitionKey, type EntityKeys } from './key-rules';
import type { PulseScope } from '../../domain/model/pulse';

/**
 * Released responses: the pulse's partition, and a row key that is crypto random and chosen
 * at release (never derived from the person, the pending row or the time), so neither the
 * key nor the row order says anything about who answered or when.
 */
export function responseKeys(scope: PulseScope, releasedAs: string): EntityKeys {
  if (!/^[0-9a-f]{32}$/.test(releasedAs)) throw new Error('a response row key is 32 random hex digits');
  return { partitionKey: scopePartitionKey(scope), rowKey: keyPart(releasedAs) };
}
