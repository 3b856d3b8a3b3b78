import type { Storage } from '../../storage/storage';
import { inviteNewlyReachable, type LateJoinerDeps } from '../pulse/late-joiners';
import { reportIdentityConflicts, type ConflictReportDeps } from './identity-conflicts';
import type { InstallDeps, Installer, TeamContext, TeamRoster, TeamsPerson, ConversationReferenceJson } from './install-ports';
import { installPersonal, type PersonalInstallResult } from './personal-install';
import { installInTeam, type TeamInstallResult } from './team-install';
import { syncTeamMembers, type MemberSyncResult } from './team-members';

/**
 * What RC Pulse does for each Teams event that can make people reachable: the app added to
 * a team, people joining the linked team, the app added in a person's own chat. Each records
 * what Teams said (the install use-cases) and then follows up: an account that matched a row
 * linked to someone else is reported to the facilitators, and people who can now be reached
 * while a pulse is open are invited to it. The bot calls one of these once per event and only
 * says what the result tells it to.
 */

/** The install use-cases' dependencies, and what the follow-ups need: the open pulse, the audit trail, the channel. */
export interface InstallEventDeps extends InstallDeps, LateJoinerDeps, ConflictReportDeps {
  audit: Pick<Storage['audit'], 'record' | 'list'>;
}

/** Whether recording a team's members added anyone or gave anyone a way to be reached. */
function changed(result: MemberSyncResult): boolean {
  return result.added + result.updated > 0;
}

/** Entra object ids of the people named, where Teams gave one. */
function objectIds(people: readonly Pick<TeamsPerson, 'aadObjectId'>[]): string[] {
  return people.flatMap((p) => (p.aadObjectId ? [p.aadObjectId] : []));
}

/**
 * RC Pulse was added to a team: link it and record its members (or refuse, storing nothing);
 * anyone newly recorded or newly reachable is invited to the collaborative's open pulse.
 */
export async function teamAdded(deps: InstallEventDeps, team: TeamContext, installer: Installer, roster: TeamRoster): Promise<TeamInstallResult> {
  const result = await installInTeam(deps, team, installer, roster);
  if (result.outcome !== 'linked') return result;
  await reportIdentityConflicts(deps, result.members.conflicts);
  if (changed(result.members)) await inviteNewlyReachable(deps, [result.collaborative.id]);
  return result;
}

/**
 * People joined a team: when it is linked to a collaborative, they are recorded like those
 * listed at install, and invited to its open pulse. Undefined when the team is not linked.
 */
export async function teamMembersJoined(deps: InstallEventDeps, team: TeamContext, people: readonly TeamsPerson[]): Promise<MemberSyncResult | undefined> {
  if (people.length === 0) return undefined;
  const linked = await deps.collaboratives.findByTeamsTeam(team.teamId);
  if (!linked) return undefined;
  const result = await syncTeamMembers(deps, linked.value, people, team.reference, team.tenantId);
  await reportIdentityConflicts(deps, result.conflicts);
  // Someone who had removed the app and adds it back is invited again (see inviteNewlyReachable).
  if (changed(result)) await inviteNewlyReachable(deps, [linked.value.id], objectIds(people));
  return result;
}

/**
 * RC Pulse was added in a person's own chat: their chat is saved on each list they are on,
 * and, the first time, they are invited to those collaboratives' open pulses.
 */
export async function personalAdded(deps: InstallEventDeps, person: TeamsPerson, reference: ConversationReferenceJson): Promise<PersonalInstallResult> {
  const result = await installPersonal(deps, person, reference);
  await reportIdentityConflicts(deps, result.conflicts);
  if (result.outcome === 'installed' && result.newlyInstalled) {
    await inviteNewlyReachable(deps, result.collaboratives.map((c) => c.id), objectIds([person]));
  }
  return result;
}
