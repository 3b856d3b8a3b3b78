import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { csvCell } from '../../domain/csv';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { DIMENSIONS } from '../../domain/instrument';
import { parseModel } from '../../domain/model/parse';
import { idSchema } from '../../domain/model/primitives';
import type { Pulse } from '../../domain/model/pulse';
import { RATINGS_COLUMNS } from '../../domain/ratings-csv-format';
import { shuffle } from '../../storage/release-pending';
import type { Storage } from '../../storage/storage';
import type { AuditActor, Clock } from '../ports';
import { recordAudit } from '../audit';

/** Which pulse to export. */
export const exportResponsesInputSchema = z.object({
  /** Optional: pulse ids are unique only within a collaborative, so say which when several share one. */
  collaborativeId: idSchema.optional(),
  pulseId: idSchema,
});
export type ExportResponsesInput = z.input<typeof exportResponsesInputSchema>;

export interface ExportDeps {
  /** The collaboratives are needed only to find a pulse named without its collaborative (the command line). */
  storage: Pick<Storage, 'pulses' | 'workgroups' | 'responses' | 'audit'> & Partial<Pick<Storage, 'collaboratives'>>;
  clock: Clock;
  actor: AuditActor;
}

export interface ResponsesExport {
  collaborativeId: string;
  pulseId: string;
  respondents: number;
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
 * Records 'responses.exported' with the count.
 */
export async function exportResponses(deps: ExportDeps, input: ExportResponsesInput): Promise<ResponsesExport> {
  const valid = parseModel(exportResponsesInputSchema, input, 'export');
  const pulse = await findPulse(deps, valid);
  const scope = { collaborativeId: pulse.collaborativeId, pulseId: pulse.id };
  const [workgroups, responses] = await Promise.all([
    deps.storage.workgroups.list(pulse.collaborativeId),
    deps.storage.responses.list(scope),
  ]);
  // Retired workgroups keep their names, so old pulses export as they were asked.
  const nameOf = new Map(workgroups.map((w) => [w.id, w.name]));
  const name = (id: string) => nameOf.get(id) ?? id;
  const ids = randomRespondentIds(responses.length);
  const lines = [RATINGS_COLUMNS.join(',')];
  shuffle(responses).forEach((response, i) => {
    const respondent = ids[i]!;
    // Names are typed by people, so they are guarded cells (csvCell); the other cells are
    // made here (random ids, dimension names, scores 1 to 5) and cannot start like a formula.
    const own = csvCell(name(response.respondentWorkgroupId));
    const targets = Object.keys(response.ratings).sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
    for (const target of targets) {
      const ratings = response.ratings[target]!;
      const t = csvCell(name(target));
      for (const d of DIMENSIONS) lines.push(`${respondent},${own},${t},${d},${ratings[d] ?? ''}`);
    }
  });
  await recordAudit(deps, pulse.collaborativeId, 'responses.exported', pulse.id, { respondents: responses.length });
  return { ...scope, respondents: responses.length, csv: `${lines.join('\r\n')}\r\n` };
}

/**
 * The pulse to export: a point read when the collaborative is named; otherwise one point read
 * in each collaborative (a small table), so no read ever scans the Pulses table.
 */
async function findPulse(deps: ExportDeps, input: { collaborativeId?: string; pulseId: string }): Promise<Pulse> {
  const { collaboratives, pulses } = deps.storage;
  if (input.collaborativeId) return (await pulses.get(input.collaborativeId, input.pulseId)).value;
  if (!collaboratives) throw new ValidationError(`Please say which collaborative pulse "${input.pulseId}" belongs to.`);
  const candidates = await collaboratives.list();
  const found = (await Promise.all(candidates.map((c) => pulses.find(c.id, input.pulseId)))).flatMap((p) => (p ? [p.value] : []));
  if (found.length === 0) throw new NotFoundError(`pulse "${input.pulseId}"`);
  if (found.length > 1) {
    const where = found.map((p) => p.collaborativeId).join(', ');
    throw new ValidationError(`More than one collaborative has a pulse "${input.pulseId}" (${where}). Please say which collaborative.`);
  }
  return found[0]!;
}

/** n distinct ids such as 'r3f9a0c1d', from a crypto-random source. */
function randomRespondentIds(n: number): string[] {
  const ids = new Set<string>();
  while (ids.size < n) ids.add(`r${randomBytes(5).toString('hex')}`);
  return [...ids];
}
