import type { ConversationReference } from 'botbuilder';
import { isPersonalReference } from '../src/app/install/conversation-reference';
import type { CardSender, CardUpdater, PostedCard, Recipient, SendHooks, SendOutcome } from '../src/app/ports';
import type { AdaptiveCard } from '../src/cards/card-types';
import type { Collaborative } from '../src/domain/model/collaborative';
import { cardMessage } from './card-replies';
import { ConnectorRequestError, type ConnectorClient, type ConnectorResponse } from './connector-client';

/**
 * Sends cards when nobody has just written to the bot (pulse invitations, reminders, the
 * results post), with the conversation references saved at install, over the thin connector
 * client: one request per call, no hidden retries (the delivery engine decides those).
 * Failures come back as outcomes, never thrown: one person who blocked the app must not stop
 * everyone else's card.
 */

/** The HTTP status and Bot Framework error code of a failed connector call, when it had them. */
export function connectorFailure(error: unknown): { statusCode?: number; code?: string } {
  const e = error as { statusCode?: number; code?: string; body?: unknown; response?: { bodyAsText?: string; status?: number } };
  const statusCode = typeof e?.statusCode === 'number' ? e.statusCode : e?.response?.status;
  let body = e?.body as { error?: { code?: string } } | string | undefined;
  if (typeof body === 'string' || body === undefined) {
    try {
      body = JSON.parse(typeof body === 'string' ? body : (e?.response?.bodyAsText ?? '')) as { error?: { code?: string } };
    } catch {
      body = undefined;
    }
  }
  const code = (typeof body === 'object' && body?.error?.code) || (typeof e?.code === 'string' ? e.code : undefined);
  return { ...(statusCode !== undefined ? { statusCode } : {}), ...(code ? { code } : {}) };
}

/** 403 MessageWritesBlocked: they blocked or removed the app. 404: the chat is gone. Else failed. */
export function outcomeOfFailure(error: unknown): SendOutcome {
  const { statusCode, code } = connectorFailure(error);
  if (statusCode === 403 && code === 'MessageWritesBlocked') return { status: 'blocked', statusCode };
  if (statusCode === 404) return { status: 'not_found', statusCode };
  return { status: 'failed', ...(statusCode !== undefined ? { statusCode } : {}) };
}

/** The outcome of one answered request; a success carries the new activity's id. */
function outcomeOf(res: ConnectorResponse): SendOutcome {
  if (res.status >= 200 && res.status < 300) {
    const id = typeof res.body?.id === 'string' ? res.body.id : undefined;
    return { status: 'sent', statusCode: res.status, ...(id ? { activityId: id } : {}) };
  }
  const failure = outcomeOfFailure({ statusCode: res.status, body: res.body });
  return res.retryAfterMs !== undefined ? { ...failure, retryAfterMs: res.retryAfterMs } : failure;
}

/** A request that got no answer: certainly not delivered, or perhaps delivered. */
function outcomeOfLostRequest(error: unknown): SendOutcome {
  if (error instanceof ConnectorRequestError) return { status: 'failed', ...(error.delivered === 'maybe' ? { uncertain: true } : {}) };
  throw error;
}

type Reference = Partial<ConversationReference>;

/** Remembered 1:1 chats at most: a person's chat id never changes, so a stale entry is harmless. */
const MAX_REMEMBERED_CHATS = 50_000;

/** The Bot Framework implementation of the use-cases' CardSender port. */
export class ProactiveSender implements CardSender, CardUpdater {
  /** 1:1 chat ids opened from a team's reference, so a retry or a reminder does not open it again. */
  private readonly chats = new Map<string, string>();

  constructor(private readonly connector: ConnectorClient) {}

  /**
   * Sends to the person's 1:1 chat. With only the team's reference (the app reached them
   * through the team), it opens the 1:1 chat first: Teams answers with the same chat each
   * time, so all their cards stay in one conversation.
   */
  async sendToMember(member: Recipient, card: AdaptiveCard, hooks: SendHooks = {}): Promise<SendOutcome> {
    const reference = member.conversationReference as Reference | undefined;
    if (!reference?.serviceUrl || !reference.conversation?.id) return { status: 'not_found' };
    const tenantId = reference.conversation.tenantId;
    let conversationId = reference.conversation.id;
    if (!isPersonalReference(reference)) {
      if (!member.teamsUserId) return { status: 'not_found' };
      const opened = await this.openChat(reference, member.teamsUserId, hooks);
      if (typeof opened !== 'string') return opened;
      conversationId = opened;
    }
    const user = reference.user ?? (member.teamsUserId ? { id: member.teamsUserId } : undefined);
    return this.post(reference, { id: conversationId, conversationType: 'personal', ...(tenantId ? { tenantId } : {}) }, user, card, hooks);
  }

