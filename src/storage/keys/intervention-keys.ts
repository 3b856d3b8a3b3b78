import { keyPart, type EntityKeys } from './key-rules';

/**
 * The Interventions table keeps each collaborative in one partition, with two kinds of row
 * told apart by the row key (':' never occurs in an id, so the parts cannot run together):
 *   I:<intervention id>            the intervention, everything but its update log
 *   U:<intervention id>:<000042>   entry 42 of its log (counted from 0): created once, never
 *                                  replaced or deleted
 * A log entry is numbered by its place in the log rather than by its time, so the order read
 * back is the order entries were added whatever the clocks of the instances said, and two
 * people adding the 43rd entry at once race for the same row: only one create can succeed.
 * All I rows sort before all U rows, so one read of the partition meets every intervention
 * before any of its entries (see InterventionRepository.list).
 */

const SEQ_DIGITS = 6;

/** The partition holding all of one collaborative's interventions and their logs. */
export function interventionPartitionKey(collaborativeId: string): string {
  return keyPart(collaborativeId);
}

/** The intervention's own row. */
export function interventionKeys(collaborativeId: string, interventionId: string): EntityKeys {
  return { partitionKey: interventionPartitionKey(collaborativeId), rowKey: `I:${keyPart(interventionId)}` };
}

/** The row of entry `seq` (0-based) of an intervention's log. */
export function interventionUpdateKeys(collaborativeId: string, interventionId: string, seq: number): EntityKeys {
  if (!Number.isInteger(seq) || seq < 0 || seq >= 10 ** SEQ_DIGITS) throw new Error(`not a log position: ${seq}`);
  return {
    partitionKey: interventionPartitionKey(collaborativeId),
    rowKey: `U:${keyPart(interventionId)}:${String(seq).padStart(SEQ_DIGITS, '0')}`,
  };
}

/** The row-key range [from, to) of an intervention's first `count` log entries. */
export function interventionUpdateRange(collaborativeId: string, interventionId: string, count: number): { partitionKey: string; rowKeyFrom: string; rowKeyTo: string } {
  return {
    partitionKey: interventionPartitionKey(collaborativeId),
    rowKeyFrom: interventionUpdateKeys(collaborativeId, interventionId, 0).rowKey,
    rowKeyTo: interventionUpdateKeys(collaborativeId, interventionId, count).rowKey,
  };
}

/** What a row key says: an intervention's row, or one entry of its log. */
export type InterventionRowKey = { kind: 'intervention'; interventionId: string } | { kind: 'update'; interventionId: string; seq: number };

/** Reads a row key of the table back; undefined for a key this layout never writes. */
export function parseInterventionRowKey(rowKey: string): InterventionRowKey | undefined {
  const row = /^I:([^:]+)$/.exec(rowKey);
  if (row) return { kind: 'intervention', interventionId: row[1]! };
  const update = /^U:([^:]+):(\d{6})$/.exec(rowKey);
  if (update) return { kind: 'update', interventionId: update[1]!, seq: Number(update[2]) };
  return undefined;
}
