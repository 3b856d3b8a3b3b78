import { ForbiddenError, IllegalStateError } from '../../domain/errors';
import { figuresFinal } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import type { Clock } from '../ports';
import { visiblePulse } from '../results/collaborative-view';
import { pulseResultsView, type PulseResultsView, type ResultsDeps } from '../results/results-view';
import type { CollaborativeAccess } from '../results/collaborative-access';
import { recordAudit } from '../audit';
import { exportResponses } from './export-responses';
import { figuresCsv } from './figures-table';
import { figuresWorkbook } from './figures-workbook';

/**
 * The tab's exports: a pulse's published figures as CSV or an Excel workbook (anyone who can
 * see them), and its anonymised responses (facilitators, closed pulses). Every export is
 * written to the audit trail with who asked for it.
 */

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
  /** Extra response headers that describe the file (the responses export's pooled and left-out counts). */
  headers?: Record<string, string>;
}

export interface TabExportDeps extends ResultsDeps {
  storage: Pick<Storage, 'collaboratives' | 'pulses' | 'workgroups' | 'responses' | 'audit'>;
  clock: Clock;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const auditDeps = (deps: TabExportDeps, access: CollaborativeAccess) => ({
  storage: deps.storage,
  clock: deps.clock,
  actor: { id: access.person.aadObjectId, name: access.person.name },
});

/** Why a pulse has no figures to export, in a sentence a person can act on. */
function noFiguresReason(results: Exclude<PulseResultsView, { state: 'figures' }>): string {
  switch (results.state) {
    case 'open':
      return 'Figures are published once, when the pulse closes.';
    case 'preparing':
      return 'The pulse has closed and its figures are being prepared: please try again in a few minutes.';
    case 'no_figures':
      return results.reason === 'no_responses'
        ? 'Nobody answered this pulse.'
        : `Fewer than ${results.method.k} people answered this pulse, so its figures are not shown.`;
  }
}

/** The published figures of a pulse as a file. 409 `no_figures` when there are none to export yet. */
export async function exportFigures(deps: TabExportDeps, access: CollaborativeAccess, pulseId: string, format: 'csv' | 'xlsx'): Promise<ExportFile> {
  const results = await pulseResultsView(deps, access, pulseId);
  if (results.state !== 'figures') {
    throw new IllegalStateError(`There are no figures to export yet. ${noFiguresReason(results)}`, `export of ${pulseId}: ${results.state}`, 'no_figures');
  }
  const generatedAt = deps.clock().toISOString();
  const body =
    format === 'csv' ? figuresCsv(results) : await figuresWorkbook(results, { collaborativeName: access.collaborative.name, generatedAt });
  await recordAudit(auditDeps(deps, access), access.collaborative.id, 'figures.exported', pulseId, {
    format,
    respondents: results.figures.report.respondents,
  });
  return { filename: `rc-pulse-${access.collaborative.id}-${pulseId}-figures.${format}`, contentType: CONTENT_TYPES[format], body };
}

/**
 * The anonymised responses of a closed pulse (the `rc-pulse score` CSV), for facilitators
 * only: raw answers, even anonymised, are for re-scoring, not for passing round. Only once
 * the close has stored its final figures: an open pulse's are refused, since two exports a
 * few answers apart would show those answers. Workgroups below the pulse's k are pooled or
 * left out (exportResponses); the headers X-RC-Pooled and X-RC-Left-Out say how many.
 */
export async function exportResponsesForTab(deps: TabExportDeps, access: CollaborativeAccess, pulseId: string): Promise<ExportFile> {
  if (access.role !== 'facilitator') {
    throw new ForbiddenError(
      "Only the collaborative's facilitators can export the anonymised responses. You can export the figures instead.",
      `${access.person.aadObjectId} is a viewer of ${access.collaborative.id}`,
    );
  }
  const pulse = await visiblePulse(deps, access, pulseId);
  if (pulse.status !== 'closed') {
    throw new IllegalStateError('The anonymised responses can be exported once the pulse has closed.', `pulse ${pulse.id} is ${pulse.status}`, 'pulse_open');
  }
  if (!figuresFinal(pulse)) {
    throw new IllegalStateError(
      'The pulse has closed and its figures are being prepared: the responses can be exported in a few minutes.',
      `pulse ${pulse.id} has no final figures yet`,
      'figures_preparing',
    );
  }
  const exported = await exportResponses(auditDeps(deps, access), { collaborativeId: pulse.collaborativeId, pulseId: pulse.id });
  return {
    filename: `rc-pulse-${pulse.collaborativeId}-${pulse.id}-responses.csv`,
    contentType: CONTENT_TYPES.csv,
    body: exported.csv,
    headers: { 'X-RC-Pooled': String(exported.pooled), 'X-RC-Left-Out': String(exported.leftOut) },
  };
}
