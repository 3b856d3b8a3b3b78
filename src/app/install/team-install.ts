import { createHash } from 'node:crypto';
import type { Collaborative, CollaborativeInput } from '../../domain/model/collaborative';
import { guidSchema, idSchema } from '../../domain/model/primitives';
import type { Versioned } from '../../storage/entity-table';
import { ConcurrencyError } from '../../storage/storage-errors';
import { recordAudit } from '../audit';
import { auditActorOf } from '../ports';
import { idFromName } from '../setup/setup-ids';
import { WRITE_ATTEMPTS, type InstallDeps, type Installer, type TeamContext, type TeamRoster, type TeamsPerson } from './install-ports';
import { syncCounts, syncTeamMembers, type MemberSyncResult } from './team-members';
import { isTenantAllowed, TENANT_REFUSAL } from './tenant-rule';

/**
 * Adding RC Pulse to a team links the team to a collaborative and records its members.
 *
 * Which collaborative, kept simple on purpose:
 * 1. the one already linked to this team (the app was added again);
 * 2. else the collaborative the installer facilitates that has no team yet (the most
 *    recently created, if they facilitate several);
 * 3. else a new one, named after the team, with the installer as its facilitator and the
 *    team's tenant as its only allowed tenant.
 * An installer from a tenant the collaborative does not allow is refused and nothing is stored.
 */

/** What a new collaborative asks about until a facilitator sets its focal process in setup. */
export const DEFAULT_FOCAL_PROCESS = 'the care we give mothers and families together';

/** What adding the app to a team did: refused (nothing stored), or linked. */
export type TeamInstallResult =
  | { outcome: 'refused'; message: string }
  | {
      outcome: 'linked';
      collaborative: Collaborative;
      /** A new collaborative was made for this team. */
      created: boolean;
      /** The team was not linked before: worth a welcome message. */
      newlyLinked: boolean;
      members: MemberSyncResult;
    };

/**
 * The id of the collaborative made for a team: readable, and the same for the same team, so
 * two install events handled at once (Teams sends conversationUpdate and installationUpdate)
 * try to create the same row and only one succeeds.
 */
export function collaborativeIdForTeam(teamName: string, teamId: string): string {
  const digest = createHash('sha256').update(teamId).digest('hex').slice(0, 8);
  const id = `${idFromName(teamName).slice(0, 55).replace(/-+$/, '')}-${digest}`;
  return idSchema.safeParse(id).success ? id : `team-${digest}`;
}

/**
 * The collaborative this team already has, else the one the installer facilitates without a
 * team. Teams sends two events for one install, handled at once: the other may link the team
 * between our findByTeamsTeam and this read, so a collaborative linked to this very team is
 * taken too (otherwise this event would see no candidate and create a second collaborative).
 */
async function facilitatedWithoutTeam(deps: InstallDeps, team: TeamContext, installer: Installer): Promise<Versioned<Collaborative> | undefined> {
  const aad = guidSchema.safeParse(installer.aadObjectId);
  const all = await deps.collaboratives.list();
  const linkedMeanwhile = all.find((c) => c.teamsTeamId === team.teamId);
  const candidates = all
    .filter((c) => c.teamsTeamId === undefined && aad.success && c.facilitatorIds.includes(aad.data))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const chosen = linkedMeanwhile ?? candidates[0];
  return chosen ? deps.collaboratives.find(chosen.id) : undefined;
}

function newCollaborative(deps: InstallDeps, team: TeamContext, installer: Installer): CollaborativeInput {
  const facilitator = guidSchema.safeParse(installer.aadObjectId);
  const tenant = guidSchema.safeParse(team.tenantId);
  const name = (team.teamName ?? '').trim().slice(0, 200) || 'RC Pulse collaborative';
  return {
    id: collaborativeIdForTeam(name, team.teamId),
    name,
    focalProcess: DEFAULT_FOCAL_PROCESS,
    facilitatorIds: facilitator.success ? [facilitator.data] : [],
    allowedTenantIds: tenant.success ? [tenant.data] : [],
    teamsTeamId: team.teamId,
    teamsChannelId: team.channelId,
    channelReference: team.reference,
    createdAt: deps.clock().toISOString(),
  };
}

function audit(deps: InstallDeps, c: Collaborative, installer: Installer, action: string, details: Record<string, unknown>): Promise<void> {
  return recordAudit({ storage: deps, clock: deps.clock, actor: auditActorOf(installer) }, c.id, action, c.id, details);
}

/** Links the team to a collaborative (see above); retries when another event got there first. */
async function link(deps: InstallDeps, team: TeamContext, installer: Installer): Promise<TeamInstallResult | { collaborative: Collaborative; created: boolean; newlyLinked: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const current = (await deps.collaboratives.findByTeamsTeam(team.teamId)) ?? (await facilitatedWithoutTeam(deps, team, installer));
      if (!current) {
        const created = (await deps.collaboratives.create(newCollaborative(deps, team, installer))).value;
        await audit(deps, created, installer, 'collaborative.created', { name: created.name, teamsTeamId: team.teamId, via: 'teams_install' });
        return { collaborative: created, created: true, newlyLinked: true };
      }
      if (!isTenantAllowed(current.value, installer.tenantId ?? team.tenantId, team.tenantId)) {
        return { outcome: 'refused', message: TENANT_REFUSAL };
      }
      const before = current.value;
      // A collaborative linked before channel references were kept gets its reference now.
      if (before.teamsTeamId === team.teamId && before.teamsChannelId === team.channelId && before.channelReference !== undefined) {
        return { collaborative: before, created: false, newlyLinked: false };
      }
      const linkedNow = { ...before, teamsTeamId: team.teamId, teamsChannelId: team.channelId, channelReference: team.reference };
      const saved = (await deps.collaboratives.update(current, linkedNow)).value;
      await audit(deps, saved, installer, 'teams.linked', { teamsTeamId: team.teamId, teamsChannelId: team.channelId });
      // Welcome a new team, or one adding the app back after removing it (its channel was
      // cleared then); a new channel for a team that has the app is no reason to welcome twice.
      return { collaborative: saved, created: false, newlyLinked: before.teamsTeamId !== team.teamId || before.teamsChannelId === undefined };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

/** Every member of the team, page by page. */
async function allMembers(roster: TeamRoster): Promise<TeamsPerson[]> {
  const people: TeamsPerson[] = [];
  for await (const page of roster.pages()) people.push(...page);
  return people;
}

/**
 * RC Pulse was added to a team: link the team to a collaborative (or refuse, storing
 * nothing), then page through the team's members and record them, each reachable through
 * the team's conversation reference. Safe to run twice for one install.
 */
export async function installInTeam(deps: InstallDeps, team: TeamContext, installer: Installer, roster: TeamRoster): Promise<TeamInstallResult> {
  const linked = await link(deps, team, installer);
  if ('outcome' in linked) return linked;
  const people = await allMembers(roster);
  const members = await syncTeamMembers(deps, linked.collaborative, people, team.reference, team.tenantId);
  if (members.added + members.updated > 0) {
    await audit(deps, linked.collaborative, installer, 'teams.members_synced', syncCounts(members));
  }
  return { outcome: 'linked', ...linked, members };
}
