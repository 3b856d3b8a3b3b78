import { TurnContext, type Activity, type ChannelAccount, type TeamsChannelAccount } from 'botbuilder';
import type { Conversation } from '../../src/app/install/conversation-collaborative';
import type { ConversationReferenceJson, Installer, TeamContext, TeamsPerson } from '../../src/app/install/install-ports';
import type { Actor } from '../../src/app/ports';
import { ForbiddenError } from '../../src/domain/errors';

/**
 * Reads what the use-cases need out of a Teams activity: who acted, in which team and
 * tenant, and the conversation reference to save. The only place that knows where Teams
 * puts these (channelData.team, channelData.tenant, from.aadObjectId).
 */

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string };
  tenant?: { id?: string };
  /** On install, the channel the installer chose to set the app up in, if they chose one. */
  settings?: { selectedChannel?: { id?: string } };
  eventType?: string;
}

/** Teams' channelData, read defensively (any field may be missing). */
export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  const data = activity.channelData as TeamsChannelData | undefined;
  return typeof data === 'object' && data !== null ? data : {};
}

/** The tenant of the conversation. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  return activity.conversation?.tenantId ?? channelDataOf(activity).tenant?.id;
}

/** The team the activity happened in, if it happened in one. */
export function teamIdOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).team?.id;
}

/** True in a 1:1 chat with the bot. */
export function isPersonal(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === 'personal';
}

/**
 * Where the activity happened, as far as who reads a reply goes: a team's channel, the
 * person's own chat with RC Pulse, or any other chat (a group chat, a meeting chat).
 */
export function conversationOf(activity: Partial<Activity>): Conversation {
  const teamId = teamIdOf(activity);
  if (teamId) return { kind: 'team', teamId };
  return isPersonal(activity) ? { kind: 'personal' } : { kind: 'group' };
}

/** The person who acted, as the use-cases name them; refused kindly when Teams did not say. */
export function actorOf(activity: Partial<Activity>): Actor {
  const aadObjectId = activity.from?.aadObjectId;
  if (!aadObjectId) {
    throw new ForbiddenError('RC Pulse could not tell who you are, so nothing was done. Please try again from Microsoft Teams.', 'activity without from.aadObjectId');
  }
  const tenantId = tenantOf(activity);
  return { aadObjectId, ...(tenantId ? { tenantId } : {}), ...(activity.from?.name ? { displayName: activity.from.name } : {}) };
}

/** The installer (or whoever caused an event), when the activity names them. */
export function installerOf(activity: Partial<Activity>): Installer {
  const tenantId = tenantOf(activity);
  return {
    ...(activity.from?.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
    ...(activity.from?.name ? { displayName: activity.from.name } : {}),
    ...(tenantId ? { tenantId } : {}),
  };
}

/**
 * The conversation reference to save, as plain JSON. `withUser` false drops the user: a
 * team's reference serves every member, and the sender names the person when it opens a chat.
 */
export function referenceOf(activity: Partial<Activity>, withUser: boolean): ConversationReferenceJson {
  const { activityId: _activity, locale: _locale, user, ...rest } = TurnContext.getConversationReference(activity);
  return JSON.parse(JSON.stringify(withUser ? { ...rest, user } : rest)) as ConversationReferenceJson;
}

/** The team an activity happened in, with its reference; undefined outside a team. */
export function teamContextOf(activity: Partial<Activity>): TeamContext | undefined {
  const data = channelDataOf(activity);
  const teamId = data.team?.id;
  if (!teamId) return undefined;
  const tenantId = tenantOf(activity);
  // The channel the installer chose, else the one the activity came from, else General
  // (whose id is the team's). Results are posted there.
  const channelId = data.settings?.selectedChannel?.id ?? data.channel?.id ?? teamId;
  const reference = referenceOf(activity, false);
  const conversation = { ...(reference.conversation as Record<string, unknown>), id: channelId, conversationType: 'channel', isGroup: true };
  return {
    teamId,
    ...(data.team?.name ? { teamName: data.team.name } : {}),
    channelId,
    ...(tenantId ? { tenantId } : {}),
    reference: { ...reference, conversation },
  };
}

/** A Teams account as the install use-cases take it. */
export function personOf(account: ChannelAccount | TeamsChannelAccount, fallbackTenantId?: string): TeamsPerson {
  const a = account as Partial<TeamsChannelAccount>;
  const tenantId = a.tenantId ?? fallbackTenantId;
  return {
    teamsUserId: account.id,
    ...(a.aadObjectId ? { aadObjectId: a.aadObjectId } : {}),
    ...(a.name ? { name: a.name } : {}),
    ...(a.userPrincipalName ? { upn: a.userPrincipalName } : {}),
    ...(a.email ? { email: a.email } : {}),
    ...(tenantId ? { tenantId } : {}),
  };
}

/** A person mentioned in a message, as Teams describes them (user mentions carry no e-mail). */
export interface MentionedPerson {
  /** The Teams user id ("29:..."). */
  id: string;
  name: string;
  /** Some clients add it; most do not. */
  aadObjectId?: string;
}

/**
 * The people mentioned in a message, in the order they were mentioned, each once: Teams lists
 * them as `mention` entities beside the text. The bot itself, and tags or channels (ids that
 * are not people's), are left out.
 */
export function mentionedPeople(activity: Partial<Activity>): MentionedPerson[] {
  const botId = activity.recipient?.id;
  const seen = new Set<string>();
  const people: MentionedPerson[] = [];
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const mentioned = (entity as { mentioned?: { id?: unknown; name?: unknown; aadObjectId?: unknown } }).mentioned;
    const id = typeof mentioned?.id === 'string' ? mentioned.id : undefined;
    if (!id || id === botId || seen.has(id) || id.startsWith('19:')) continue;
    seen.add(id);
    const name = typeof mentioned?.name === 'string' && mentioned.name.trim() ? mentioned.name.trim().slice(0, 200) : 'Someone';
    people.push({ id, name, ...(typeof mentioned?.aadObjectId === 'string' ? { aadObjectId: mentioned.aadObjectId } : {}) });
  }
  return people;
}
