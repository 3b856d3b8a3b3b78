import { TeamsInfo, type ChannelAccount, type TurnContext } from 'botbuilder';
import { personalAdded, teamAdded, teamMembersJoined } from '../../src/app/install/install-events';
import { uninstallPersonal } from '../../src/app/install/personal-install';
import { syncCounts } from '../../src/app/install/team-members';
import { removedFromTeam, teamMembersRemoved } from '../../src/app/install/team-removal';
import type { TeamsPerson } from '../../src/app/install/install-ports';
import type { BotDeps } from '../bot-deps';
import { connectorFailure } from '../proactive-sender';
import { installerOf, personOf, referenceOf, teamContextOf, tenantOf } from '../teams/activity-facts';
import { pagedTeamRoster } from '../teams/team-roster';
import { notOnListText, personalWelcomeText, teamWelcomeText } from './reply-text';
import { reachLateStaff } from '../../src/app/transition-cards/check-card-posts';

/** People became reachable: open transition checks naming them send their cards, and their cards say so. */
function reachTransitionStaff(deps: BotDeps, only?: { aadObjectId: string }): Promise<void> {
  return reachLateStaff({ ...deps.transitions.cards, transitions: deps.transitions.deps }, only);
}

/**
 * Installation and membership events, translated into one use-case call each: the app added
 * to or removed from a team or a person's chat, and people joining or leaving the team. What
 * follows (inviting people who can now be reached) is the use-cases' business. Teams may
 * report one install twice (conversationUpdate and installationUpdate); the use-cases are
 * safe to run twice and say whether anything was new, so welcomes are sent once.
 */

/** The app was added where this activity happened: a team, or a person's 1:1 chat. */
export async function onBotAdded(context: TurnContext, deps: BotDeps): Promise<void> {
  const team = teamContextOf(context.activity);
  if (team) {
    const roster = pagedTeamRoster(context, team.teamId, deps.rosterPageSize, team.tenantId);
    const result = await teamAdded(deps.install, team, installerOf(context.activity), roster);
    if (result.outcome === 'refused') {
      await context.sendActivity(result.message);
      return;
    }
    // The collaborative, not the team's conversation id: logs carry no conversation ids.
    deps.log(`info a team was linked to ${result.collaborative.id}`, { collaborativeId: result.collaborative.id, ...syncCounts(result.members) });
    if (result.newlyLinked) await context.sendActivity(teamWelcomeText(result.collaborative.name, result.created));
    await reachTransitionStaff(deps);
    return;
  }
  if (context.activity.conversation?.conversationType !== 'personal') return; // group chats are not linked
  const result = await personalAdded(deps.install, await describeUser(context), referenceOf(context.activity, true));
  if (result.outcome === 'refused') await context.sendActivity(result.message);
  else if (result.outcome === 'not_on_list') await context.sendActivity(notOnListText());
  else if (result.newlyInstalled) await context.sendActivity(personalWelcomeText(result.collaboratives.map((c) => c.name)));
  if (result.outcome === 'installed' && context.activity.from.aadObjectId) await reachTransitionStaff(deps, { aadObjectId: context.activity.from.aadObjectId });
}

/** The app was removed from a team (or the team deleted), or from a person's chat. */
export async function onBotRemoved(context: TurnContext, deps: BotDeps): Promise<void> {
  const team = teamContextOf(context.activity);
  if (team) {
    const result = await removedFromTeam(deps.install, team.teamId, installerOf(context.activity));
    deps.log('info the app was removed from a team', { membersMarkedRemoved: result.removed });
    return;
  }
  if (context.activity.conversation?.conversationType !== 'personal') return;
  const from = context.activity.from;
  await uninstallPersonal(deps.install, { teamsUserId: from.id, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) });
}

/** People joined the linked team: they are recorded like those listed at install. */
export async function onTeamMembersAdded(context: TurnContext, deps: BotDeps, members: readonly ChannelAccount[]): Promise<void> {
  const team = teamContextOf(context.activity);
  if (!team) return;
  await teamMembersJoined(deps.install, team, members.map((m) => personOf(m, team.tenantId)));
  await reachTransitionStaff(deps);
}

/** People left the linked team. */
export async function onTeamMembersRemoved(context: TurnContext, deps: BotDeps, members: readonly ChannelAccount[]): Promise<void> {
  const teamId = teamContextOf(context.activity)?.teamId;
  if (!teamId || members.length === 0) return;
  await teamMembersRemoved(deps.install, teamId, members.map((m) => personOf(m)), installerOf(context.activity));
}

/**
 * The person in a 1:1 chat, with their UPN and e-mail from the connector so a roster row
 * imported by e-mail can be matched. Without the lookup, the Entra object id still works.
 */
async function describeUser(context: TurnContext): Promise<TeamsPerson> {
  const from = context.activity.from;
  const tenantId = tenantOf(context.activity);
  const known = personOf(from, tenantId);
  try {
    return { ...known, ...personOf(await TeamsInfo.getMember(context, from.id), tenantId) };
  } catch (error) {
    if (connectorFailure(error).statusCode !== 404) throw error;
    return known;
  }
}
