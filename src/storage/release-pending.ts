import { randomInt } from 'node:crypto';
import { dayOf } from '../domain/model/primitives';
import type { StoredRow } from './entity-table';
import type { PendingResponse } from './pending-response';
import type { ResponseRepository } from './response-repository';
import { ConcurrencyError } from './storage-errors';
import type { SubmissionRepository } from './submission-repository';
import type { PulseScope } from '../domain/model/pulse';

export interface ReleaseOptions {
  /** Minimum group size: unclaimed responses are released only when at least k wait. */
  k: number;
  /** Release everything waiting, however few (when the pulse closes). */
  force?: boolean;
  /** The instant of release (its UTC day is stored on each response); default: now. */
  now?: Date;
}

export interface ReleaseResult {
  /**
   * Responses this call wrote into the Responses table. Two calls racing may both finish the
   * same claimed rows (harmless: same keys), so their counts can overlap.
   */
  released: number;
  /** Responses still waiting (fewer than k, unless forced). */
  waiting: number;
  /**
   * Responses deleted uncounted because the pulse's figures were already final (only a
   * submit from an older version, without the intake check, could have put them there).
   */
  discarded?: number;
}

/** Fisher-Yates with a crypto-random source: the written order says nothing about arrival. */
export function shuffle<T>(items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const ATTEMPTS = 3;

/**
 * Moves a pulse's pending responses into the Responses table (rc-measurement.md section 4):
 * only once at least k are waiting (or all of them when `force`, at close), shuffled, in
 * batches that each hold many responses, under crypto-random row keys; then deletes them
 * from the pending area.
 *
 * Crash safety: release is CLAIMED with ETags. Step 1 gives each waiting row a fresh random
 * response key (`releasedAs`), written only if the row is unchanged since it was read. Step 2
 * upserts the responses under those keys. Step 3 deletes the pending rows. A claimed key
 * never changes, so a crash after any step is finished by the next call (every call first
 * completes rows already claimed, whatever their number): step 2 again writes the same rows
 * (no double count) and step 3 removes what is left (nothing lost). Two instances releasing
 * at once: one wins each claim, the other gets a ConcurrencyError, re-reads and only
 * finishes. We chose a claim over keys derived from the pending row (e.g. an HMAC of it) so
 * that a released row's key is truly random and nothing, even with the server secret, maps
 * it back to the pending row and so to the time it was submitted.
 *
 * The day: a released response keeps the day of its RELEASE (UTC), not the day it was
 * submitted. The ledger row's own Timestamp shows when each person finished, so a submission
 * day could link a response to a person (if only one response has that day, it is theirs).
 * Every response released together shares the release day, so the day says nothing about
 * who answered. The day is fixed when the rows are claimed, so a release finished after a
 * crash, even on a later day, still writes the day of its claim.
 *
 * Once a pulse's figures are final (its intake is 'final', see submission-intake.ts) nothing
 * more is released: figures are published once, so an answer found waiting then is deleted,
 * not counted. The close's own release runs after it sealed the intake and before it computes
 * the figures, so every answer a submit committed before the seal is counted.
 */
export async function releasePending(
  deps: { submissions: SubmissionRepository; responses: ResponseRepository },
  scope: PulseScope,
  options: ReleaseOptions,
): Promise<ReleaseResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await releaseOnce(deps, scope, options);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt === ATTEMPTS) throw error;
    }
  }
}

async function releaseOnce(
  { submissions, responses }: { submissions: SubmissionRepository; responses: ResponseRepository },
  scope: PulseScope,
  { k, force = false, now }: ReleaseOptions,
): Promise<ReleaseResult> {
  const releaseDay = dayOf(now ?? new Date());
  const [rows, intake] = await Promise.all([submissions.listPending(scope), submissions.intakeState(scope)]);
  if (intake === 'final') {
    if (rows.length > 0) await submissions.deletePending(scope, rows.map((r) => r.keys.rowKey));
    return { released: 0, waiting: 0, discarded: rows.length };
  }
  let claimed: StoredRow<PendingResponse>[] = rows.filter((r) => r.value.releasedAs !== undefined);
  const unclaimed = rows.filter((r) => r.value.releasedAs === undefined);
  if (unclaimed.length > 0 && (unclaimed.length >= k || force)) {
    claimed = claimed.concat(await submissions.claimPending(shuffle(unclaimed), releaseDay));
  }
  const waiting = rows.length - claimed.length;
  if (claimed.length === 0) return { released: 0, waiting };
  await responses.writeReleased(
    shuffle(claimed).map(({ value: { releasedAs, releasedOn, ...response } }) => ({
      releasedAs: releasedAs!,
      // The submission day is dropped here: the stored day is the day of the release.
      response: { ...response, day: releasedOn ?? releaseDay },
    })),
  );
  await submissions.deletePending(
    scope,
    claimed.map((r) => r.keys.rowKey),
  );
  return { released: claimed.length, waiting };
}
