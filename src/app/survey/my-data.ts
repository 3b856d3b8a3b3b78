import type { MyDataView } from '../../cards/my-data-card';
import { AppError } from '../../domain/errors';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Member } from '../../domain/model/member';
import type { Storage } from '../../storage/storage';
import { assertAllowedTenant, isFacilitator } from '../access-rules';
import type { Actor, MemberDirectory, OrganisationDirectory, WorkgroupDirectory } from '../ports';
import { findOpenPulse } from '../pulse/pulse-lookup';
import { scopeOf } from '../../domain/model/pulse';

export interface MyDataDeps {
  collaboratives: Pick<Storage['collaboratives'], 'get' | 'list'>;
  pulses: Pick<Storage['pulses'], 'list'>;
  submissions: Pick<Storage['submissions'], 'findLedgerEntry'>;
  respondentKey: Storage['respondentKey'];
  organisations: OrganisationDirectory;
  workgroups: WorkgroupDirectory;
  members: MemberDirectory;
}

/** The person is on no collaborative's list, so RC Pulse holds nothing it can show them. */
export class NotOnAnyListError extends AppError {
  constructor(detail: string) {
    super({
      code: 'not_a_member',
      status: 404,
      userMessage: 'RC Pulse has no details about you: you are not on the list of any collaborative that uses it.',
      detail,
    });
  }
}

/** The collaborative and member row the person is known by: the one named, else the first that knows them. */
async function whereKnown(
  deps: MyDataDeps,
  actor: Actor,
  collaborativeId: string | undefined,
): Promise<{ collaborative: Collaborative; member?: Member }> {
  const candidates = collaborativeId ? [(await deps.collaboratives.get(collaborativeId)).value] : await deps.collaboratives.list();
  for (const collaborative of candidates) {
    const member = (await deps.members.findByAadObjectId(collaborative.id, actor.aadObjectId))?.value;
    if (member || isFacilitator(collaborative, actor)) return { collaborative, ...(member ? { member } : {}) };
  }
  throw new NotOnAnyListError(`${actor.aadObjectId} is on no list${collaborativeId ? ` in ${collaborativeId}` : ''}`);
}

/**
 * "my data": what RC Pulse keeps about the person asking (their row on the collaborative's
 * list, whether they are a facilitator) and whether the ledger says they have answered the
 * open pulse. Never their answers: nothing links those to them.
 */
export async function myData(deps: MyDataDeps, actor: Actor, collaborativeId?: string): Promise<MyDataView> {
  const { collaborative, member } = await whereKnown(deps, actor, collaborativeId);
  assertAllowedTenant(collaborative, actor);
  const [organisation, workgroups, openPulse] = await Promise.all([
    member ? deps.organisations.find(collaborative.id, member.organisationId) : undefined,
    deps.workgroups.list(collaborative.id),
    findOpenPulse(deps.pulses, collaborative.id, member?.workgroupId),
  ]);
  let answeredOpenPulse: boolean | undefined;
  if (openPulse) {
    const respondentKey = deps.respondentKey(scopeOf(openPulse), actor.aadObjectId);
    const entry = await deps.submissions.findLedgerEntry({ ...scopeOf(openPulse), respondentKey });
    answeredOpenPulse = entry?.value.status === 'finished';
  }
  const workgroupName = workgroups.find((w) => w.id === member?.workgroupId)?.name;
  const email = member?.email ?? member?.upn;
  return {
    displayName: member?.displayName ?? actor.displayName ?? 'Not known',
    ...(email ? { email } : {}),
    ...(organisation ? { organisationName: organisation.value.name } : {}),
    ...(workgroupName ? { workgroupName } : {}),
    isFacilitator: isFacilitator(collaborative, actor),
    k: collaborative.k,
    ...(answeredOpenPulse !== undefined ? { answeredOpenPulse } : {}),
  };
}
