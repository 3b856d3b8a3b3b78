import { INVITE_ROUND } from '../../domain/model/delivery';
import { keyPart, scopePartitionKey, type EntityKeys } from './key-rules';
import type { PulseScope } from '../../domain/model/pulse';

/**
 * Sending rows live in the Deliveries table. Invitations are in the pulse's own partition,
 * keyed by the person's Entra object id (so "everyone invited" is one partition read); each
 * reminder round has a partition of its own beside it ('<pulse partition>:remind-day3'),
 * keyed by respondent key. ':' never occurs in an id, so these cannot collide with another
 * pulse's partition.
 */
export function deliveryPartitionKey(scope: PulseScope, round: string = INVITE_ROUND): string {
  const pulse = scopePartitionKey(scope);
  return round === INVITE_ROUND ? pulse : `${pulse}:${keyPart(round)}`;
}

/** An invitation's row: keyed by the person's Entra object id. */
export function deliveryKeys(scope: PulseScope, aadObjectId: string): EntityKeys {
  return { partitionKey: deliveryPartitionKey(scope), rowKey: keyPart(aadObjectId.toLowerCase()) };
}

/** A reminder's row: keyed by the person's respondent key, as the ledger is. */
export function reminderKeys(scope: PulseScope, round: string, respondentKey: string): EntityKeys {
  return { partitionKey: deliveryPartitionKey(scope, round), rowKey: keyPart(respondentKey) };
}
