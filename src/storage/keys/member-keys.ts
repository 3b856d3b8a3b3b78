import { createHash } from 'node:crypto';
import { keyPart, type EntityKeys } from './key-rules';

/**
 * Members partitioned by collaborative (a roster is listed and imported in one partition,
 * in batches) and keyed by the member's own id. Not by Entra object id: a roster file names
 * people long before Teams tells us their object id, and the key must not change then.
 */
export function memberKeys(collaborativeId: string, memberId: string): EntityKeys {
  return { partitionKey: memberPartitionKey(collaborativeId), rowKey: keyPart(memberId) };
}

/** The partition holding all of one collaborative's member rows. */
export function memberPartitionKey(collaborativeId: string): string {
  return keyPart(collaborativeId);
}

/**
 * The id a new member gets from the identity they were first known by (a lower-case e-mail
 * or UPN, or 'aad:' + Entra object id). Derived rather than random so that two imports of
 * the same roster running at once create the same row (one of them then finds it and
 * updates it) instead of two rows for one person. It is fixed once stored: a member later
 * found by another identity keeps it.
 */
export function memberIdFor(collaborativeId: string, identity: string): string {
  const digest = createHash('sha256').update(`${collaborativeId}\n${identity.trim().toLowerCase()}`).digest('hex');
  return `m-${digest.slice(0, 32)}`;
}
