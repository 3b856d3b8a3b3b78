import { csvLine } from './csv';
import type { ImpactChange } from './impact';
import type { LearningExport, LearningIntervention, LearningPulse } from './learning-report';
import type { ShownFigure } from './shown-figure';

/**
 * The learning export as one CSV table (see learning-report.ts for what it holds), for a
 * spreadsheet or a regional data set. Every cell goes through csvLine, so nothing anyone typed
 * can run as a formula. Figures are at full precision; a figure that may not be shown has
 * empty numbers and the words "fewer than k responses" in `note`.
 *
 * Rows by `section`: `result` (one per headline figure of each closed pulse), `intervention`
 * (one per intervention), `impact` (one per targeted tie or dimension of a measured one) and
 * `update` (one per note of its log, dated, with no author).
 */

export const LEARNING_CSV_HEADER = [
  'section',
  'pulse',
  'date',
  'k',
  'measure',
  'intervention',
  'kind',
  'status',
  'ties',
  'dimensions',
  'mean',
  'n',
  'ci95_low',
  'ci95_high',
  'band',
  'before',
  'after',
  'difference',
  'verdict',
  'note',
] as const;
type Column = (typeof LEARNING_CSV_HEADER)[number];
type Row = Partial<Record<Column, string | number | null | undefined>>;

const line = (row: Row) => csvLine(LEARNING_CSV_HEADER.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c]))));
const hidden = (k: number) => `fewer than ${k} responses`;

function figureCells(f: ShownFigure | null, k: number): Row {
  if (!f) return { note: hidden(k) };
  return { mean: f.mean, n: f.n, ci95_low: f.ci95?.[0], ci95_high: f.ci95?.[1], band: f.band };
}

function resultRows(p: LearningPulse): Row[] {
  const base = { section: 'result', pulse: p.title, date: p.closedAt.slice(0, 10), k: p.k };
  if (p.noFigures) {
    const why = p.noFigures === 'no_responses' ? 'nobody answered' : p.noFigures === 'preparing' ? 'figures being prepared' : hidden(p.k);
    return [{ ...base, measure: 'respondents', note: why }];
  }
  return [
    { ...base, measure: 'respondents', n: p.respondents, note: p.respondents === null ? `fewer than ${p.k}` : undefined },
    { ...base, measure: 'overall', ...figureCells(p.overall, p.k) },
    { ...base, measure: 'between groups', ...figureCells(p.overallBetween, p.k) },
    { ...base, measure: 'communication', ...figureCells(p.communication, p.k) },
    { ...base, measure: 'relationships', ...figureCells(p.relationship, p.k) },
  ];
}

function changeCells(c: ImpactChange, k: number): Row {
  if (c.suppressed) return { note: `${hidden(k)} on one side` };
  return { before: c.before.mean, after: c.after.mean, difference: c.difference, ci95_low: c.ci95?.[0], ci95_high: c.ci95?.[1], verdict: c.verdict };
}

function interventionRows(iv: LearningIntervention): Row[] {
  const base = { intervention: iv.title, kind: iv.kindWords, status: iv.statusWords };
  const rows: Row[] = [
    {
      section: 'intervention',
      ...base,
      date: iv.startOn,
      measure: iv.approach,
      ties: iv.ties.join('; '),
      dimensions: iv.dimensions.join('; '),
      note: iv.impact.measured ? iv.description : `${iv.description}${iv.description ? ' ' : ''}(${iv.impact.message})`,
    },
  ];
  if (iv.impact.measured) {
    const { before, after, k, view } = iv.impact;
    const impact = { section: 'impact', ...base, pulse: `${before.id} to ${after.id}`, date: after.closedAt.slice(0, 10), k };
    for (const t of view.ties) rows.push({ ...impact, measure: 'tie', ties: t.tie.label, ...changeCells(t.rc, k) });
    for (const d of view.dimensions) rows.push({ ...impact, measure: 'dimension', dimensions: d.title, ...changeCells(d.change, k) });
  }
  for (const n of iv.notes) rows.push({ section: 'update', ...base, status: n.movedTo ?? '', date: n.on, note: n.text });
  return rows;
}

/** The learning export as CSV text (a header line, then one line per row; CRLF-free, ends with a newline). */
export function learningCsv(report: LearningExport): string {
  const rows = [...report.pulses.flatMap(resultRows), ...report.interventions.flatMap(interventionRows)];
  return `${[csvLine([...LEARNING_CSV_HEADER]), ...rows.map(line)].join('\n')}\n`;
}
