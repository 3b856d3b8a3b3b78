import { responseRatesSchema, type Method, type ResponseRates, type ResultsResponse } from '../../contract/api-contract';
import type { Collaborative } from '../../domain/model/collaborative';
import { effectiveK, type Pulse } from '../../domain/model/pulse';
import type { ResultSnapshot } from '../../domain/model/result-snapshot';
import type { PublishedRatesRepository } from '../../storage/published-rates-repository';
import type { Storage } from '../../storage/storage';
import { finalSnapshot, openPublication, type PublishDeps } from '../pulse/publish-results';
import { scopeOf, workgroupNames } from '../pulse/pulse-lookup';
import { pulseSummary, visiblePulse } from './collaborative-view';
import type { MemoCache } from './memo-cache';
import { readStoredFigures, toApiFigures } from './published-figures';
import { invitedPlacements, finishedByOrganisation } from './rate-inputs';
import { responseRates } from './response-rates';
import type { CollaborativeAccess } from './tab-access';

/**
 * The results of one pulse for the tab: the published figures (suppressed on the server),
 * the method they follow, and response rates. An open pulse shows its latest publication
 * "as of N responses" (the snapshot rule); a closed one its final figures, published once
 * and stored as a snapshot, so every later read is one row.
 */

export interface ResultsDeps extends PublishDeps {
  pulses: Pick<Storage['pulses'], 'find' | 'list'>;
  organisations: Pick<Storage['organisations'], 'list'>;
  deliveries: Pick<Storage['deliveries'], 'list'>;
  members: Pick<Storage['members'], 'listPlacements'>;
  submissions: Pick<Storage['submissions'], 'listLedger'>;
  releasePending: Storage['releasePending'];
  respondentKey: Storage['respondentKey'];
  /** Response rates kept beside a closed pulse's final figures. */
  publishedRates: Pick<PublishedRatesRepository, 'find' | 'save'>;
  /** Computed bodies by collaborative, pulse and status. */
  resultsCache: MemoCache<ResultsResponse>;
}

/** How long a computed body is reused: a closed pulse's figures never change; an open one's move slowly. */
const TTL_MS = { closed: 10 * 60_000, open: 30_000, draft: 30_000 } as const;

/** Method information shown in "About these figures". */
export function methodOf(collaborative: Collaborative, k: number, minItems = collaborative.minItems): Method {
  return { k, minItems, bands: collaborative.bands, instrument: { id: collaborative.instrument.id, name: collaborative.instrument.name } };
}

/** A publication: the snapshot (if any) and the respondent count it stands at. */
interface Publication {
  snapshot?: ResultSnapshot;
  respondents: number;
}

/**
 * The publication of a pulse: for a closed pulse the final snapshot (computed and stored on
 * first read when the close did not, e.g. after a crash), for an open one what the snapshot
 * rule allows. Nothing is published for a pulse nobody has answered.
 */
async function publicationOf(deps: ResultsDeps, pulse: Pulse, collaborative: Collaborative): Promise<Publication> {
  const scope = scopeOf(pulse);
  if (pulse.status === 'draft') return { respondents: 0 };
  if (pulse.status === 'open') return openPublication(deps, pulse, collaborative);
  const [latest, count] = await Promise.all([deps.snapshots.latest(scope), deps.responses.count(scope)]);
  if (count === 0) return { respondents: 0 };
  if (latest && latest.respondents === count) return { snapshot: latest, respondents: count };
  const snapshot = await finalSnapshot(deps, pulse, collaborative);
  return { snapshot, respondents: snapshot.respondents };
}

/**
 * A closed pulse's final snapshot and the rates kept with it, when both are stored: two
 * reads instead of every response and invitation. Rates are kept only after the snapshot
 * was checked against the response count, so finding them proves the snapshot final.
 */
async function storedClosedResults(deps: ResultsDeps, pulse: Pulse, k: number): Promise<{ publication: Publication; rates: ResponseRates } | undefined> {
  const scope = scopeOf(pulse);
  // Normally a no-op: finishes a close that stopped half-way, so its last answers count.
  const { released } = await deps.releasePending(scope, { k, force: true, now: deps.clock() });
  if (released > 0) return undefined;
  const latest = await deps.snapshots.latest(scope);
  if (!latest) return undefined;
  const kept = await deps.publishedRates.find(scope, latest.respondents);
  const rates = kept ? responseRatesSchema.safeParse(kept.rates) : undefined;
  // Rates kept by an older version in another shape are simply worked out again.
  return rates?.success ? { publication: { snapshot: latest, respondents: latest.respondents }, rates: rates.data } : undefined;
}

