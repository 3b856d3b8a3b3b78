import type { Collaborative } from '../../domain/model/collaborative';
import { type Pulse, pulseMethod, scopeOf } from '../../domain/model/pulse';
import type { ResponseRates } from '../../domain/model/response-rates';
import type { ResultSnapshot } from '../../domain/model/result-snapshot';
import { ConcurrencyError } from '../../storage/storage-errors';
import type { Storage } from '../../storage/storage';
import type { Clock } from '../ports';
import { computeFigures } from './pulse-figures';
import { workgroupNames } from './pulse-lookup';
import { pulseRates, type PulseRatesDeps } from './pulse-rates';

/**
 * Publishing a pulse's final figures, once, at its close (rc-measurement.md section 4: no
 * differencing over time). Only released responses count, and the close has released every
 * one already submitted and sealed the intake first, so what is scored here is all there
 * will ever be. Nothing publishes figures while a pulse is open.
 */

export interface PublishDeps extends PulseRatesDeps {
  responses: Pick<Storage['responses'], 'list'>;
  snapshots: Pick<Storage['snapshots'], 'publish' | 'latest' | 'keepRates' | 'keptRates'>;
  clock: Clock;
}

/** A closed pulse's publication: its figures and the response rates kept beside them. */
export interface FinalPublication {
  snapshot: ResultSnapshot;
  rates: ResponseRates;
}

/** Scores the responses with the pulse's own method and stores them; if another close stored that count first, theirs stands. */
async function publishFigures(deps: PublishDeps, pulse: Pulse, collaborativeK: number, responses: Parameters<typeof computeFigures>[0]): Promise<ResultSnapshot> {
  const names = workgroupNames(await deps.workgroups.list(pulse.collaborativeId));
  const snapshot = {
    ...scopeOf(pulse),
    respondents: responses.length,
    figures: computeFigures(responses, { method: pulseMethod(pulse, collaborativeK), names }),
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
 * The final figures and response rates of a closed pulse, computed once over every released
 * response and stored; a close run again (after a crash) finds them stored and computes
 * nothing twice. Call it only once the intake is sealed and everything waiting is released.
 */
export async function publishFinalResults(deps: PublishDeps, pulse: Pulse, collaborative: Pick<Collaborative, 'k'>): Promise<FinalPublication> {
  const scope = scopeOf(pulse);
  const [responses, latest] = await Promise.all([deps.responses.list(scope), deps.snapshots.latest(scope)]);
  const snapshot = latest && latest.respondents === responses.length ? latest : await publishFigures(deps, pulse, collaborative.k, responses);
  const kept = await deps.snapshots.keptRates(scope, snapshot.respondents);
  if (kept) return { snapshot, rates: kept.rates };
  const rates = await pulseRates(deps, pulse, pulseMethod(pulse, collaborative.k).k, snapshot);
  await deps.snapshots.keepRates({ ...scope, respondents: snapshot.respondents, rates, computedAt: deps.clock().toISOString() });
  return { snapshot, rates };
}

/** What publishing a pulse loaded already closed needs. */
export interface PublishClosedDeps extends PublishDeps {
  pulses: Pick<Storage['pulses'], 'get' | 'modify'>;
  submissions: PublishDeps['submissions'] & Pick<Storage['submissions'], 'advanceIntake'>;
}

/**
 * Publishes the final results of a pulse that is closed already but has none: one written
 * straight into storage as closed, with its responses released (the demo seed). Seals its
 * intake, publishes the figures and rates once, and marks them final as of `at` (the time it
 * closed). Safe to run again; a pulse already final is left as it is.
 */
export async function publishClosedPulse(deps: PublishClosedDeps, pulse: Pulse, collaborative: Pick<Collaborative, 'k'>, at: string): Promise<Pulse> {
  if (pulse.status !== 'closed' || pulse.figuresFinalAt) return pulse;
  const scope = scopeOf(pulse);
  const atClose = { ...deps, clock: () => new Date(at) };
  await deps.submissions.advanceIntake(scope, 'sealed', at);
  await publishFinalResults(atClose, pulse, collaborative);
  await deps.submissions.advanceIntake(scope, 'final', at);
  return (await deps.pulses.modify(pulse.collaborativeId, pulse.id, (p) => (p.figuresFinalAt ? p : { ...p, figuresFinalAt: at }))).value;
}
