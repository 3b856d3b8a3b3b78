import { keyPart, type EntityKeys } from './key-rules';

/** A collaborative's workgroups share its partition, so listing them is one query. */
export function workgroupKeys(collaborativeId: string, workgroupId: string): EntityKeys {
  return { partitionKey: workgroupPartitionKey(collaborativeId), rowKey: keyPart(workgroupId) };
}

/** The partition holding all of one collaborative's workgroup rows. */
export function workgroupPartitionKey(collaborativeId: string): string {
  return keyPart(collaborativeId);
}
