import { shouldPublishSnapshot } from '../../domain/anonymity';
import type { Collaborative } from '../../domain/model/collaborative';
import { effectiveK, type Pulse } from '../../domain/model/pulse';
import type { Response } from '../../domain/model/response';
import type { ResultSnapshot } from '../../domain/model/result-snapshot';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import type { Clock, WorkgroupDirectory } from '../ports';
import { computeFigures } from './pulse-figures';
import { scopeOf, workgroupNames } from './pulse-lookup';

/**
 * Publishing a pulse's figures as snapshots. Only released responses count (pending ones
 * wait, without identity, until at least k are there or the pulse closes).
 */

export interface PublishDeps {
  responses: Pick<Storage['responses'], 'list' | 'count'>;
  snapshots: Pick<Storage['snapshots'], 'publish' | 'latest'>;
  workgroups: WorkgroupDirectory;
  clock: Clock;
}

/** Scores the responses and publishes them; if another instance published that count first, theirs stands. */
async function publish(deps: PublishDeps, pulse: Pulse, collaborative: Collaborative, responses: readonly Response[]): Promise<ResultSnapshot> {
  const names = workgroupNames(await deps.workgroups.list(pulse.collaborativeId));
  const snapshot: ResultSnapshot = {
    ...scopeOf(pulse),
    respondents: responses.length,
    // Spread: a plain object of the report's fields, as the snapshot's figures record holds.
    figures: { ...computeFigures(responses, { k: effectiveK(pulse, collaborative.k), collaborative, names }) },
    publishedAt: deps.clock().toISOString(),
  };
  try {
    await deps.snapshots.publish(snapshot);
    return snapshot;
  } catch (error) {
    // Same count means the same released responses (they only ever grow), so the same figures.
    if (!(error instanceof ConcurrencyError && error.code === 'already_exists')) throw error;
    return (await deps.snapshots.latest(scopeOf(pulse))) ?? snapshot;
  }
}

/**
 * The final figures of a closed pulse: the latest publication when it already covers every
 * response, otherwise a new one over all of them. Safe to call again after a crash at close.
 */
export async function finalSnapshot(deps: PublishDeps, pulse: Pulse, collaborative: Collaborative): Promise<ResultSnapshot> {
  const scope = scopeOf(pulse);
  const [responses, latest] = await Promise.all([deps.responses.list(scope), deps.snapshots.latest(scope)]);
  if (latest && latest.respondents === responses.length) return latest;
  return publish(deps, pulse, collaborative, responses);
}

/** An open pulse's publication and the count it stands at (no publication: the live count, below k). */
export interface OpenPublication {
  snapshot?: ResultSnapshot;
  respondents: number;
}

/**
 * The snapshot rule for an open pulse (rc-measurement.md section 4): figures are published
 * again only when the released responses have grown by at least k since the last
 * publication (first at k); otherwise the previous publication stands, "as of N responses".
 */
export async function openPublication(deps: PublishDeps, pulse: Pulse, collaborative: Collaborative): Promise<OpenPublication> {
  const scope = scopeOf(pulse);
  const k = effectiveK(pulse, collaborative.k);
  const [count, latest] = await Promise.all([deps.responses.count(scope), deps.snapshots.latest(scope)]);
  const previous = latest?.respondents ?? null;
  if (!shouldPublishSnapshot(count, previous, k)) return latest ? { snapshot: latest, respondents: latest.respondents } : { respondents: count };
  // Responses only ever grow, so what is read now (perhaps more) still passes the rule.
  const responses = await deps.responses.list(scope);
  const snapshot = await publish(deps, pulse, collaborative, responses);
  return { snapshot, respondents: snapshot.respondents };
}
