import { randomUUID } from 'node:crypto';

/**
 * Builds real Bot Framework activities, shaped as Microsoft Teams sends them, and POSTs them
 * to the bot's /api/messages over HTTP. Each call returns the HTTP status and body: for an
 * invoke, the body is the invoke response (e.g. the card that replaces the pressed one).
 */

/** A Teams user as activities name them. */
export interface TeamsUser {
  /** The Teams user id, "29:...". */
  id: string;
  name: string;
  aadObjectId: string;
  upn: string;
  tenantId: string;
}

/** A team as channelData names it. */
export interface TeamsTeam {
  /** The team id, which is also its General channel's conversation id. */
  id: string;
  name: string;
  aadGroupId: string;
  tenantId: string;
}

/** A user with tidy, unique ids, e.g. aUser(tenant, 'Fran Facilitator'). */
export function aUser(tenantId: string, name: string, upn?: string): TeamsUser {
  const aadObjectId = randomUUID();
  return {
    id: `29:1${aadObjectId.replace(/-/g, '')}`,
    name,
    aadObjectId,
    upn: upn ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${aadObjectId.slice(0, 4)}@nhs.net`,
    tenantId,
  };
}

/** A team of a tenant, with a Teams-shaped id. */
export function aTeam(tenantId: string, name = 'Perinatal Collaborative'): TeamsTeam {
  const id = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  return { id, name, aadGroupId: randomUUID(), tenantId };
}

/** The account a fake connector lists for a user. */
export function accountOf(user: TeamsUser): { id: string; name: string; aadObjectId: string; userPrincipalName: string; email: string; tenantId: string } {
  return { id: user.id, name: user.name, aadObjectId: user.aadObjectId, userPrincipalName: user.upn, email: user.upn, tenantId: user.tenantId };
}

/** The 1:1 chat id between a user and the bot. */
export function personalChatId(user: TeamsUser): string {
  return `a:1:1-${user.id}`;
}

/** What /api/messages answered: the HTTP status and the parsed body. */
export interface BotResponse {
  status: number;
  body: unknown;
}

type Activity = Record<string, unknown>;

/** Where a message or invoke happens: a team's channel, a person's 1:1 chat, or a group chat (by its id). */
export type Place = { team: TeamsTeam; channelId?: string } | { personal: true } | { groupChat: string };

/** A group chat's id, shaped as Teams makes them. */
export function aGroupChatId(): string {
  return `19:${randomUUID().replace(/-/g, '')}@thread.v2`;
}

/** Sends activities as Teams would, on behalf of the test's users, to one bot endpoint. */
export class BotClient {
  readonly bot = { id: `28:${randomUUID()}`, name: 'RC Pulse' };

  /**
   * @param endpoint the bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages
   * @param serviceUrl where the bot must reply (the fake connector's URL)
   */
  constructor(
    readonly endpoint: string,
    readonly serviceUrl: string,
  ) {}

  /** POSTs an activity; `authorization` is sent as the header when given. */
  async post(activity: Activity, authorization?: string): Promise<BotResponse> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (e.g. a plain error message): keep the text.
    }
    return { status: res.status, body };
  }

  /** The fields every activity from Teams carries. */
  private base(type: string, from: TeamsUser | undefined, place: Place, tenantId: string): Activity {
    const isTeam = 'team' in place;
    const conversation = isTeam
      ? { id: place.channelId ?? place.team.id, conversationType: 'channel', isGroup: true, tenantId }
      : 'groupChat' in place
        ? { id: place.groupChat, conversationType: 'groupChat', isGroup: true, tenantId }
        : { id: personalChatId(from!), conversationType: 'personal', tenantId };
    return {
      type,
      id: `f:${randomUUID()}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      from: from ? { id: from.id, name: from.name, aadObjectId: from.aadObjectId } : { id: this.bot.id },
      recipient: { id: this.bot.id, name: this.bot.name },
      conversation,
      channelData: {
        tenant: { id: tenantId },
        ...(isTeam ? { team: { id: place.team.id, name: place.team.name, aadGroupId: place.team.aadGroupId }, channel: { id: place.channelId ?? place.team.id } } : {}),
      },
      locale: 'en-GB',
    };
  }

  /** A message typed by a user; in a channel or group chat the bot is mentioned first, as Teams does. */
  message(from: TeamsUser, text: string, place: Place = { personal: true }): Promise<BotResponse> {
    const mentioned = !('personal' in place);
    const shown = mentioned ? `<at>${this.bot.name}</at> ${text}` : text;
    const activity: Activity = { ...this.base('message', from, place, from.tenantId), text: shown, textFormat: 'plain' };
    if (mentioned) activity.entities = [{ type: 'mention', text: `<at>${this.bot.name}</at>`, mentioned: this.bot }];
    return this.post(activity);
  }

  /**
   * A message that @mentions people after the text, as Teams sends it: each name in <at> tags in
   * the text and a `mention` entity each (id and name only: Teams adds no e-mail or object id).
   */
  messageWithMentions(from: TeamsUser, text: string, people: readonly TeamsUser[], place: Place = { personal: true }): Promise<BotResponse> {
    const mentioned = !('personal' in place);
    const tags = people.map((p) => `<at>${p.name}</at>`);
    const shown = `${mentioned ? `<at>${this.bot.name}</at> ` : ''}${text} ${tags.join(' ')}`;
    const entities = [
      ...(mentioned ? [{ type: 'mention', text: `<at>${this.bot.name}</at>`, mentioned: this.bot }] : []),
      ...people.map((p, i) => ({ type: 'mention', text: tags[i], mentioned: { id: p.id, name: p.name } })),
    ];
    return this.post({ ...this.base('message', from, place, from.tenantId), text: shown, textFormat: 'plain', entities });
  }

  /** What an Action.Submit fallback sends: a message whose value is the data plus the inputs. */
  submit(from: TeamsUser, value: Record<string, unknown>, replyToId?: string, place: Place = { personal: true }): Promise<BotResponse> {
    return this.post({ ...this.base('message', from, place, from.tenantId), value, ...(replyToId ? { replyToId } : {}) });
  }

  /** A Universal Actions invoke (Action.Execute): `adaptiveCard/action`. */
  invoke(from: TeamsUser, verb: string, data: Record<string, unknown>, place: Place = { personal: true }): Promise<BotResponse> {
    return this.invokeValue(from, { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' }, place);
  }

  /** An `adaptiveCard/action` invoke with any value (for tampered or broken requests). */
  invokeValue(from: TeamsUser, value: unknown, place: Place = { personal: true }): Promise<BotResponse> {
    return this.post({ ...this.base('invoke', from, place, from.tenantId), name: 'adaptiveCard/action', value });
  }

  /** The bot added to a team by `by` (conversationUpdate, eventType teamMemberAdded). */
  installInTeam(by: TeamsUser, team: TeamsTeam): Promise<BotResponse> {
    const activity = this.base('conversationUpdate', by, { team }, team.tenantId);
    return this.post({ ...activity, membersAdded: [{ id: this.bot.id }], channelData: { ...(activity.channelData as object), eventType: 'teamMemberAdded' } });
  }

  /** The app installed for a person (conversationUpdate in their new 1:1 chat). */
  installPersonal(user: TeamsUser): Promise<BotResponse> {
    return this.post({ ...this.base('conversationUpdate', user, { personal: true }, user.tenantId), membersAdded: [{ id: this.bot.id }] });
  }

  /** An installationUpdate (add or remove), in a team or personally. */
  installationUpdate(by: TeamsUser, action: 'add' | 'remove', place: Place = { personal: true }): Promise<BotResponse> {
    const tenantId = 'team' in place ? place.team.tenantId : by.tenantId;
    return this.post({ ...this.base('installationUpdate', by, place, tenantId), action });
  }

  /** People added to a team (they arrive with ids only; the bot looks up the rest). */
  membersAdded(team: TeamsTeam, users: readonly TeamsUser[], by?: TeamsUser): Promise<BotResponse> {
    const activity = this.base('conversationUpdate', by, { team }, team.tenantId);
    const membersAdded = users.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId }));
    return this.post({ ...activity, membersAdded, channelData: { ...(activity.channelData as object), eventType: 'teamMemberAdded' } });
  }

  /** People removed from a team. */
  membersRemoved(team: TeamsTeam, users: readonly TeamsUser[], by?: TeamsUser): Promise<BotResponse> {
    const activity = this.base('conversationUpdate', by, { team }, team.tenantId);
    const membersRemoved = users.map((u) => ({ id: u.id, aadObjectId: u.aadObjectId }));
    return this.post({ ...activity, membersRemoved, channelData: { ...(activity.channelData as object), eventType: 'teamMemberRemoved' } });
  }

  /** The bot removed from a team (the app uninstalled there). */
  uninstallFromTeam(team: TeamsTeam, by?: TeamsUser): Promise<BotResponse> {
    const activity = this.base('conversationUpdate', by, { team }, team.tenantId);
    return this.post({ ...activity, membersRemoved: [{ id: this.bot.id }], channelData: { ...(activity.channelData as object), eventType: 'teamMemberRemoved' } });
  }

  /** A team-level event with no members, e.g. 'teamDeleted', 'teamRenamed', 'teamArchived'. */
  teamEvent(team: TeamsTeam, eventType: string, by?: TeamsUser): Promise<BotResponse> {
    const activity = this.base('conversationUpdate', by, { team }, team.tenantId);
    return this.post({ ...activity, channelData: { ...(activity.channelData as object), eventType } });
  }
}

/** The card in an invoke response body (`{ statusCode, type, value }`). */
export function invokeCard(response: BotResponse): Record<string, unknown> {
  const body = response.body as { statusCode?: number; type?: string; value?: Record<string, unknown> } | undefined;
  if (response.status !== 200 || body?.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
    throw new Error(`not a card invoke response: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  }
  return body.value;
}
