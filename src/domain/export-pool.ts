import { belowK, protectPartition, type Cell } from './anonymity';

/**
 * Who an export of answers may show under their own workgroup (rc-measurement.md section 4,
 * "Exports of answers"). An export lists each respondent's answers with their workgroup, so a
 * workgroup of two exported by name is two people's answers. Respondents of a workgroup with
 * fewer than k respondents are pooled under "Other groups" instead; if the pool itself has
 * fewer than k, they are left out.
 *
 * The pool also takes every workgroup that the published figures hide by complementary
 * suppression of the respondent counts (the counts of the workgroups add up to the total,
 * which is always shown): the export then never shows a group apart that the figures keep
 * together, so the two cannot be set against each other to single a small group out.
 */

/** The workgroup name pooled respondents are exported under. */
export const POOLED_WORKGROUP = 'Other groups';

/** The decision for one export. */
export interface ExportPool {
  /** Workgroups (by the key the counts used) whose respondents are exported as "Other groups". */
  pooled: ReadonlySet<string>;
  /** Whether the pool is left out of the export (it has fewer than k respondents). */
  leftOut: boolean;
  /** Respondents exported under "Other groups". */
  pooledRespondents: number;
  /** Respondents left out of the export. */
  leftOutRespondents: number;
}

/**
 * Decides which workgroups are pooled, from each workgroup's respondent count in the pulse.
 * @param counts respondents per workgroup (key: workgroup id or name, as the caller uses)
 * @param k the pulse's minimum group size
 */
export function exportPool(counts: ReadonlyMap<string, number>, k: number): ExportPool {
  // A workgroup nobody in the pulse belongs to has no lines in an export: it is no part of it.
  const parts: Cell[] = [...counts].filter(([, n]) => n > 0).map(([name, n]) => ({ name, n, suppressed: belowK(n, k) }));
  const total: Cell = { name: 'respondents', n: parts.reduce((sum, p) => sum + p.n, 0), suppressed: false };
  protectPartition(total, parts);
  const pooled = new Set(parts.filter((p) => p.suppressed).map((p) => p.name));
  const inPool = parts.filter((p) => pooled.has(p.name)).reduce((sum, p) => sum + p.n, 0);
  const leftOut = inPool > 0 && belowK(inPool, k);
  return { pooled, leftOut, pooledRespondents: leftOut ? 0 : inPool, leftOutRespondents: leftOut ? inPool : 0 };
}

/**
 * The name a pooled group is exported under: "Other groups", unless a workgroup shown in the
 * export is itself called that, so the pool never merges into a real group by name.
 */
export function pooledName(shownNames: Iterable<string>): string {
  const taken = new Set([...shownNames].map((n) => n.trim().toLowerCase()));
  let name = POOLED_WORKGROUP;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${POOLED_WORKGROUP} (${i})`;
  return name;
}
