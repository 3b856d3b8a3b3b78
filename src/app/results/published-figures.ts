import type { ApiFigure, Figures } from '../../contract/api-contract';
import { DIMENSIONS } from '../../domain/instrument';
import type { PublishedFigures } from '../../domain/figures';
import type { ResultSnapshot } from '../../domain/model/result-snapshot';

type StoredFigures = PublishedFigures;

/**
 * A stored publication (a snapshot's `figures`: the scoring report and the workgroup names of
 * the day) turned into the API's figures, with workgroup names beside the ids. Every figure
 * marked suppressed is emptied again on the way out, so even a snapshot written by older code
 * cannot send a hidden value or n.
 */

const HIDDEN: ApiFigure = { mean: null, n: null, ci95: null, band: null, suppressed: true };

/** A figure as published: as stored, or wholly empty when suppressed. */
export function safeFigure(f: ApiFigure): ApiFigure {
  return f.suppressed ? { ...HIDDEN } : { mean: f.mean, n: f.n, ci95: f.ci95, band: f.band, suppressed: false };
}

function safeDimensions(d: StoredFigures['dimensions']): Figures['dimensions'] {
  return Object.fromEntries(DIMENSIONS.map((k) => [k, safeFigure(d[k])])) as Figures['dimensions'];
}

/** A snapshot's figures (checked by the snapshot's own schema when the row was read). */
export function readStoredFigures(snapshot: ResultSnapshot): StoredFigures {
  return snapshot.figures;
}

/**
 * The API's figures from stored ones. `names` (today's names) fill in any id the snapshot
 * did not name; otherwise the names at publication stand.
 */
export function toApiFigures(stored: StoredFigures, names: ReadonlyMap<string, string>): Figures {
  const nameOf = (id: string) => stored.workgroupNames[id] ?? names.get(id) ?? id;
  return {
    respondents: stored.respondents,
    overall: safeFigure(stored.overall),
    overallBetween: safeFigure(stored.overallBetween),
    dimensions: safeDimensions(stored.dimensions),
    indices: { communication: safeFigure(stored.indices.communication), relationship: safeFigure(stored.indices.relationship) },
    ties: stored.ties.map((t) => ({
      from: t.from,
      fromName: nameOf(t.from),
      to: t.to,
      toName: nameOf(t.to),
      ...safeFigure(t),
      dimensions: safeDimensions(t.dimensions),
    })),
    workgroups: stored.workgroups.map((w) => ({
      id: w.workgroup,
      name: nameOf(w.workgroup),
      respondents: w.respondents,
      outgoing: safeFigure(w.outgoing),
      incoming: safeFigure(w.incoming),
    })),
    alpha: stored.alpha,
  };
}
