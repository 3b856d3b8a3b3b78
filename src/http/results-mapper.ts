import type { CollaborativeView } from '../app/results/collaborative-view';
import type { NamedFigures, PulseResultsView } from '../app/results/results-view';
import type { CollaborativeResponse, Figures, Method, PulseSummary, ResultsResponse } from '../contract/api-contract';
import { dayText, fewerThan } from '../contract/display-format';
import { shownFigure, type DimensionFigures } from '../domain/figures';
import { DIMENSIONS } from '../domain/instrument';
import type { Pulse, PulseMethod } from '../domain/model/pulse';

/**
 * The results use-cases' views as the API's bodies (src/contract/api-contract.ts): ids get
 * their names, every figure is emptied again when it is suppressed, and each state gets the
 * plain words the tab shows. Pure: no storage, no restify.
 */

/** A pulse as the API lists it. */
export function pulseSummary(p: Pulse): PulseSummary {
  return {
    id: p.id,
    title: p.title ?? null,
    kind: p.kind,
    status: p.status,
    focalProcess: p.focalProcess,
    opensAt: p.opensAt ?? null,
    closesAt: p.closesAt ?? null,
    openedAt: p.openedAt ?? null,
    closedAt: p.closedAt ?? null,
  };
}

/** Method information shown in "About these figures" (the wording's id and name, not the wording). */
export function methodBody(method: PulseMethod): Method {
  return { k: method.k, minItems: method.minItems, bands: method.bands, instrument: { id: method.instrument.id, name: method.instrument.name } };
}

/** Settings, workgroups and organisations (retired ones marked, so past results still name them). */
export function collaborativeBody(view: CollaborativeView): CollaborativeResponse {
  const c = view.collaborative;
  return {
    id: c.id,
    name: c.name,
    focalProcess: c.focalProcess,
    k: c.k,
    minItems: c.minItems,
    bands: c.bands,
    instrument: { id: c.instrument.id, name: c.instrument.name },
    workgroups: view.workgroups.map((w) => ({ id: w.id, name: w.name, organisationId: w.organisationId ?? null, retired: w.retiredAt !== undefined })),
    organisations: view.organisations.map((o) => ({ id: o.id, name: o.name, retired: o.retiredAt !== undefined })),
    role: view.role,
  };
}

function shownDimensions(d: DimensionFigures): DimensionFigures {
  return Object.fromEntries(DIMENSIONS.map((k) => [k, shownFigure(d[k])])) as DimensionFigures;
}

/** The published figures with workgroup names beside the ids. */
export function figuresBody({ report, nameOf }: NamedFigures): Figures {
  return {
    respondents: report.respondents,
    overall: shownFigure(report.overall),
    overallBetween: shownFigure(report.overallBetween),
    dimensions: shownDimensions(report.dimensions),
    indices: { communication: shownFigure(report.indices.communication), relationship: shownFigure(report.indices.relationship) },
    ties: report.ties.map((t) => ({
      from: t.from,
      fromName: nameOf(t.from),
      to: t.to,
      toName: nameOf(t.to),
      ...shownFigure(t),
      dimensions: shownDimensions(t.dimensions),
    })),
    workgroups: report.workgroups.map((w) => ({
      id: w.workgroup,
      name: nameOf(w.workgroup),
      respondents: w.respondents,
      outgoing: shownFigure(w.outgoing),
      incoming: shownFigure(w.incoming),
    })),
    alpha: report.alpha,
  };
}

/**
 * "Figures appear when the pulse closes on Monday 21 December. So far fewer than 5 people
 * have answered." The count follows the k rule; nothing else about the answers is said.
 */
export function progressMessage(pulse: Pulse, k: number, progress: { invited: number; answered: number | null }): string {
  if (pulse.status === 'draft') return 'This pulse has not started yet. Its figures appear once it has opened and closed.';
  const when = `Figures appear when the pulse closes${pulse.closesAt ? ` on ${dayText(pulse.closesAt)}` : ''}.`;
  const count = progress.answered === null ? fewerThan(k) : String(progress.answered);
  const of = progress.answered !== null && progress.invited > 0 ? ` of ${Math.max(progress.invited, progress.answered)}` : '';
  return `${when} So far ${count}${of} ${progress.answered === 1 ? 'person has' : 'people have'} answered.`;
}

/** The results body of a pulse. */
export function resultsBody(view: PulseResultsView): ResultsResponse {
  const base = { pulse: pulseSummary(view.pulse), method: methodBody(view.method) };
  switch (view.state) {
    case 'open':
      return { ...base, state: 'open', closesAt: view.pulse.closesAt ?? null, progress: view.progress, message: progressMessage(view.pulse, view.method.k, view.progress) };
    case 'preparing':
      return { ...base, state: 'preparing', message: 'The pulse has closed and its figures are being prepared. They will appear here shortly.' };
    case 'no_figures':
      return {
        ...base,
        state: 'no_figures',
        responseRates: view.rates,
        reason: view.reason,
        message:
          view.reason === 'no_responses'
            ? 'Nobody answered this pulse, so there are no figures for it.'
            : `Fewer than ${view.method.k} people answered this pulse, so its figures are not shown: with so few, someone's answers could be picked out.`,
      };
    case 'figures':
      return { ...base, state: 'figures', responseRates: view.rates, publishedAt: view.publishedAt, figures: figuresBody(view.figures) };
  }
}
