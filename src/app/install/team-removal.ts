import type { Collaborative } from '../../domain/model/collaborative';
import type { Member } from '../../domain/model/member';
import { guidSchema } from '../../domain/model/primitives';
import type { Versioned } from '../../storage/entity-table';
import { ConcurrencyError } from '../../storage/storage-errors';
import { recordAudit } from '../audit';
import { auditActorOf } from '../ports';
import { isPersonalReference } from './conversation-reference';
import { WRITE_ATTEMPTS, type InstallDeps, type Installer, type TeamsPerson } from './install-ports';

/**
 * People leaving a team, and RC Pulse leaving a team (removed, or the team deleted). Nothing
 * is deleted: rows are marked removed, so past pulses' counts and the audit trail stay true,
 * and adding the app again brings everyone back.
 */

export interface TeamRemovalResult {
  /** The collaborative linked to the team; undefined when the team was never linked. */
  collaborativeId?: string;
  /** Members the bot can no longer reach and now marks removed. */
  removed: number;
}

/** True for someone reached only through the team: they lose RC Pulse with it. */
function reachedThroughTeam(member: Member): boolean {
  return member.installState === 'installed' && !isPersonalReference(member.conversationReference);
}

/** Marks the chosen members removed, re-reading and retrying when a row changed meanwhile. */
async function markRemoved(deps: Pick<InstallDeps, 'members'>, collaborativeId: string, choose: (m: Member) => boolean): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const rows = (await deps.members.listVersioned(collaborativeId)).filter((m) => choose(m.value));
    const replace = rows.map((previous: Versioned<Member>) => ({ previous, next: { ...previous.value, installState: 'removed' as const } }));
    try {
      await deps.members.saveChanges({ replace });
      return replace.length;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}

function audit(deps: InstallDeps, c: Collaborative, by: Installer | undefined, action: string, details: Record<string, unknown>): Promise<void> {
  return recordAudit({ storage: deps, clock: deps.clock, actor: auditActorOf(by) }, c.id, action, c.id, details);
}

/**
 * People were removed from the collaborative's team: those reached only through the team
 * are marked removed (no more cards); someone with their own chat with RC Pulse keeps it.
 */
export async function teamMembersRemoved(
  deps: InstallDeps,
  teamId: string,
  people: readonly Pick<TeamsPerson, 'aadObjectId'>[],
  by?: Installer,
): Promise<TeamRemovalResult> {
  const linked = await deps.collaboratives.findByTeamsTeam(teamId);
  if (!linked) return { removed: 0 };
  const ids = new Set(people.flatMap((p) => {
    const aad = guidSchema.safeParse(p.aadObjectId);
    return aad.success ? [aad.data] : [];
  }));
  const removed = await markRemoved(deps, linked.value.id, (m) => m.aadObjectId !== undefined && ids.has(m.aadObjectId) && reachedThroughTeam(m));
  if (removed > 0) await audit(deps, linked.value, by, 'teams.members_removed', { removed });
  return { collaborativeId: linked.value.id, removed };
}

/**
 * RC Pulse was removed from the team, or the team was deleted: the collaborative keeps its
 * team id (adding the app again links it back) but loses its channel, so nothing is posted
 * there, and everyone reached only through the team is marked removed.
 */
export async function removedFromTeam(deps: InstallDeps, teamId: string, by?: Installer): Promise<TeamRemovalResult> {
  for (let attempt = 1; ; attempt++) {
    const linked = await deps.collaboratives.findByTeamsTeam(teamId);
    if (!linked) return { removed: 0 };
    const { teamsChannelId: _gone, channelReference: _reference, ...rest } = linked.value;
    try {
      if (linked.value.teamsChannelId !== undefined) await deps.collaboratives.update(linked, rest);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= WRITE_ATTEMPTS) throw error;
      continue;
    }
    const removed = await markRemoved(deps, linked.value.id, reachedThroughTeam);
    // Teams reports one removal twice (conversationUpdate and installationUpdate): record it once.
    if (linked.value.teamsChannelId !== undefined || removed > 0) await audit(deps, linked.value, by, 'teams.removed', { teamsTeamId: teamId, removed });
    return { collaborativeId: linked.value.id, removed };
  }
}