function noFiguresMessage(pulse: Pulse, respondents: number, k: number): { reason: 'no_responses' | 'too_few'; message: string } {
  if (pulse.status === 'draft') {
    return { reason: 'no_responses', message: `This pulse has not started yet. Figures appear here once it opens and at least ${k} people have answered.` };
  }
  const open = pulse.status === 'open';
  if (respondents === 0) {
    return open
      ? { reason: 'no_responses', message: `Nobody has answered yet. Figures appear here once at least ${k} people have answered.` }
      : { reason: 'no_responses', message: 'Nobody answered this pulse, so there are no figures for it.' };
  }
  return open
    ? { reason: 'too_few', message: `Fewer than ${k} people have answered so far. Figures appear once at least ${k} have, so that nobody's answers can be picked out.` }
    : { reason: 'too_few', message: `Fewer than ${k} people answered this pulse, so its figures are not shown: with so few, someone's answers could be picked out.` };
}

/** What response rates are worked out from: the pulse's invitations, the member list and the ledger. */
async function rateInputs(deps: ResultsDeps, collaborative: Collaborative, pulse: Pulse) {
  const scope = scopeOf(pulse);
  const [workgroups, organisations, deliveries, placements, ledger] = await Promise.all([
    deps.workgroups.list(collaborative.id),
    deps.organisations.list(collaborative.id),
    deps.deliveries.list(scope),
    deps.members.listPlacements(collaborative.id),
    deps.submissions.listLedger(scope),
  ]);
  return { names: workgroupNames(workgroups), organisations, deliveries, placements, ledger };
}

function ratesOf(deps: ResultsDeps, pulse: Pulse, k: number, publication: Publication, input: Awaited<ReturnType<typeof rateInputs>>): ResponseRates {
  const stored = publication.snapshot && publication.respondents > 0 ? readStoredFigures(publication.snapshot) : undefined;
  const invited = invitedPlacements(pulse, input.deliveries, input.placements);
  return responseRates({
    k,
    workgroups: pulse.targetWorkgroupIds.map((id) => ({ id, name: input.names.get(id) ?? id })),
    organisations: input.organisations,
    invited,
    answered: publication.respondents,
    ...(stored ? { answeredByWorkgroup: new Map(stored.workgroups.map((w) => [w.workgroup, w.respondents])) } : {}),
    ...finishedByOrganisation(input.ledger, invited, publication.respondents, (oid) => deps.respondentKey(scopeOf(pulse), oid)),
  });
}

/** The figures and rates of a pulse: stored ones for a closed pulse when kept, else worked out (and kept). */
async function figuresAndRates(deps: ResultsDeps, collaborative: Collaborative, pulse: Pulse, k: number): Promise<{ publication: Publication; rates: ResponseRates }> {
  if (pulse.status === 'closed') {
    const stored = await storedClosedResults(deps, pulse, k);
    if (stored) return stored;
  }
  // Both read many rows and neither needs the other's, so they are read side by side.
  const [publication, inputs] = await Promise.all([publicationOf(deps, pulse, collaborative), rateInputs(deps, collaborative, pulse)]);
  const rates = ratesOf(deps, pulse, k, publication, inputs);
  if (pulse.status === 'closed' && publication.snapshot) {
    await deps.publishedRates.save({ ...scopeOf(pulse), respondents: publication.respondents, rates, computedAt: deps.clock().toISOString() });
  }
  return { publication, rates };
}

async function computeResults(deps: ResultsDeps, collaborative: Collaborative, pulse: Pulse): Promise<ResultsResponse> {
  const k = effectiveK(pulse, collaborative.k);
  const [{ publication, rates }, workgroups] = await Promise.all([figuresAndRates(deps, collaborative, pulse, k), deps.workgroups.list(collaborative.id)]);
  const stored = publication.snapshot && publication.respondents > 0 ? readStoredFigures(publication.snapshot) : undefined;
  const base = { pulse: pulseSummary(pulse), responseRates: rates };
  if (!stored || publication.respondents < k) {
    return { ...base, method: methodOf(collaborative, k), state: 'no_figures', ...noFiguresMessage(pulse, publication.respondents, k) };
  }
  return {
    ...base,
    method: methodOf(collaborative, stored.k, stored.minItems),
    state: 'figures',
    asOfResponses: pulse.status === 'open' ? publication.respondents : null,
    publishedAt: publication.snapshot!.publishedAt,
    figures: toApiFigures(stored, workgroupNames(workgroups)),
  };
}

/**
 * The results body of a pulse the person may see (drafts: facilitators only). Reused for a
 * while per instance; the figures themselves come from the stored snapshot either way.
 */
export async function pulseResultsView(deps: ResultsDeps, access: CollaborativeAccess, pulseId: string): Promise<ResultsResponse> {
  const pulse = await visiblePulse(deps, access, pulseId);
  const key = `${pulse.collaborativeId}/${pulse.id}/${pulse.status}`;
  return deps.resultsCache.getOrCompute(key, TTL_MS[pulse.status], () => computeResults(deps, access.collaborative, pulse));
}
