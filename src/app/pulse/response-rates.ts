import { belowK, protectPartition, type Cell } from '../../domain/anonymity';
import { FAMILIES_WORKGROUP_ID } from '../../domain/model/family';
import type { RateRow, ResponseRates } from '../../domain/model/response-rates';

/**
 * Response rates: invited against answered, by workgroup and by organisation. Counts of who
 * answered are hidden below k, and so is whatever would let a hidden count be found by
 * subtraction from the total (the same rule as the facilitators' status card).
 *
 * They are worked out once, when the close publishes the final figures. By workgroup,
 * "answered" comes from those figures (the group people chose when answering), already
 * hidden by the scoring's own partition rule. By organisation it comes
 * from the ledger (who has finished, never what they said), because a response carries no
 * organisation.
 */

/** Where an invited person sits on the list. */
export interface Placement {
  aadObjectId?: string | undefined;
  workgroupId?: string | undefined;
  organisationId?: string | undefined;
}

export interface RatesInput {
  k: number;
  /** The pulse's workgroups in pulse order, with names. */
  workgroups: readonly { id: string; name: string }[];
  organisations: readonly { id: string; name: string }[];
  invited: readonly Placement[];
  /** Family links handed out: each invites one family, in the Families group and no organisation. */
  familiesInvited?: number;
  /** Responses counted in the published figures. */
  answered: number;
  /** Per workgroup from the published figures (null = hidden); undefined when there are none (nobody answered). */
  answeredByWorkgroup?: ReadonlyMap<string, number | null>;
  /** Finished people per organisation id ('' = not on the list any more); undefined when not recorded. */
  finishedByOrganisation?: ReadonlyMap<string, number>;
}

const NOT_ON_LIST = { id: '', name: 'Not on the list now' };

function row(id: string, name: string, invited: number, answered: number | null, suppressed = answered === null): RateRow {
  // Pulses loaded without deliveries still read sensibly: never "12 of 0".
  const shownInvited = answered === null ? invited : Math.max(invited, answered);
  const rate = answered === null || shownInvited === 0 ? null : answered / shownInvited;
  return { id, name, invited: shownInvited, answered, rate, suppressed };
}

function countBy(people: readonly Placement[], key: (p: Placement) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of people) {
    const k = key(p) ?? '';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function byOrganisation(input: RatesInput): RateRow[] {
  const invited = countBy(input.invited, (p) => p.organisationId);
  const finished = input.finishedByOrganisation;
  const known = new Set(input.organisations.map((o) => o.id));
  const orgs = [
    ...input.organisations.filter((o) => invited.has(o.id) || (finished?.get(o.id) ?? 0) > 0),
    // People whose organisation is not (or no longer) one of the collaborative's.
    ...([...invited.keys(), ...(finished?.keys() ?? [])].some((id) => !known.has(id)) ? [NOT_ON_LIST] : []),
  ];
  const countOf = (id: string, counts: ReadonlyMap<string, number>) =>
    id === '' ? [...counts].filter(([k]) => !known.has(k)).reduce((s, [, n]) => s + n, 0) : (counts.get(id) ?? 0);
  if (!finished) return orgs.map((o) => row(o.id, o.name, countOf(o.id, invited), null, false));

  const total = [...finished.values()].reduce((s, n) => s + n, 0);
  const cells: Cell[] = orgs.map((o) => {
    const n = countOf(o.id, finished);
    return { name: o.id || '~', n, suppressed: belowK(n, input.k) };
  });
  protectPartition({ name: 'total', n: total, suppressed: belowK(total, input.k) }, cells);
  return orgs.map((o, i) => row(o.id, o.name, countOf(o.id, invited), cells[i]!.suppressed ? null : cells[i]!.n));
}

/** The response rates of a pulse, with every count below k (or derivable by subtraction) hidden. */
export function responseRates(input: RatesInput): ResponseRates {
  const invitedByGroup = countBy(input.invited, (p) => p.workgroupId);
  const families = input.familiesInvited ?? 0;
  if (families > 0) invitedByGroup.set(FAMILIES_WORKGROUP_ID, (invitedByGroup.get(FAMILIES_WORKGROUP_ID) ?? 0) + families);
  const byWorkgroup = input.workgroups.map((w) => {
    const answered = input.answeredByWorkgroup?.get(w.id) ?? null;
    return row(w.id, w.name, invitedByGroup.get(w.id) ?? 0, answered);
  });
  const totalAnswered = belowK(input.answered, input.k) ? null : input.answered;
  return {
    total: row('all', 'Everyone invited', input.invited.length + families, totalAnswered),
    byWorkgroup,
    byOrganisation: byOrganisation(input),
    organisationAnswers: input.finishedByOrganisation ? 'counted' : 'not_recorded',
  };
}
