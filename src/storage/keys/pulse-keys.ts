import { keyPart, type EntityKeys } from './key-rules';

/** A collaborative's pulses share its partition; a pulse is found by collaborative and pulse id. */
export function pulseKeys(collaborativeId: string, pulseId: string): EntityKeys {
  return { partitionKey: pulsePartitionKey(collaborativeId), rowKey: keyPart(pulseId) };
}

/** The partition holding all of one collaborative's pulse rows. */
export function pulsePartitionKey(collaborativeId: string): string {
  return keyPart(collaborativeId);
}
