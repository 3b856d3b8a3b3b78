import { z } from 'zod';
import { CsvSyntaxError, parseCsv } from './csv';

/** The columns of a roster file, in any order; workgroup may be left empty. */
export const ROSTER_COLUMNS = ['name', 'email', 'organisation', 'workgroup'] as const;

/** One member as the roster file gives them, after checking. */
export const rosterEntrySchema = z.object({
  name: z.string().trim().min(1, 'name is empty').max(200, 'name is longer than 200 characters'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'is not an e-mail address or user principal name (name@organisation)' })),
  organisation: z.string().trim().min(1, 'organisation is empty'),
  workgroup: z.string().trim().optional(),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema> & { organisationId: string; line: number };

export interface RosterProblem {
  line: number;
  column: string | null;
  message: string;
}

export type RosterResult = { ok: true; entries: RosterEntry[] } | { ok: false; problems: RosterProblem[] };

export interface RosterContext {
  /** Partner organisations, matched by id or by name (case-insensitive). */
  organisations: { id: string; name: string }[];
  /** Workgroups of the collaborative, matched by name (case-insensitive). */
  workgroups: string[];
}

/**
 * Checks a roster file line by line. All or nothing: if any line is wrong, the result
 * names every bad line and no entry is returned, so an import never half-happens.
 * Organisations and workgroups must already exist in the collaborative; an e-mail may
 * appear only once.
 */
export function parseRoster(text: string, context: RosterContext): RosterResult {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, problems: [{ line: e.line, column: null, message: e.message.replace(/^line \d+: /, '') }] };
    throw e;
  }
  const header = records.shift();
  if (!header) return { ok: false, problems: [{ line: 1, column: null, message: `the file is empty; it needs a header line: ${ROSTER_COLUMNS.join(',')}` }] };
  const names = header.fields.map((f) => f.trim().toLowerCase().replace(/^e-mail$|^upn$/, 'email'));
  const missing = ROSTER_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(ROSTER_COLUMNS as readonly string[]).includes(n));
  if (missing.length || unknown.length) {
    const parts = [missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.map((u) => `"${u}"`).join(', ')}` : ''];
    return { ok: false, problems: [{ line: header.line, column: null, message: `the header must be ${ROSTER_COLUMNS.join(',')} (${parts.filter(Boolean).join('; ')})` }] };
  }
  const orgByKey = new Map<string, string>();
  for (const o of context.organisations) {
    orgByKey.set(o.id.toLowerCase(), o.id);
    orgByKey.set(o.name.toLowerCase(), o.id);
  }
  const groupByKey = new Map(context.workgroups.map((w) => [w.toLowerCase(), w]));
  const problems: RosterProblem[] = [];
  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    if (record.fields.length !== names.length) {
      problems.push({ line: record.line, column: null, message: `expected ${names.length} values, found ${record.fields.length}` });
      continue;
    }
    const raw = Object.fromEntries(names.map((n, i) => [n, record.fields[i]]));
    const parsed = rosterEntrySchema.safeParse({ ...raw, workgroup: raw.workgroup || undefined });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? '');
        problems.push({ line: record.line, column, message: column === 'email' ? `"${raw.email}" ${issue.message}` : issue.message });
      }
      continue;
    }
    const entry = parsed.data;
    const organisationId = orgByKey.get(entry.organisation.toLowerCase());
    if (!organisationId) problems.push({ line: record.line, column: 'organisation', message: `"${entry.organisation}" is not a partner organisation of this collaborative` });
    let workgroup = entry.workgroup;
    if (workgroup) {
      workgroup = groupByKey.get(workgroup.toLowerCase());
      if (!workgroup) problems.push({ line: record.line, column: 'workgroup', message: `"${entry.workgroup}" is not a workgroup of this collaborative` });
    }
    const first = seen.get(entry.email);
    if (first !== undefined) problems.push({ line: record.line, column: 'email', message: `${entry.email} is already on line ${first}` });
    else seen.set(entry.email, record.line);
    if (organisationId && (workgroup || !entry.workgroup) && first === undefined) {
      entries.push({ ...entry, workgroup, organisationId, line: record.line });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, entries };
}
