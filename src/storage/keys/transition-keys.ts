import { keyPart, type EntityKeys } from './key-rules';

/**
 * The Transitions table keeps each collaborative's checks in one partition, one row per check,
 * keyed by the check's id (the same id as its pulse, so the pulse-scoped tables find it too).
 */

/** The partition holding all of one collaborative's transition checks. */
export function transitionPartitionKey(collaborativeId: string): string {
  return keyPart(collaborativeId);
}

/** One check's row. */
export function transitionKeys(collaborativeId: string, checkId: string): EntityKeys {
  return { partitionKey: transitionPartitionKey(collaborativeId), rowKey: keyPart(checkId) };
}
