import { keyPart, type EntityKeys } from './key-rules';

/**
 * Members partitioned by collaborative (a roster is listed and imported in one partition,
 * in batches) and keyed by Entra object id, which every Teams activity carries.
 */
export function memberKeys(collaborativeId: string, aadObjectId: string): EntityKeys {
  return { partitionKey: memberPartitionKey(collaborativeId), rowKey: keyPart(aadObjectId.toLowerCase()) };
}

/** The partition holding all of one collaborative's member rows. */
export function memberPartitionKey(collaborativeId: string): string {
  return keyPart(collaborativeId);
}
