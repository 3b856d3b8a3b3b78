import { keyPart, pulsePartitionKey, type EntityKeys, type PulseScope } from './key-rules';

/** One row per recipient per pulse: the pulse's partition, keyed by the recipient's Entra id. */
export function deliveryKeys(scope: PulseScope, aadObjectId: string): EntityKeys {
  return { partitionKey: pulsePartitionKey(scope), rowKey: keyPart(aadObjectId.toLowerCase()) };
}
