import type { Delivery } from '../../domain/model/delivery';
import type { LedgerEntry } from '../../domain/model/ledger-entry';
import type { Pulse } from '../../domain/model/pulse';
import type { Placement } from './response-rates';

/** Who was invited to a pulse and, by organisation, who finished: the inputs of response rates. */

/**
 * The people invited: one per delivery row (the card was sent, or is being sent, to them),
 * placed by the member list. A pulse with no deliveries (loaded from a file or the demo
 * seed) counts the list's people in the pulse's workgroups instead.
 */
export function invitedPlacements(pulse: Pick<Pulse, 'targetWorkgroupIds'>, deliveries: readonly Delivery[], members: readonly Placement[]): Placement[] {
  if (deliveries.length === 0) {
    const targets = new Set(pulse.targetWorkgroupIds);
    return members.filter((m) => m.workgroupId !== undefined && targets.has(m.workgroupId));
  }
  const byId = new Map(members.flatMap((m) => (m.aadObjectId ? [[m.aadObjectId.toLowerCase(), m] as const] : [])));
  return deliveries.map((d) => byId.get(d.aadObjectId.toLowerCase()) ?? { aadObjectId: d.aadObjectId });
}

/**
 * People who finished, by organisation ('' for anyone not placed), found by making each
 * invited person's respondent key and looking it up in the ledger: the ledger itself names
 * nobody. Empty (`{}`) when the ledger recorded nothing although there are answers, i.e.
 * the answers were loaded rather than given here.
 */
export function finishedByOrganisation(
  ledger: readonly LedgerEntry[],
  invited: readonly Placement[],
  answered: number,
  keyOf: (aadObjectId: string) => string,
): { finishedByOrganisation?: Map<string, number> } {
  const finished = new Set(ledger.filter((e) => e.status === 'finished').map((e) => e.respondentKey));
  if (finished.size === 0 && answered > 0) return {};
  const counts = new Map<string, number>();
  let placed = 0;
  for (const person of invited) {
    if (!person.aadObjectId || !finished.has(keyOf(person.aadObjectId))) continue;
    const org = person.organisationId ?? '';
    counts.set(org, (counts.get(org) ?? 0) + 1);
    placed += 1;
  }
  if (finished.size > placed) counts.set('', (counts.get('') ?? 0) + finished.size - placed);
  return { finishedByOrganisation: counts };
}
