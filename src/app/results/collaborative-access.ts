import { ForbiddenError, NotFoundError } from '../../domain/errors';
import type { Collaborative } from '../../domain/model/collaborative';
import type { Member } from '../../domain/model/member';
import type { Storage } from '../../storage/storage';
import { assertAllowedTenant, isFacilitator } from '../access-rules';
import type { SignedInPerson } from './signed-in-person';

/**
 * Who may see what in the tab. A collaborative's facilitators are facilitators; the people
 * on its list are viewers; anyone else sees nothing of it. A tenant the collaborative does
 * not allow (one not on its list, or, when the list is empty, any but its home tenant) is
 * refused before anything else (403: the sign-in is fine, the access is not), so a name or
 * e-mail address made up in another tenant never matches a row on the list. A refusal never
 * names the collaborative: the person may not know it.
 */

export type CollaborativeRole = 'viewer' | 'facilitator';

export interface CollaborativeAccessDeps {
  collaboratives: Pick<Storage['collaboratives'], 'find' | 'list' | 'findByTeamsTeam'>;
  members: Pick<Storage['members'], 'findByAadObjectId' | 'findByUpnOrEmail'>;
}

/** A collaborative together with the signed-in person's role in it. */
export interface CollaborativeAccess {
  collaborative: Collaborative;
  role: CollaborativeRole;
  person: SignedInPerson;
}

/**
 * The person's row on the list: by Entra object id, else by UPN or e-mail (a roster names
 * people before Teams has told us their ids). A UPN match counts only when the row has no
 * other Entra id and no other tenant, so a look-alike name from another tenant never
 * borrows someone's place on the list.
 */
async function memberRow(deps: CollaborativeAccessDeps, collaborativeId: string, person: SignedInPerson): Promise<Member | undefined> {
  const byId = await deps.members.findByAadObjectId(collaborativeId, person.aadObjectId);
  if (byId) return byId.value;
  if (!person.upn) return undefined;
  const byName = (await deps.members.findByUpnOrEmail(collaborativeId, person.upn))?.value;
  if (!byName) return undefined;
  const sameId = byName.aadObjectId === undefined || byName.aadObjectId.toLowerCase() === person.aadObjectId;
  const sameTenant = byName.tenantId === undefined || byName.tenantId.toLowerCase() === person.tenantId;
  return sameId && sameTenant ? byName : undefined;
}

/**
 * The person's role in a collaborative, or undefined when they are not part of it.
 * ForbiddenError when their tenant is not one the collaborative allows.
 */
export async function roleIn(deps: CollaborativeAccessDeps, collaborative: Collaborative, person: SignedInPerson): Promise<CollaborativeRole | undefined> {
  assertAllowedTenant(collaborative, { aadObjectId: person.aadObjectId, tenantId: person.tenantId });
  if (isFacilitator(collaborative, person)) return 'facilitator';
  return (await memberRow(deps, collaborative.id, person)) ? 'viewer' : undefined;
}

/** Refuses kindly when the person is not part of the collaborative. */
async function requireRole(deps: CollaborativeAccessDeps, collaborative: Collaborative, person: SignedInPerson): Promise<CollaborativeAccess> {
  const role = await roleIn(deps, collaborative, person);
  if (role) return { collaborative, role, person };
  throw new ForbiddenError(
    'You are not on the list of people taking part in this collaborative. Please ask one of its facilitators to add you.',
    `${person.aadObjectId} is not a member of ${collaborative.id}`,
  );
}

/** The collaborative by id with the person's role: 404 when there is none, 403 when it is not theirs. */
export async function openCollaborative(deps: CollaborativeAccessDeps, collaborativeId: string, person: SignedInPerson): Promise<CollaborativeAccess> {
  const found = await deps.collaboratives.find(collaborativeId);
  if (!found) throw new NotFoundError('collaborative', `no collaborative ${collaborativeId}`);
  return requireRole(deps, found.value, person);
}

/** The collaborative a Teams team works in, with the person's role (the tab's channel context). */
export async function collaborativeOfTeam(deps: CollaborativeAccessDeps, teamsTeamId: string, person: SignedInPerson): Promise<CollaborativeAccess> {
  const found = await deps.collaboratives.findByTeamsTeam(teamsTeamId);
  if (!found) throw new TeamNotLinkedError(teamsTeamId);
  return requireRole(deps, found.value, person);
}

/** Every collaborative the person may see, with their role, in name order. */
export async function myCollaboratives(deps: CollaborativeAccessDeps, person: SignedInPerson): Promise<{ id: string; name: string; role: CollaborativeRole }[]> {
  const all = await deps.collaboratives.list();
  const roles = await Promise.all(
    all.map(async (c) => {
      try {
        return await roleIn(deps, c, person);
      } catch (error) {
        // A tenant refused by one collaborative simply does not list it.
        if (error instanceof ForbiddenError) return undefined;
        throw error;
      }
    }),
  );
  return all
    .flatMap((c, i) => (roles[i] ? [{ id: c.id, name: c.name, role: roles[i] }] : []))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** 404 for a team no collaborative works in yet; says how to link one. */
export class TeamNotLinkedError extends NotFoundError {
  override readonly code = 'not_linked';
  override readonly userMessage =
    'This team is not linked to a collaborative yet. A facilitator can link it by adding RC Pulse to the team and choosing the collaborative in the tab settings.';

  constructor(teamsTeamId: string) {
    super('collaborative for this team', `no collaborative with teamsTeamId ${teamsTeamId}`);
  }
}
