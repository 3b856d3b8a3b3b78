import { INVITE_ROUND } from '../../domain/model/delivery';
import { keyPart, scopePartitionKey, type EntityKeys } from './key-rules';
import type { PulseScope } from '../../domain/model/pulse';

/**
 * Sending rows live in the Deliveries table. Invitations are in the pulse's own partition,
 * keyed by the person's Entra object id (so "everyone invited" is one partition read); each
 * reminder round has a partition of its own beside it ('<pulse partition>:remind-day3'),
 * keyed by respondent key. ':' never occurs in an id, so these cannot collide with another
 * pulse's partition. A subject's rounds (domain/model/delivery.ts) are partitions of the same
 * shape ('<collaborative>:intervention~iv-3f2a:due-2026-03-20'), keyed by Entra object id;
 * '~' never occurs in a pulse id, so they cannot collide with a pulse's either.
 */
export function deliveryPartitionKey(scope: PulseScope, round: string = INVITE_ROUND): string {
  const pulse = scopePartitionKey(scope);
  return round === INVITE_ROUND ? pulse : `${pulse}:${keyPart(round)}`;
}

/** An invitation's row (or, in another round, a subject's): keyed by the person's Entra object id. */
export function deliveryKeys(scope: PulseScope, aadObjectId: string, round: string = INVITE_ROUND): EntityKeys {
  return { partitionKey: deliveryPartitionKey(scope, round), rowKey: keyPart(aadObjectId.toLowerCase()) };
}

/** A reminder's row: keyed by the person's respondent key, as the ledger is. */
export function reminderKeys(scope: PulseScope, round: string, respondentKey: string): EntityKeys {
  return { partitionKey: deliveryPartitionKey(scope, round), rowKey: keyPart(respondentKey) };
}
