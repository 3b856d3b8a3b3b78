import { keyPart, type EntityKeys } from './key-rules';

/** A collaborative's organisations share its partition, so listing them is one query. */
export function organisationKeys(collaborativeId: string, organisationId: string): EntityKeys {
  return { partitionKey: organisationPartitionKey(collaborativeId), rowKey: keyPart(organisationId) };
}

/** The partition holding all of one collaborative's organisation rows. */
export function organisationPartitionKey(collaborativeId: string): string {
  return keyPart(collaborativeId);
}
