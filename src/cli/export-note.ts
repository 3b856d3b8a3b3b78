import type { ResponsesExport } from '../app/export/export-responses';

const people = (n: number) => `${n} ${n === 1 ? 'respondent' : 'respondents'}`;

/**
 * The one line `rc-pulse export responses` writes on standard error: how many respondents
 * the export shows as "Other groups" and how many it leaves out, so whoever scores the file
 * knows what it holds (rc-measurement.md section 4, "Exports of answers"). Standard error, so
 * the CSV on standard output stays exactly what `rc-pulse score` reads.
 */
export function exportPoolNote(exported: Pick<ResponsesExport, 'k' | 'pooled' | 'leftOut' | 'pooledName'>): string {
  const { k, pooled, leftOut, pooledName } = exported;
  if (pooled === 0 && leftOut === 0) return `rc-pulse: every workgroup in the export has at least ${k} respondents, so none are pooled or left out.\n`;
  if (leftOut > 0) {
    return `rc-pulse: ${people(leftOut)} from workgroups of fewer than ${k} ${leftOut === 1 ? 'is' : 'are'} left out, as even together they are fewer than ${k}; none are shown as "${pooledName}".\n`;
  }
  return `rc-pulse: ${people(pooled)} from workgroups too small to show apart (fewer than ${k}, or one that would give such a group away) ${pooled === 1 ? 'is' : 'are'} shown as "${pooledName}"; none are left out.\n`;
}
