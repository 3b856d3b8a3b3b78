import { keyPart, scopePartitionKey, randomKey, type EntityKeys } from './key-rules';
import type { PulseScope } from '../../domain/model/pulse';

/**
 * The Submissions table holds four kinds of row for a pulse, in the pulse's partition so
 * that submitting is ONE batch transaction (finish the ledger entry, add the pending
 * response, delete the draft, check the intake is open): a crash can neither lose the
 * answers nor leave the person able to submit twice, and nothing gets in once the close
 * has sealed the intake. The row-key prefix says the kind:
 *   D:<respondent key>  draft (unfinished answers)
 *   L:<respondent key>  ledger entry (progress only)
 *   P:<random>          pending response: no identity, random key, waits for release
 *   G:intake:<shard>    the pulse's intake, in INTAKE_SHARDS rows: open, sealed by the close, or final
 */
export const SUBMISSION_KINDS = { draft: 'D:', ledger: 'L:', pending: 'P:', intake: 'G:' } as const;
export type SubmissionKind = keyof typeof SUBMISSION_KINDS;

export function ledgerKeys(scope: PulseScope, respondentKey: string): EntityKeys {
  return { partitionKey: scopePartitionKey(scope), rowKey: SUBMISSION_KINDS.ledger + keyPart(respondentKey) };
}

export function draftKeys(scope: PulseScope, respondentKey: string): EntityKeys {
  return { partitionKey: scopePartitionKey(scope), rowKey: SUBMISSION_KINDS.draft + keyPart(respondentKey) };
}

/**
 * How many rows the intake is spread over. Every submit rewrites one of them (chosen at
 * random) in its transaction, so people submitting at the same moment seldom touch the same
 * row; the close seals them all.
 */
export const INTAKE_SHARDS = 16;

/** One of the pulse's intake rows. */
export function intakeKeys(scope: PulseScope, shard: number): EntityKeys {
  return { partitionKey: scopePartitionKey(scope), rowKey: `${SUBMISSION_KINDS.intake}intake:${String(shard).padStart(2, '0')}` };
}

/** A new pending row's keys: random, so nothing in the key points back to the person. */
export function newPendingKeys(scope: PulseScope): EntityKeys {
  return { partitionKey: scopePartitionKey(scope), rowKey: SUBMISSION_KINDS.pending + randomKey() };
}

/** Row-key range [from, to) of one kind of row within a pulse's partition. */
export function submissionKindRange(kind: SubmissionKind): { from: string; to: string } {
  const prefix = SUBMISSION_KINDS[kind];
  // The next character after the ':' ends the range: every key of this kind sorts before it.
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) };
}
