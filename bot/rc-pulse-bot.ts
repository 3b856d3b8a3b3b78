import { TeamsActivityHandler, type ChannelAccount, type InvokeResponse, type TurnContext } from 'botbuilder';
import { parseInvokeAction, parseSubmitAction } from '../src/cards/card-action-parser';
import type { AdaptiveCard } from '../src/cards/card-types';
import type { BotDeps } from './bot-deps';
import { cardInvokeResponse, cardMessage, errorReply } from './card-replies';
import { handleCardAction } from './handlers/card-action-handler';
import { handleCommand } from './handlers/command-handler';
import { onBotAdded, onBotRemoved, onTeamMembersAdded, onTeamMembersRemoved } from './handlers/install-handler';
import { actorOf } from './teams/activity-facts';

/**
 * RC Pulse's activity handler: routes each Teams activity to its handler and nothing else.
 * - message with text -> a command; message with a value -> an Action.Submit fallback
 * - invoke `adaptiveCard/action` (Action.Execute) -> a card action, answered with the card
 *   that replaces the pressed one
 * - conversationUpdate / installationUpdate -> install, uninstall, members joining or leaving
 */
export class RcPulseBot extends TeamsActivityHandler {
  constructor(private readonly deps: BotDeps) {
    super();
    this.onMessage(async (context, next) => {
      const { text, value } = context.activity;
      if (value !== undefined && value !== null && !text?.trim()) await this.onSubmit(context);
      else await handleCommand(context, deps);
      await next();
    });
    // TeamsActivityHandler fills in each added member's UPN and e-mail before this runs.
    this.onTeamsMembersAddedEvent(async (added, _team, context, next) => {
      await this.membersChanged(context, added, 'added');
      await next();
    });
    this.onTeamsMembersRemovedEvent(async (removed, _team, context, next) => {
      await this.membersChanged(context, removed, 'removed');
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await onBotAdded(context, deps);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await onBotRemoved(context, deps);
      await next();
    });
    const teamGone = async (context: TurnContext, next: () => Promise<void>) => {
      await onBotRemoved(context, deps);
      await next();
    };
    this.onTeamsTeamDeletedEvent((_team, context, next) => teamGone(context, next));
    this.onTeamsTeamHardDeletedEvent((_team, context, next) => teamGone(context, next));
  }

  /** The bot itself among the accounts added or removed means an install or an uninstall. */
  private async membersChanged(context: TurnContext, accounts: readonly ChannelAccount[], change: 'added' | 'removed'): Promise<void> {
    const botId = context.activity.recipient?.id;
    const people = accounts.filter((a) => a.id !== botId);
    if (accounts.some((a) => a.id === botId)) {
      await (change === 'added' ? onBotAdded(context, this.deps) : onBotRemoved(context, this.deps));
    }
    if (people.length === 0) return;
    await (change === 'added' ? onTeamMembersAdded(context, this.deps, people) : onTeamMembersRemoved(context, this.deps, people));
  }

  /** Universal Actions: every `adaptiveCard/action` is answered with a card, errors included. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const value = context.activity.value as { action?: { data?: unknown } } | undefined;
    const card = await this.cardFor(context, () => parseInvokeAction(value), value?.action?.data, 'invoke');
    return cardInvokeResponse(card);
  }

  /** Older clients send Action.Submit: the same action, then the pressed card is updated in place. */
  private async onSubmit(context: TurnContext): Promise<void> {
    const value = context.activity.value as unknown;
    const card = await this.cardFor(context, () => parseSubmitAction(value), value, 'submit');
    const replyToId = context.activity.replyToId;
    if (replyToId) {
      try {
        await context.updateActivity({ ...cardMessage(card), id: replyToId });
        return;
      } catch (error) {
        // The original card may be gone (deleted, too old): a new card says the same.
        this.deps.log(`warn updating card ${replyToId} failed; sending a new one: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
    await context.sendActivity(cardMessage(card));
  }

  private async cardFor(context: TurnContext, parse: () => ReturnType<typeof parseInvokeAction>, rawData: unknown, how: string): Promise<AdaptiveCard> {
    try {
      return await handleCardAction(context, this.deps, actorOf(context.activity), parse(), rawData);
    } catch (error) {
      return errorReply(error, this.deps.log, `bot card ${how}`).card;
    }
  }
}
