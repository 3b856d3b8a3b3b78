import type { CompareView } from '../app/results/compare-view';
import type { ApiChange, CompareResponse } from '../contract/api-contract';
import type { Change } from '../domain/change';
import { shownFigure } from '../domain/figures';
import { DIMENSIONS } from '../domain/instrument';
import { methodBody, pulseSummary } from './results-mapper';

/** The change view as the API's body: a change is wholly empty when either side is suppressed. */

function changeBody(c: Change): ApiChange {
  const before = shownFigure(c.before);
  const after = shownFigure(c.after);
  if (c.suppressed || before.suppressed || after.suppressed) {
    return { before, after, difference: null, ci95: null, verdict: null, suppressed: true };
  }
  return { before, after, difference: c.difference, ci95: c.ci95, verdict: c.verdict, suppressed: false };
}

const perDimension = (r: Record<(typeof DIMENSIONS)[number], Change>) =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, changeBody(r[d])])) as CompareResponse['dimensions'];

/** This pulse against an earlier one, with workgroup names. */
export function compareBody(view: CompareView): CompareResponse {
  const { report, nameOf } = view;
  return {
    pulse: pulseSummary(view.pulse),
    earlier: pulseSummary(view.earlier),
    method: methodBody(view.method),
    respondents: report.respondents,
    overall: changeBody(report.overall),
    overallBetween: changeBody(report.overallBetween),
    dimensions: perDimension(report.dimensions),
    indices: { communication: changeBody(report.indices.communication), relationship: changeBody(report.indices.relationship) },
    ties: report.ties.map((t) => ({ from: t.from, fromName: nameOf(t.from), to: t.to, toName: nameOf(t.to), ...changeBody(t), dimensions: perDimension(t.dimensions) })),
    sameScope: view.sameScope,
    leftOut: view.leftOut.map((t) => ({ from: t.from, fromName: nameOf(t.from), to: t.to, toName: nameOf(t.to), notAskedIn: t.notAskedIn })),
  };
}