  /** Posts in the collaborative's channel, with the channel's reference saved at install. */
  async sendToChannel(collaborative: Collaborative, card: AdaptiveCard, hooks: SendHooks = {}): Promise<SendOutcome> {
    const reference = collaborative.channelReference as Reference | undefined;
    if (!collaborative.teamsChannelId || !reference?.serviceUrl || !reference.conversation) return { status: 'not_found' };
    const conversation = { ...reference.conversation, id: collaborative.teamsChannelId, conversationType: 'channel', isGroup: true };
    return this.post(reference, conversation, undefined, card, hooks);
  }

  /** Replaces a card posted earlier (PUT on its activity), e.g. a transition check's card as people answer. */
  async updateCard(posted: PostedCard, card: AdaptiveCard): Promise<SendOutcome> {
    const reference = posted.reference as Reference | undefined;
    if (!reference?.serviceUrl) return { status: 'not_found' };
    const path = `v3/conversations/${encodeURIComponent(posted.conversationId)}/activities/${encodeURIComponent(posted.activityId)}`;
    const activity = { ...cardMessage(card), id: posted.activityId, conversation: { id: posted.conversationId }, ...(reference.bot ? { from: reference.bot } : {}) };
    try {
      return outcomeOf(await this.connector.put(reference.serviceUrl, path, activity));
    } catch (error) {
      return outcomeOfLostRequest(error);
    }
  }

  private async post(reference: Reference, conversation: Record<string, unknown>, user: unknown, card: AdaptiveCard, hooks: SendHooks): Promise<SendOutcome> {
    const conversationId = String(conversation.id);
    const tenantId = typeof conversation.tenantId === 'string' ? conversation.tenantId : undefined;
    await hooks.beforeRequest?.({ conversationId, ...(tenantId ? { tenantId } : {}), carriesCard: true });
    // Shaped as botbuilder's continueConversation would send it (applyConversationReference).
    const activity = {
      ...cardMessage(card),
      channelId: reference.channelId ?? 'msteams',
      serviceUrl: reference.serviceUrl,
      conversation,
      ...(reference.bot ? { from: reference.bot } : {}),
      ...(user ? { recipient: user } : {}),
      ...(tenantId ? { channelData: { tenant: { id: tenantId } } } : {}),
    };
    try {
      return outcomeOf(await this.connector.post(reference.serviceUrl!, `v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity));
    } catch (error) {
      return outcomeOfLostRequest(error);
    }
  }

  /** The person's 1:1 chat id (opened now, or remembered), or the outcome of failing to open it. */
  private async openChat(team: Reference, teamsUserId: string, hooks: SendHooks): Promise<string | SendOutcome> {
    const key = `${team.serviceUrl}|${teamsUserId}`;
    const known = this.chats.get(key);
    if (known) return known;
    const tenantId = team.conversation?.tenantId;
    await hooks.beforeRequest?.({ ...(tenantId ? { tenantId } : {}), carriesCard: false });
    const parameters = {
      isGroup: false,
      ...(team.bot ? { bot: team.bot } : {}),
      members: [{ id: teamsUserId }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    };
    let res: ConnectorResponse;
    try {
      res = await this.connector.post(team.serviceUrl!, 'v3/conversations', parameters);
    } catch (error) {
      // Opening a chat carries no card: whatever happened, trying again sends nobody two.
      const lost = outcomeOfLostRequest(error);
      return { status: lost.status, ...(lost.statusCode !== undefined ? { statusCode: lost.statusCode } : {}) };
    }
    const id = typeof res.body?.id === 'string' ? res.body.id : undefined;
    if (res.status >= 300 || !id) return res.status >= 300 ? outcomeOf(res) : { status: 'failed', statusCode: res.status };
    if (this.chats.size >= MAX_REMEMBERED_CHATS) this.chats.delete(this.chats.keys().next().value!);
    this.chats.set(key, id);
    return id;
  }
}
