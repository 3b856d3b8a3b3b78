import type restify from 'restify';
import type { CollaborativeAccess } from '../app/results/collaborative-access';
import type { SignedInPerson } from '../app/results/signed-in-person';
import { staffToName, type StaffChoiceView, type StaffToNameDeps } from '../app/transitions';
import type { MemberChoice, MembersResponse } from '../contract/members-contract';
import { signedInRoute, type RouteKit } from './route-kit';

/**
 * The collaborative's list for the tab's transition start form (src/contract/members-contract.ts).
 * Thin: the sign-in and the collaborative are checked as for the transition start route, the
 * use-case applies the same rule as a start, and its view is mapped field by field, so a field
 * added to the view later never reaches the wire by accident.
 */

export interface MemberRouteDeps extends StaffToNameDeps {
  collaborativeOf(req: restify.Request, person: SignedInPerson): Promise<CollaborativeAccess>;
}

/** One person as the body carries them: id, name and default role only. */
function memberChoiceBody(view: StaffChoiceView): MemberChoice {
  return view.workgroupId === undefined
    ? { aadObjectId: view.aadObjectId, name: view.name }
    : { aadObjectId: view.aadObjectId, name: view.name, workgroupId: view.workgroupId };
}

/** Mounts GET /api/collaboratives/:id/members on `server`. */
export function registerMemberRoutes(server: restify.Server, kit: RouteKit, deps: MemberRouteDeps): void {
  server.get(
    '/api/collaboratives/:id/members',
    signedInRoute(kit, async (req, person) => {
      const access = await deps.collaborativeOf(req, person);
      const actor = { aadObjectId: person.aadObjectId, tenantId: person.tenantId, displayName: person.name };
      const body: MembersResponse = { members: (await staffToName(deps, actor, access.collaborative)).map(memberChoiceBody) };
      return { json: body };
    }),
  );
}
