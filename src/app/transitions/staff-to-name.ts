import type { Collaborative } from '../../domain/model/collaborative';
import { FAMILIES_WORKGROUP_ID } from '../../domain/model/family';
import { memberOrFacilitator } from '../access-rules';
import type { Actor, MemberDirectory, WorkgroupDirectory } from '../ports';

/**
 * The people a transition check's starter may name as its staff: the collaborative's list,
 * by name, each with the role they answer for by default. Only what the picker needs: never
 * an e-mail address, a UPN, an organisation or how the bot reaches them.
 */

/** One person on the list, as the start form offers them. */
export interface StaffChoiceView {
  aadObjectId: string;
  name: string;
  /** Their workgroup on the list, when it is one a check's staff can answer for (active, not Families). */
  workgroupId?: string;
}

export interface StaffToNameDeps {
  members: MemberDirectory;
  workgroups: WorkgroupDirectory;
}

/**
 * The people who can be named as a check's staff, in name order, for someone who may start a
 * check (anyone on the list, or a facilitator: the same rule as startTransition; anyone else
 * gets ForbiddenError). Rows Teams has not yet given an Entra object id are left out: a
 * check's staff are named by that id, so they could not be chosen anyway.
 */
export async function staffToName(deps: StaffToNameDeps, actor: Actor, collaborative: Collaborative): Promise<StaffChoiceView[]> {
  await memberOrFacilitator(deps.members, collaborative, actor);
  const [members, workgroups] = await Promise.all([deps.members.list(collaborative.id), deps.workgroups.list(collaborative.id)]);
  // A family answers through a link, never as staff; a retired group takes no new answers.
  const roles = new Set(workgroups.filter((w) => !w.retiredAt && w.id !== FAMILIES_WORKGROUP_ID).map((w) => w.id));
  return members
    .flatMap((m): StaffChoiceView[] => {
      if (!m.aadObjectId) return [];
      const view: StaffChoiceView = { aadObjectId: m.aadObjectId, name: m.displayName };
      return [m.workgroupId && roles.has(m.workgroupId) ? { ...view, workgroupId: m.workgroupId } : view];
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.aadObjectId.localeCompare(b.aadObjectId));
}
