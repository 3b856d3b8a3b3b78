import type { CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import { isPersonalReference } from '../src/app/install/conversation-reference';
import type { CardSender, MemberDirectory, SendOutcome } from '../src/app/ports';
import type { AdaptiveCard } from '../src/cards/card-types';
import type { Collaborative } from '../src/domain/model/collaborative';
import type { Member } from '../src/domain/model/member';
import { cardMessage } from './card-replies';

/**
 * Sends cards when nobody has just written to the bot (pulse invitations, reminders, the
 * results post), with the conversation references saved at install. Failures come back as
 * outcomes, never thrown: one person who blocked the app must not stop everyone else's card.
 */

/** Audience of tokens for the Bot Connector (public cloud). */
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

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

/**
 * Sends within a proactive turn. The failure is caught here, inside the turn: the adapter
 * would otherwise hand it to onTurnError and the caller would never learn the status code.
 */
async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<SendOutcome> {
  try {
    const response = await context.sendActivity(cardMessage(card));
    return { status: 'sent', statusCode: 201, ...(response?.id ? { activityId: response.id } : {}) };
  } catch (error) {
    return outcomeOfFailure(error);
  }
}

/** The Bot Framework implementation of the use-cases' CardSender port. */
export class ProactiveSender implements CardSender {
  /**
   * @param adapter the adapter that serves /api/messages
   * @param appId the bot's app id ('' when running without one, locally)
   * @param members to find the team's reference when posting in a channel
   */
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly members: Pick<MemberDirectory, 'list'>,
  ) {}

  /**
   * Sends to the person's 1:1 chat. With only the team's reference (the app reached them
   * through the team), it opens the 1:1 chat first: Teams answers with the same chat each
   * time, so all their cards stay in one conversation.
   */
  async sendToMember(member: Member, card: AdaptiveCard): Promise<SendOutcome> {
    const reference = member.conversationReference as Partial<ConversationReference> | undefined;
    if (!reference?.serviceUrl) return { status: 'not_found' };
    try {
      if (isPersonalReference(reference)) return await this.continueWith(reference, card);
      if (!member.teamsUserId) return { status: 'not_found' };
      return await this.openChatAndSend(reference, member.teamsUserId, card);
    } catch (error) {
      return outcomeOfFailure(error);
    }
  }

  /** Posts in the collaborative's channel, from the team's reference saved at install. */
  async sendToChannel(collaborative: Collaborative, card: AdaptiveCard): Promise<SendOutcome> {
    if (!collaborative.teamsChannelId) return { status: 'not_found' };
    const references = (await this.members.list(collaborative.id))
      .map((m) => m.conversationReference as Partial<ConversationReference> | undefined)
      .filter((r): r is Partial<ConversationReference> => Boolean(r?.serviceUrl && r.conversation));
    // Team members carry the team's reference; any reference gives the service URL and tenant.
    const base = references.find((r) => r.conversation?.id === collaborative.teamsChannelId) ?? references.find((r) => !isPersonalReference(r)) ?? references[0];
    if (!base) return { status: 'not_found' };
    const { user: _user, ...rest } = base;
    const channel = { ...rest, conversation: { ...base.conversation!, id: collaborative.teamsChannelId, conversationType: 'channel', isGroup: true } };
    try {
      return await this.continueWith(channel, card);
    } catch (error) {
      return outcomeOfFailure(error);
    }
  }

  private async continueWith(reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<SendOutcome> {
    let outcome: SendOutcome = { status: 'failed' };
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      outcome = await sendCard(context, card);
    });
    return outcome;
  }

  private async openChatAndSend(team: Partial<ConversationReference>, teamsUserId: string, card: AdaptiveCard): Promise<SendOutcome> {
    const tenantId = team.conversation?.tenantId;
    const parameters = {
      isGroup: false,
      bot: team.bot,
      members: [{ id: teamsUserId }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    } as ConversationParameters;
    let outcome: SendOutcome = { status: 'failed' };
    await this.adapter.createConversationAsync(this.appId, team.channelId ?? 'msteams', team.serviceUrl!, CONNECTOR_AUDIENCE, parameters, async (context) => {
      outcome = await sendCard(context, card);
    });
    return outcome;
  }
}
