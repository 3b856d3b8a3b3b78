import ExcelJS from 'exceljs';
import type { Figure } from '../../domain/figures';
import { DIMENSIONS } from '../../domain/instrument';
import type { FiguresView } from '../results/results-view';

/**
 * The figures as an Excel workbook for sharing beyond the collaborative (for example with
 * national improvement partners): sheets summary, ties, dimensions, workgroups and method.
 * Values are full precision (format the cells to round); a suppressed figure reads
 * "fewer than k responses" and has no n or interval.
 */

export interface WorkbookContext {
  collaborativeName: string;
  generatedAt: string;
}

type Cell = string | number | null;

const FIGURE_HEADERS = ['Mean', 'n', '95% CI low', '95% CI high', 'Band'];

function figureCells(f: Figure, k: number): Cell[] {
  if (f.suppressed) return [`fewer than ${k} responses`, null, null, null, null];
  return [f.mean, f.n, f.ci95?.[0] ?? null, f.ci95?.[1] ?? null, f.band];
}

function sheet(wb: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((col, i) => {
    col.width = Math.min(48, Math.max(12, (headers[i] ?? '').length + 2, ...rows.map((r) => String(r[i] ?? '').length + 2)));
  });
}

/** Builds the workbook and returns the .xlsx file's bytes. */
export async function figuresWorkbook(results: FiguresView, context: WorkbookContext): Promise<Buffer> {
  const { method, pulse } = results;
  const { report: f, nameOf } = results.figures;
  const k = method.k;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'RC Pulse';
  wb.created = new Date(context.generatedAt);

  sheet(wb, 'summary', ['Figure', ...FIGURE_HEADERS], [
    ['Relational coordination, overall', ...figureCells(f.overall, k)],
    ['Relational coordination between groups', ...figureCells(f.overallBetween, k)],
    ['Communication index', ...figureCells(f.indices.communication, k)],
    ['Relationship index', ...figureCells(f.indices.relationship, k)],
  ]);
  sheet(
    wb,
    'ties',
    ['From', 'To', ...FIGURE_HEADERS, ...DIMENSIONS.flatMap((d) => [`${d} mean`, `${d} n`])],
    f.ties.map((t) => [
      nameOf(t.from),
      nameOf(t.to),
      ...figureCells(t, k),
      ...DIMENSIONS.flatMap((d): Cell[] => {
        const g = t.dimensions[d];
        return g.suppressed ? [`fewer than ${k}`, null] : [g.mean, g.n];
      }),
    ]),
  );
  sheet(wb, 'dimensions', ['Dimension', ...FIGURE_HEADERS], DIMENSIONS.map((d) => [d, ...figureCells(f.dimensions[d], k)]));
  sheet(
    wb,
    'workgroups',
    ['Workgroup', 'Respondents', ...FIGURE_HEADERS.map((h) => `Outgoing ${h}`), ...FIGURE_HEADERS.map((h) => `Incoming ${h}`)],
    f.workgroups.map((w) => [nameOf(w.workgroup), w.respondents ?? `fewer than ${k}`, ...figureCells(w.outgoing, k), ...figureCells(w.incoming, k)]),
  );
  sheet(wb, 'method', ['Item', 'Value'], [
    ['Collaborative', context.collaborativeName],
    ['Pulse', pulse.title ?? pulse.id],
    ['Focal work process', pulse.focalProcess],
    ['Status', pulse.status],
    ['Respondents', f.respondents],
    ['Published at (once, when the pulse closed)', results.publishedAt],
    ['Exported at', context.generatedAt],
    ['Instrument', `${method.instrument.name} (${method.instrument.id})`],
    ['Minimum group size k', k],
    ['Items needed per group (minItems)', method.minItems],
    ['Band: moderate from', method.bands.moderate],
    ['Band: strong from', method.bands.strong],
    ["Cronbach's alpha", f.alpha.value],
    ['Rows in alpha', f.alpha.rows],
    ['Suppression', `Figures over fewer than ${k} respondents are not shown, nor any figure that would let one be worked out by subtraction.`],
    ['Intervals', "95% confidence intervals: mean +/- t(0.975, n-1) x s / sqrt(n). Values are full precision; round only for display."],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
