import { ValidationError } from '../../domain/errors';
import { parseCsv } from '../../domain/csv';
import type { RosterProblem } from '../../domain/roster';

/** The problems of one line of a roster file. */
export interface RosterLineProblems {
  line: number;
  problems: { column: number | null; columnName: string | null; message: string }[];
}

/**
 * A roster file with at least one bad line: nothing was imported. `lines` names every bad
 * line once, with all its problems; `problems` (from ValidationError) has the same as text,
 * one entry per line: 'line 3, column 2 (email): "x" is not an e-mail address ...'.
 */
export class RosterFileError extends ValidationError {
  constructor(readonly lines: readonly RosterLineProblems[]) {
    const text = lines.map(describeLine);
    super(
      `Nothing was imported: ${lines.length === 1 ? 'one line of the roster needs' : `${lines.length} lines of the roster need`} correcting first.`,
      text,
    );
  }
}

/** 'line 3, column 2 (email): message; column 1 (name): message' */
export function describeLine(line: RosterLineProblems): string {
  const parts = line.problems.map((p) => (p.column === null ? p.message : `column ${p.column} (${p.columnName}): ${p.message}`));
  const [first, ...rest] = parts;
  const lead = line.problems[0]?.column === null ? `line ${line.line}: ${first}` : `line ${line.line}, ${first}`;
  return [lead, ...rest].join('; ');
}

/**
 * Groups parseRoster's problems by line, in line order (and each line's in column order),
 * adding each column's number: its place in the file's own header, which may list the
 * columns in any order.
 */
export function groupRosterProblems(csv: string, problems: readonly RosterProblem[]): RosterLineProblems[] {
  const header = headerNames(csv);
  const byLine = new Map<number, RosterLineProblems>();
  for (const p of problems) {
    let entry = byLine.get(p.line);
    if (!entry) byLine.set(p.line, (entry = { line: p.line, problems: [] }));
    const index = p.column === null ? -1 : header.indexOf(p.column);
    entry.problems.push({
      column: p.column === null ? null : index >= 0 ? index + 1 : null,
      columnName: p.column,
      message: p.column !== null && index < 0 ? `${p.column}: ${p.message}` : p.message,
    });
  }
  const place = (c: number | null) => c ?? 0;
  for (const entry of byLine.values()) entry.problems.sort((a, b) => place(a.column) - place(b.column));
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}

/** The header's column names as parseRoster reads them ('e-mail' and 'upn' mean 'email'). */
function headerNames(csv: string): string[] {
  try {
    const first = parseCsv(csv)[0];
    return (first?.fields ?? []).map((f) => f.trim().toLowerCase().replace(/^e-mail$|^upn$/, 'email'));
  } catch {
    return [];
  }
}
