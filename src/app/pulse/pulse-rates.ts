import type { PublishedFigures } from '../../domain/figures';
import { familyRespondentId } from '../../domain/model/family-link';
import { type Pulse, scopeOf } from '../../domain/model/pulse';
import type { ResponseRates } from '../../domain/model/response-rates';
import type { Storage } from '../../storage/storage';
import type { WorkgroupDirectory } from '../ports';
import { workgroupNames } from './pulse-lookup';
import { finishedByOrganisation, invitedPlacements } from './rate-inputs';
import { responseRates } from './response-rates';

/** What a pulse's response rates, and the count of people invited, are read from. */
export interface PulseRatesDeps {
  workgroups: WorkgroupDirectory;
  organisations: Pick<Storage['organisations'], 'list'>;
  deliveries: Pick<Storage['deliveries'], 'list'>;
  members: Pick<Storage['members'], 'listPlacements'>;
  submissions: Pick<Storage['submissions'], 'listLedger'>;
  familyLinks: Pick<Storage['familyLinks'], 'listForPulse'>;
  respondentKey: Storage['respondentKey'];
}

/**
 * The response rates published with a closed pulse's final figures: invitations and the
 * member list for who was invited, the figures for who answered by workgroup, the ledger for
 * who finished by organisation. The close works them out once, beside the figures.
 */
export async function pulseRates(
  deps: PulseRatesDeps,
  pulse: Pulse,
  k: number,
  published: { respondents: number; figures?: PublishedFigures },
): Promise<ResponseRates> {
  const scope = scopeOf(pulse);
  const [workgroups, organisations, deliveries, placements, ledger, links] = await Promise.all([
    deps.workgroups.list(pulse.collaborativeId),
    deps.organisations.list(pulse.collaborativeId),
    deps.deliveries.list(scope),
    deps.members.listPlacements(pulse.collaborativeId),
    deps.submissions.listLedger(scope),
    deps.familyLinks.listForPulse(scope),
  ]);
  // Families are invited by the links handed out, and belong to no organisation: a family's
  // finished answer is theirs, not someone's "not on the list now".
  const familyKeys = new Set(links.map((l) => deps.respondentKey(scope, familyRespondentId(l.linkId))));
  const staffLedger = ledger.filter((e) => !familyKeys.has(e.respondentKey));
  const familiesAnswered = ledger.length - staffLedger.length;
  const names = workgroupNames(workgroups);
  const invited = invitedPlacements(pulse, deliveries, placements);
  const figures = published.respondents > 0 ? published.figures : undefined;
  return responseRates({
    k,
    workgroups: pulse.targetWorkgroupIds.map((id) => ({ id, name: figures?.workgroupNames[id] ?? names.get(id) ?? id })),
    organisations,
    invited,
    familiesInvited: links.length,
    answered: published.respondents,
    ...(figures ? { answeredByWorkgroup: new Map(figures.workgroups.map((w) => [w.workgroup, w.respondents])) } : {}),
    ...finishedByOrganisation(staffLedger, invited, published.respondents - familiesAnswered, (oid) => deps.respondentKey(scope, oid)),
  });
}

/**
 * How many people a pulse was sent to: its delivery rows (counted, not read), or for a pulse
 * with none (loaded from a file, or the demo) the people on the list in its workgroups.
 */
export async function invitedCount(
  deps: { deliveries: Pick<Storage['deliveries'], 'countByStatus'>; members: PulseRatesDeps['members'] },
  pulse: Pulse,
): Promise<number> {
  const sent = Object.values(await deps.deliveries.countByStatus(scopeOf(pulse))).reduce((a, b) => a + b, 0);
  if (sent > 0) return sent;
  return invitedPlacements(pulse, [], await deps.members.listPlacements(pulse.collaborativeId)).length;
}
