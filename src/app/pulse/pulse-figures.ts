import { pickTies, type ResultsView } from '../../cards/results-card';
import { shownFigures, type PublishedFigures } from '../../domain/figures';
import { DIMENSIONS } from '../../domain/instrument';
import type { Pulse, PulseMethod } from '../../domain/model/pulse';
import type { Response } from '../../domain/model/response';
import type { ResultSnapshot } from '../../domain/model/result-snapshot';
import { RatingMatrixBuilder, type RatingMatrix } from '../../domain/ratings';
import { score } from '../../domain/scoring';

/**
 * From stored responses to published figures and back: the scoring of the measurement
 * contract over a pulse's responses, the shape figures are published in, and the view the
 * results card shows. Ties are scored between workgroup ids (names can change); the names
 * at publication are kept beside the figures so past results still read as they did.
 */

/**
 * Stored responses as a rating matrix. Responses carry no identity, so each gets a made-up
 * respondent id by position; a target's "not applicable" is no answer, as the contract says.
 */
export function responsesToMatrix(responses: readonly Response[]): RatingMatrix {
  const builder = new RatingMatrixBuilder();
  responses.forEach((response, i) => {
    const respondent = `r${i + 1}`;
    for (const [target, ratings] of Object.entries(response.ratings)) {
      for (const d of DIMENSIONS) {
        const value = ratings[d];
        const problem = builder.add(respondent, response.respondentWorkgroupId, target, d, value === null ? '' : String(value));
        // Stored responses were checked on the way in and back: a problem here is a bug.
        if (problem) throw new Error(`stored response ${i} cannot be scored: ${problem.message}`);
      }
    }
  });
  return builder.build();
}

/** Scores a pulse's responses with the pulse's own method (k, minItems, bands). */
export function computeFigures(
  responses: readonly Response[],
  settings: { method: Pick<PulseMethod, 'k' | 'minItems' | 'bands'>; names: ReadonlyMap<string, string> },
): PublishedFigures {
  const { k, minItems, bands } = settings.method;
  const report = score(responsesToMatrix(responses), { k, minItems, bands });
  const ids = new Set([...report.ties.flatMap((t) => [t.from, t.to]), ...report.workgroups.map((w) => w.workgroup)]);
  const workgroupNames = Object.fromEntries([...ids].map((id) => [id, settings.names.get(id) ?? id]));
  return { ...report, workgroupNames };
}

export interface ResultsViewInput {
  pulse: Pulse;
  k: number;
  /** People invited (delivery rows); pulses loaded without deliveries read "n of n". */
  invited: number;
  tabUrl: string;
  /** The final publication of a closed pulse whose figures are stored. */
  snapshot?: ResultSnapshot;
  /** Without a publication: people who have answered so far (the ledger, or released responses). */
  answered?: number;
}

/**
 * The results card's view of a pulse: a closed pulse's final figures (headline figures and
 * the strongest and weakest shown ties by name); otherwise progress only, open or "being
 * prepared", with no figure at all.
 */
export function resultsViewOf(input: ResultsViewInput): ResultsView {
  const base = { focalProcess: input.pulse.focalProcess, k: input.k, tabUrl: input.tabUrl };
  if (!input.snapshot || input.pulse.status !== 'closed') {
    const respondents = input.answered ?? 0;
    return {
      ...base,
      status: input.pulse.status === 'closed' ? 'preparing' : 'open',
      respondents,
      invited: input.invited === 0 ? 0 : Math.max(input.invited, respondents),
      ...(input.pulse.closesAt ? { closesAt: input.pulse.closesAt } : {}),
    };
  }
  const figures = shownFigures(input.snapshot.figures);
  const respondents = input.snapshot.respondents;
  const { strongest, weakest } = pickTies(figures.ties, 3, { nameOf: (id) => figures.workgroupNames[id] ?? id });
  return {
    ...base,
    status: 'closed',
    respondents,
    // Pulses seeded without deliveries still read sensibly ("12 of 12", never "12 of 0").
    invited: Math.max(input.invited, respondents),
    overall: figures.overall,
    overallBetween: figures.overallBetween,
    strongest,
    weakest,
  };
}
