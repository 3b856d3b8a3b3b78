import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { csvCell } from '../../domain/csv';
import { IllegalStateError, NotFoundError, ValidationError } from '../../domain/errors';
import { exportPool, pooledName } from '../../domain/export-pool';
import { DIMENSIONS } from '../../domain/instrument';
import { parseModel } from '../../domain/model/parse';
import { idSchema } from '../../domain/model/primitives';
import { effectiveK, type Pulse } from '../../domain/model/pulse';
import { RATINGS_COLUMNS } from '../../domain/ratings-csv-format';
import { shuffle } from '../../storage/release-pending';
import type { Storage } from '../../storage/storage';
import type { AuditActor, Clock } from '../ports';
import { recordAudit } from '../audit';
import { loadCollaborative } from '../setup/setup-context';

/** Which pulse to export. */
export const exportResponsesInputSchema = z.object({
  /** Optional: pulse ids are unique only within a collaborative, so say which when several share one. */
  collaborativeId: idSchema.optional(),
  pulseId: idSchema,
});
export type ExportResponsesInput = z.input<typeof exportResponsesInputSchema>;

export interface ExportDeps {
  /** The collaboratives give the k of a pulse stored before k was copied onto it, and find a pulse named alone. */
  storage: Pick<Storage, 'collaboratives' | 'pulses' | 'workgroups' | 'responses' | 'audit'>;
  clock: Clock;
  actor: AuditActor;
}

export interface ResponsesExport {
  collaborativeId: string;
  pulseId: string;
  /** Respondents in the export (those shown as "Other groups" included). */
  respondents: number;
  /** The pulse's own minimum group size, which the export applied. */
  k: number;
  /** Respondents shown under the pooled name instead of their own small workgroup. */
  pooled: number;
  /** Respondents left out, because even pooled they were fewer than k. */
  leftOut: number;
  /** The name the pooled respondents are shown under ("Other groups" unless that name is taken). */
  pooledName: string;
  /** The `rc-pulse score` input: header respondent,workgroup,target,dimension,score; CRLF line ends. */
  csv: string;
}

/**
 * The released responses of a pulse as the `rc-pulse score` CSV (rc-measurement.md section
 * 6), so any pulse can be scored again offline: one line per respondent, target and
 * dimension, workgroups by NAME, an empty score for "not applicable". Anonymised: each
 * respondent gets an id drawn at random for this export alone (never derived from a stored
 * key, so two exports cannot be joined) and respondents come in a random order; no day is
 * included. Only released responses are there (those still waiting are not yet counted).
 *
 * No workgroup with fewer than the pulse's own k respondents is shown (rc-measurement.md
 * section 4, "Exports of answers"): its respondents are pooled as "Other groups", or left
 * out when the pool itself is below k (exportPool decides). Targets keep their names.
 * Records 'responses.exported' with the counts exported, pooled and left out.
 */
export async function exportResponses(deps: ExportDeps, input: ExportResponsesInput): Promise<ResponsesExport> {
  const valid = parseModel(exportResponsesInputSchema, input, 'export');
  const pulse = await findPulse(deps, valid);
  assertExportable(pulse);
  const scope = { collaborativeId: pulse.collaborativeId, pulseId: pulse.id };
  const [workgroups, responses] = await Promise.all([
    deps.storage.workgroups.list(pulse.collaborativeId),
    deps.storage.responses.list(scope),
  ]);
  // Retired workgroups keep their names, so old pulses export as they were asked.
  const nameOf = new Map(workgroups.map((w) => [w.id, w.name]));
  const name = (id: string) => nameOf.get(id) ?? id;
  const k = effectiveK(pulse, (await loadCollaborative(deps.storage, pulse.collaborativeId)).value.k);
  const pool = exportPool(countBy(responses, (r) => r.respondentWorkgroupId), k);
  // The pool's name must differ from every name in the file, targets included, or `score`
  // would read it as that group.
  const shown = responses.flatMap((r) => [...(pool.pooled.has(r.respondentWorkgroupId) ? [] : [r.respondentWorkgroupId]), ...Object.keys(r.ratings)]);
  const poolName = pooledName(new Set(shown.map(name)));
  const exported = responses.filter((r) => !(pool.leftOut && pool.pooled.has(r.respondentWorkgroupId)));
  const ids = randomRespondentIds(exported.length);
  const lines = [RATINGS_COLUMNS.join(',')];
  shuffle(exported).forEach((response, i) => {
    const respondent = ids[i]!;
    // Names are typed by people, so they are guarded cells (csvCell); the other cells are
    // made here (random ids, dimension names, scores 1 to 5) and cannot start like a formula.
    const own = csvCell(pool.pooled.has(response.respondentWorkgroupId) ? poolName : name(response.respondentWorkgroupId));
    const targets = Object.keys(response.ratings).sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
    for (const target of targets) {
      const ratings = response.ratings[target]!;
      const t = csvCell(name(target));
      for (const d of DIMENSIONS) lines.push(`${respondent},${own},${t},${d},${ratings[d] ?? ''}`);
    }
  });
  const counts = { respondents: exported.length, pooled: pool.pooledRespondents, leftOut: pool.leftOutRespondents };
  await recordAudit(deps, pulse.collaborativeId, 'responses.exported', pulse.id, { ...counts, k });
  return { ...scope, ...counts, k, pooledName: poolName, csv: `${lines.join('\r\n')}\r\n` };
}

/**
 * Answers leave only once, after the figures are final (rc-measurement.md section 4): two
 * exports of an open pulse would differ by the rows of the few who answered in between. A
 * transition check's answers never leave: its team is so small that one row is one person
 * (and a family may have asked to be counted only inside an overall figure).
 */
function assertExportable(pulse: Pulse): void {
  if (pulse.kind === 'transition') {
    throw new IllegalStateError(
      "A transition check's answers are not exported: its team is too small for single answers to stay anonymous. Its figures are in the check's card and the Transitions view.",
      `export of transition ${pulse.id} refused`,
    );
  }
  if (pulse.status !== 'closed' || !pulse.figuresFinalAt) {
    throw new IllegalStateError(
      'Answers can be exported once the pulse has closed and its final figures are ready. Until then, only how many have answered is shown.',
      `export of ${pulse.status} pulse ${pulse.id} refused`,
    );
  }
}

/**
 * The pulse to export: a point read when the collaborative is named; otherwise one point read
 * in each collaborative (a small table), so no read ever scans the Pulses table.
 */
async function findPulse(deps: ExportDeps, input: { collaborativeId?: string; pulseId: string }): Promise<Pulse> {
  const { collaboratives, pulses } = deps.storage;
  if (input.collaborativeId) return (await pulses.get(input.collaborativeId, input.pulseId)).value;
  const candidates = await collaboratives.list();
  const found = (await Promise.all(candidates.map((c) => pulses.find(c.id, input.pulseId)))).flatMap((p) => (p ? [p.value] : []));
  if (found.length === 0) throw new NotFoundError(`pulse "${input.pulseId}"`);
  if (found.length > 1) {
    const where = found.map((p) => p.collaborativeId).join(', ');
    throw new ValidationError(`More than one collaborative has a pulse "${input.pulseId}" (${where}). Please say which collaborative.`);
  }
  return found[0]!;
}

/** How many items fall under each key. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** n distinct ids such as 'r3f9a0c1d', from a crypto-random source. */
function randomRespondentIds(n: number): string[] {
  const ids = new Set<string>();
  while (ids.size < n) ids.add(`r${randomBytes(5).toString('hex')}`);
  return [...ids];
}
