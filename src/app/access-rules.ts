import { ForbiddenError } from '../domain/errors';
import type { Collaborative } from '../domain/model/collaborative';
import type { Member } from '../domain/model/member';
import { isTenantAllowed } from './install/tenant-rule';
import type { Actor, MemberDirectory } from './ports';

/**
 * Who may do what in a collaborative. Facilitators run pulses; the people on the
 * collaborative's list answer them and see results. Refusals name who can help, kindly.
 */

/** At most this many facilitators are named in a refusal; the card stays short. */
const NAMED_FACILITATORS = 3;

/** True when the person is one of the collaborative's facilitators. */
export function isFacilitator(collaborative: Pick<Collaborative, 'facilitatorIds'>, actor: Pick<Actor, 'aadObjectId'>): boolean {
  return collaborative.facilitatorIds.includes(actor.aadObjectId.toLowerCase());
}

/** "Alex, Sam or Jo": names joined the way a person would say them. */
function orList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Refuses anyone who is not a facilitator, with a message that names the facilitators
 * (looked up on the member list) so the person knows whom to ask. `task` completes
 * "Only the collaborative's facilitators can ...", e.g. 'start a pulse'.
 */
export async function assertFacilitator(
  members: MemberDirectory,
  collaborative: Collaborative,
  actor: Actor,
  task: string,
): Promise<void> {
  if (isFacilitator(collaborative, actor)) return;
  const detail = `${actor.aadObjectId} is not a facilitator of ${collaborative.id} (${task})`;
  if (collaborative.facilitatorIds.length === 0) {
    throw new ForbiddenError(
      `Only the collaborative's facilitators can ${task}, and none have been named yet. Whoever set up RC Pulse can add them in setup.`,
      detail,
    );
  }
  const found = await Promise.all(
    collaborative.facilitatorIds.slice(0, NAMED_FACILITATORS).map((id) => members.findByAadObjectId(collaborative.id, id)),
  );
  const names = found.flatMap((m) => (m ? [m.value.displayName] : []));
  const ask = names.length > 0 ? `Please ask ${orList(names)}.` : 'Please ask one of them.';
  throw new ForbiddenError(`Only the collaborative's facilitators can ${task}. ${ask}`, detail);
}

/**
 * Refuses a person signed in with a tenant the collaborative does not allow: one on its
 * allowed list or, when the list is empty, its home tenant only (see install/tenant-rule.ts).
 * NHSmail is one tenant shared by every NHS organisation, so the member list is what really
 * decides; this stops people from tenants nobody agreed to, including look-alike names made
 * in a tenant of their own. Callers inside the product (the command line) name no tenant.
 */
export function assertAllowedTenant(collaborative: Collaborative, actor: Actor): void {
  if (actor.tenantId === undefined) return;
  if (!isTenantAllowed(collaborative, actor.tenantId)) {
    throw new ForbiddenError(
      'RC Pulse is not set up for your organisation in this collaborative. Please ask a facilitator to add it.',
      `tenant ${actor.tenantId} not allowed in ${collaborative.id}`,
    );
  }
}

/**
 * The person's row on the collaborative's list. Facilitators who are not on the list are
 * let through with undefined; anyone else is refused, kindly.
 */
export async function memberOrFacilitator(
  members: MemberDirectory,
  collaborative: Collaborative,
  actor: Actor,
): Promise<Member | undefined> {
  assertAllowedTenant(collaborative, actor);
  const found = await members.findByAadObjectId(collaborative.id, actor.aadObjectId);
  if (found || isFacilitator(collaborative, actor)) return found?.value;
  // The collaborative is not named: this person may not see it.
  throw new ForbiddenError(
    "You are not on the list of people taking part in this collaborative yet. Please ask a facilitator to add you.",
    `${actor.aadObjectId} is not a member of ${collaborative.id}`,
  );
}
