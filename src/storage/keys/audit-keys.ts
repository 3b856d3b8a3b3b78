import { keyPart, randomKey, type EntityKeys } from './key-rules';

// Milliseconds up to the year 275760; subtracting from it sorts the newest entry first.
const MAX_MS = 8_640_000_000_000_000;

/**
 * The collaborative's partition; row key = inverted time (newest first) plus a random
 * suffix, so two entries in the same millisecond never collide.
 */
export function auditKeys(collaborativeId: string, at: string): EntityKeys {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${at}`);
  return {
    partitionKey: auditPartitionKey(collaborativeId),
    rowKey: `${String(MAX_MS - ms).padStart(16, '0')}-${randomKey().slice(0, 8)}`,
  };
}

/** The partition holding all of one collaborative's audit rows. */
export function auditPartitionKey(collaborativeId: string): string {
  return keyPart(collaborativeId);
}
