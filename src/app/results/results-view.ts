import { belowK } from '../../domain/anonymity';
import { shownFigures, type PublishedFigures } from '../../domain/figures';
import { figuresFinal, type Pulse, pulseMethod, type PulseMethod, scopeOf } from '../../domain/model/pulse';
import type { ResponseRates } from '../../domain/model/response-rates';
import type { Storage } from '../../storage/storage';
import type { WorkgroupDirectory } from '../ports';
import { invitedCount, type PulseRatesDeps } from '../pulse/pulse-rates';
import { workgroupNames } from '../pulse/pulse-lookup';
import { visiblePulse } from './collaborative-view';
import type { MemoCache } from './memo-cache';
import type { CollaborativeAccess } from './collaborative-access';

/**
 * The results of one pulse for the tab, read from what the close stored: a survey pulse's
 * figures are published once, when it closes, and never change (rc-measurement.md
 * section 4). A read never writes: releasing answers and publishing figures belong to the
 * close, so a GET can be cached, retried and load-tested.
 */

export interface ResultsDeps {
  pulses: Pick<Storage['pulses'], 'find'>;
  snapshots: Pick<Storage['snapshots'], 'latest' | 'keptRates'>;
  responses: Pick<Storage['responses'], 'count'>;
  submissions: Pick<Storage['submissions'], 'countFinished'>;
  deliveries: Pick<Storage['deliveries'], 'countByStatus'>;
  members: PulseRatesDeps['members'];
  workgroups: WorkgroupDirectory;
  /** Views by collaborative, pulse and state. */
  resultsCache: MemoCache<PulseResultsView>;
}

/** Published figures with the name of every workgroup they mention. */
export interface NamedFigures {
  /** The figures as published, every suppressed one emptied again on the way out. */
  report: PublishedFigures;
  /** The name at publication, else today's, else the id. */
  nameOf(id: string): string;
}

/** A pulse's results as the tab shows them (the HTTP edge turns this into the API's body). */
export type PulseResultsView =
  /** Not closed yet (or a draft): progress only; `answered` is null below k. */
  | { state: 'open'; pulse: Pulse; method: PulseMethod; progress: { invited: number; answered: number | null } }
  /** Closed, and the close has not finished storing the figures. */
  | { state: 'preparing'; pulse: Pulse; method: PulseMethod }
  /** Closed with nobody, or fewer than k, answering. */
  | { state: 'no_figures'; pulse: Pulse; method: PulseMethod; reason: 'no_responses' | 'too_few'; respondents: number; rates: ResponseRates }
  /** Closed, with its final figures. */
  | { state: 'figures'; pulse: Pulse; method: PulseMethod; publishedAt: string; figures: NamedFigures; rates: ResponseRates };

export type FiguresView = Extract<PulseResultsView, { state: 'figures' }>;

/** How long a view is reused: final figures never change; progress moves; a close being finished shows soon. */
const TTL_MS = { final: 10 * 60_000, progress: 30_000, preparing: 5_000 } as const;

/**
 * An open pulse's progress: people invited, and people who have answered so far (the
 * ledger, or the released responses of a pulse loaded without one; never the pending area
 * by workgroup), hidden below k.
 */
async function progressOf(deps: ResultsDeps, pulse: Pulse, k: number): Promise<{ invited: number; answered: number | null }> {
  if (pulse.status === 'draft') return { invited: 0, answered: null };
  const scope = scopeOf(pulse);
  const [invited, finished, released] = await Promise.all([invitedCount(deps, pulse), deps.submissions.countFinished(scope), deps.responses.count(scope)]);
  const answered = Math.max(finished, released);
  return { invited, answered: belowK(answered, k) ? null : answered };
}

/** A closed pulse's stored publication: its figures and rates, or "being prepared" until the close has stored both. */
async function finalResultsOf(deps: ResultsDeps, pulse: Pulse, method: PulseMethod): Promise<PulseResultsView> {
  const scope = scopeOf(pulse);
  const snapshot = figuresFinal(pulse) ? await deps.snapshots.latest(scope) : undefined;
  const kept = snapshot ? await deps.snapshots.keptRates(scope, snapshot.respondents) : undefined;
  if (!snapshot || !kept) return { state: 'preparing', pulse, method };
  const base = { pulse, rates: kept.rates };
  if (snapshot.respondents < method.k) {
    return { ...base, state: 'no_figures', method, reason: snapshot.respondents === 0 ? 'no_responses' : 'too_few', respondents: snapshot.respondents };
  }
  const report = shownFigures(snapshot.figures);
  const names = workgroupNames(await deps.workgroups.list(pulse.collaborativeId));
  return {
    ...base,
    state: 'figures',
    // The figures say how they were made; for a pulse closed with this version that is the pulse's own method.
    method: { ...method, k: report.k, minItems: report.minItems },
    publishedAt: snapshot.publishedAt,
    figures: { report, nameOf: (id) => report.workgroupNames[id] ?? names.get(id) ?? id },
  };
}

async function computeResults(deps: ResultsDeps, access: CollaborativeAccess, pulse: Pulse): Promise<PulseResultsView> {
  const method = pulseMethod(pulse, access.collaborative.k);
  if (pulse.status !== 'closed') return { state: 'open', pulse, method, progress: await progressOf(deps, pulse, method.k) };
  return finalResultsOf(deps, pulse, method);
}

/**
 * The results of a pulse the person may see (drafts: facilitators only). Reused for a while
 * per instance; whichever instance answers reads the same stored rows.
 */
export async function pulseResultsView(deps: ResultsDeps, access: CollaborativeAccess, pulseId: string): Promise<PulseResultsView> {
  const pulse = await visiblePulse(deps, access, pulseId);
  const key = `${pulse.collaborativeId}/${pulse.id}/${pulse.status}/${pulse.figuresFinalAt ?? ''}`;
  const ttl = pulse.status !== 'closed' ? TTL_MS.progress : figuresFinal(pulse) ? TTL_MS.final : TTL_MS.preparing;
  return deps.resultsCache.getOrCompute(key, ttl, () => computeResults(deps, access, pulse));
}
