import { pickTies, type ResultsView } from '../../cards/results-card';
import { DIMENSIONS } from '../../domain/instrument';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Pulse } from '../../domain/model/pulse';
import type { Response } from '../../domain/model/response';
import type { ResultSnapshot } from '../../domain/model/result-snapshot';
import { RatingMatrixBuilder, type RatingMatrix } from '../../domain/ratings';
import { HIDDEN_FIGURE, shownFigures, type PublishedFigures } from '../../domain/figures';
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

/** Scores a pulse's responses with the pulse's k and the collaborative's settings. */
export function computeFigures(
  responses: readonly Response[],
  settings: { k: number; collaborative: Pick<Collaborative, 'minItems' | 'bands'>; names: ReadonlyMap<string, string> },
): PublishedFigures {
  const report = score(responsesToMatrix(responses), {
    k: settings.k,
    minItems: settings.collaborative.minItems,
    bands: settings.collaborative.bands,
  });
  const ids = new Set([...report.ties.flatMap((t) => [t.from, t.to]), ...report.workgroups.map((w) => w.workgroup)]);
  const workgroupNames = Object.fromEntries([...ids].map((id) => [id, settings.names.get(id) ?? id]));
  return { ...report, workgroupNames };
}

export interface ResultsViewInput {
  pulse: Pulse;
  k: number;
  invited: number;
  tabUrl: string;
  /** The publication to show; none yet means "too few so far", with `respondents` below k. */
  snapshot?: ResultSnapshot;
  respondents: number;
}

/**
 * The results card's view of a publication: headline figures and the strongest and weakest
 * shown ties by name. Without a publication every figure is hidden and no tie is named.
 */
export function resultsViewOf(input: ResultsViewInput): ResultsView {
  const status = input.pulse.status === 'closed' ? 'closed' : 'open';
  const base = {
    focalProcess: input.pulse.focalProcess,
    k: input.k,
    status,
    tabUrl: input.tabUrl,
  } as const;
  if (!input.snapshot) {
    const respondents = input.respondents;
    return { ...base, respondents, invited: Math.max(input.invited, respondents), overall: HIDDEN_FIGURE, overallBetween: HIDDEN_FIGURE, strongest: [], weakest: [] };
  }
  const figures = shownFigures(input.snapshot.figures);
  const respondents = input.snapshot.respondents;
  const { strongest, weakest } = pickTies(figures.ties, 3, { nameOf: (id) => figures.workgroupNames[id] ?? id });
  return {
    ...base,
    respondents,
    // Pulses seeded without deliveries still read sensibly ("12 of 12", never "12 of 0").
    invited: Math.max(input.invited, respondents),
    overall: figures.overall,
    overallBetween: figures.overallBetween,
    strongest,
    weakest,
    ...(status === 'open' ? { asOfResponses: respondents } : {}),
  };
}
