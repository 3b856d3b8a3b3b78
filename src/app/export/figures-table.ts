import type { Figure } from '../../domain/figures';
import { DIMENSIONS } from '../../domain/instrument';
import { csvLine } from '../../domain/csv';
import type { FiguresView } from '../results/results-view';

/**
 * Published figures as flat rows, the shape both exports share: one row per figure, named
 * by section, workgroups (by name) and dimension, at full precision. A suppressed figure's
 * row says so and carries no mean, n or interval: the export holds only what the tab shows.
 */

export interface FigureRow {
  section: string;
  from: string;
  to: string;
  workgroup: string;
  dimension: string;
  figure: Figure;
}

export const FIGURE_COLUMNS = ['section', 'from', 'to', 'workgroup', 'dimension', 'mean', 'n', 'ci95_low', 'ci95_high', 'band', 'suppressed'] as const;

const blank = { from: '', to: '', workgroup: '', dimension: '' };

/** Every published figure of a pulse as rows, in a stable order. */
export function figureRows(results: FiguresView): FigureRow[] {
  const { report: f, nameOf } = results.figures;
  const rows: FigureRow[] = [
    { section: 'overall', ...blank, figure: f.overall },
    { section: 'overall_between', ...blank, figure: f.overallBetween },
    ...DIMENSIONS.map((d) => ({ section: 'dimension', ...blank, dimension: d, figure: f.dimensions[d] })),
    { section: 'index', ...blank, dimension: 'communication', figure: f.indices.communication },
    { section: 'index', ...blank, dimension: 'relationship', figure: f.indices.relationship },
  ];
  for (const t of f.ties) {
    const [from, to] = [nameOf(t.from), nameOf(t.to)];
    rows.push({ section: 'tie', ...blank, from, to, figure: t });
    for (const d of DIMENSIONS) rows.push({ section: 'tie_dimension', ...blank, from, to, dimension: d, figure: t.dimensions[d] });
  }
  for (const w of f.workgroups) {
    rows.push({ section: 'workgroup_outgoing', ...blank, workgroup: nameOf(w.workgroup), figure: w.outgoing });
    rows.push({ section: 'workgroup_incoming', ...blank, workgroup: nameOf(w.workgroup), figure: w.incoming });
  }
  return rows;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * The figures CSV: RFC 4180, CRLF line ends, numbers as JavaScript writes them (the shortest
 * text that reads back to the same number, so nothing is rounded), every cell guarded
 * against spreadsheet formulas (csvCell).
 */
export function figuresCsv(results: FiguresView): string {
  const lines = [FIGURE_COLUMNS.join(',')];
  for (const r of figureRows(results)) {
    const g = r.figure;
    lines.push(
      csvLine([r.section, r.from, r.to, r.workgroup, r.dimension, num(g.mean), num(g.n), num(g.ci95?.[0]), num(g.ci95?.[1]), g.band ?? '', String(g.suppressed)]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
