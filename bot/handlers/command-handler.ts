import type { TurnContext } from 'botbuilder';
import { isFacilitator } from '../../src/app/access-rules';
import { collaborativeForConversation, collaborativeOfConversation, NotHereError, type Conversation } from '../../src/app/install/conversation-collaborative';
import { showSetup } from '../../src/app/install/setup-card-actions';
import { openInterventions } from '../../src/app/interventions/open-interventions';
import { cancelPulse, closePulse, extendPulse, pulseResults, pulseStatus, remindPulse, resendPulse, startPulse, WhichPulseError } from '../../src/app/pulse';
import { myData } from '../../src/app/survey';
import type { Actor } from '../../src/app/ports';
import type { AdaptiveCard } from '../../src/cards/card-types';
import { helpCard } from '../../src/cards/help-card';
import { interventionsCard } from '../../src/cards/interventions-card';
import { myDataCard } from '../../src/cards/my-data-card';
import { cancelPulseConfirmCard, pulseCancelledCard, pulseExtendedText } from '../../src/cards/pulse-lifecycle-cards';
import { closePulseConfirmCard, pulseStatusCard } from '../../src/cards/pulse-status-card';
import { resultsCard } from '../../src/cards/results-card';
import { setupCard } from '../../src/cards/setup-card';
import { ALL_COMMANDS, DEFAULT_BOT_NAME, parseCommand, type Command } from '../commands';
import type { BotDeps } from '../bot-deps';
import { cardMessage, errorReply } from '../card-replies';
import { actorOf, conversationOf, referenceOf } from '../teams/activity-facts';
import { remindSummary, resendSummary, sentPrivatelyText, startSummary, notSentPrivatelyText } from './reply-text';
import { scheduleConfirmation } from './schedule-command';
import { transitionCloseCommand, transitionStartCommand } from './transition-command';
import { whichPulseCardFor } from './which-pulse';

/**
 * A typed message: parse the command (mention stripped), find the collaborative the
 * conversation belongs to, call the use-case, reply with its card. Who may do what is
 * decided by the use-cases; their refusals reach the person through onTurnError. Where a
 * reply may go is decided here: a collaborative's own business only in its team or a
 * person's own chat, and "my data" only ever in the person's own chat.
 */

async function run(context: TurnContext, deps: BotDeps, actor: Actor, command: Command): Promise<void> {
  const where = conversationOf(context.activity);
  // Results and status: refused in a team linked to no collaborative; set-up and pulse commands get advice on linking.
  const home = (unlinkedTeam: 'refuse' | 'advise') => collaborativeOfConversation(deps.app, actor, where, unlinkedTeam);
  const reply = (card: AdaptiveCard) => context.sendActivity(cardMessage(card));
  switch (command.name) {
    case 'help': {
      const found = await collaborativeForConversation(deps.app, actor, where.kind === 'team' ? { teamId: where.teamId } : {});
      await reply(helpCard({ isFacilitator: found ? isFacilitator(found, actor) : false, commands: ALL_COMMANDS, botName: botName(context) }));
      return;
    }
    case 'setup':
      await reply(setupCard(await showSetup({ storage: deps.app, clock: deps.app.clock }, actor, (await home('advise')).id)));
      return;
    case 'pulse start': {
      const options = {
        ...(command.focalProcess ? { focalProcess: command.focalProcess } : {}),
        ...(command.closesInDays ? { closesInDays: command.closesInDays } : {}),
        ...(command.asking ? { asking: command.asking } : {}),
        ...(command.rating ? { rating: command.rating } : {}),
      };
      await context.sendActivity(startSummary(await startPulse(deps.app, actor, (await home('advise')).id, options)));
      return;
    }
    case 'pulse schedule':
      await reply(await scheduleConfirmation(deps, actor, (await home('advise')).id, command));
      return;
    case 'pulse status':
      // While cards are still going out, the asker's status card keeps itself up to date.
      await reply(pulseStatusCard({ ...(await pulseStatus(deps.app, actor, (await home('refuse')).id, named(command))), refreshFor: [context.activity.from.id] }));
      return;
    case 'pulse remind':
      await context.sendActivity(remindSummary(await remindPulse(deps.app, actor, (await home('advise')).id, named(command))));
      return;
    case 'pulse close': {
      const collaborativeId = (await home('advise')).id;
      const result = await closePulse(deps.app, actor, collaborativeId, { confirmed: false, tabUrl: deps.tabUrl, ...named(command) });
      await reply(result.kind === 'confirm' ? closePulseConfirmCard({ ...result.view, collaborativeId }) : resultsCard(result.results));
      return;
    }
    case 'pulse resend':
      await context.sendActivity(resendSummary(await resendPulse(deps.app, actor, (await home('advise')).id, named(command))));
      return;
    case 'pulse extend':
      await context.sendActivity(pulseExtendedText(await extendPulse(deps.app, actor, (await home('advise')).id, command.target, named(command))));
      return;
    case 'pulse cancel': {
      const collaborativeId = (await home('advise')).id;
      const result = await cancelPulse({ ...deps.app, schedule: deps.schedule }, actor, collaborativeId, { confirmed: false, ...named(command) });
      await reply(result.kind === 'confirm' ? cancelPulseConfirmCard({ ...result.view, collaborativeId }) : pulseCancelledCard(result.pulse));
      return;
    }
    case 'results':
      await reply(resultsCard(await pulseResults(deps.app, actor, (await home('refuse')).id, { tabUrl: deps.tabUrl, ...named(command) })));
      return;
    case 'interventions':
      // The collaborative's own business, like results: only in its team or a person's own chat.
      await reply(interventionsCard(await openInterventions({ storage: deps.app, clock: deps.app.clock }, actor, (await home('refuse')).id, { tabUrl: deps.tabUrl })));
      return;
    case 'my data':
      await myDataReply(context, deps, actor, where);
      return;
    case 'transition start':
      await transitionStartCommand(context, deps, actor, command.type);
      return;
    case 'transition close':
      await transitionCloseCommand(context, deps, actor, command.checkId);
      return;
  }
}

/**
 * "my data" is the person's own: in their chat with RC Pulse it is the reply; typed in a
 * channel or a group chat it goes to their own chat instead (a refusal too, since even "you
 * are on no list" is theirs alone), and the conversation hears only that it was sent.
 */
async function myDataReply(context: TurnContext, deps: BotDeps, actor: Actor, where: Conversation): Promise<void> {
  const found = await collaborativeForConversation(deps.app, actor, where.kind === 'team' ? { teamId: where.teamId } : {});
  if (where.kind === 'personal') {
    await context.sendActivity(cardMessage(myDataCard(await myData(deps.app, actor, found?.id))));
    return;
  }
  let card: AdaptiveCard;
  try {
    card = myDataCard(await myData(deps.app, actor, found?.id));
  } catch (error) {
    card = errorReply(error, deps.log, 'bot my data').card;
  }
  const recipient = { aadObjectId: actor.aadObjectId, teamsUserId: context.activity.from.id, conversationReference: referenceOf(context.activity, false) };
  const outcome = await deps.app.sender.sendToMember(recipient, card);
  if (outcome.status !== 'sent') deps.log(`warn my data could not be sent privately: ${outcome.status}${outcome.statusCode ? ` ${outcome.statusCode}` : ''}`);
  await context.sendActivity(outcome.status === 'sent' ? sentPrivatelyText() : notSentPrivatelyText());
}

/** The pulse a command names (by id or title), as a use-case option. */
function named(command: Command): { pulseId?: string } {
  return 'pulse' in command && command.pulse ? { pulseId: command.pulse } : {};
}

/** The bot's name as people mention it here. */
function botName(context: TurnContext): string {
  return context.activity.recipient?.name || DEFAULT_BOT_NAME;
}

/** Handles a typed message: an unknown command gets the parser's suggestion. */
export async function handleCommand(context: TurnContext, deps: BotDeps): Promise<void> {
  const parsed = parseCommand(context.activity.text ?? '', botName(context));
  if (!parsed.ok) {
    await context.sendActivity(parsed.message);
    return;
  }
  try {
    await run(context, deps, actorOf(context.activity), parsed.command);
  } catch (error) {
    // Several pulses open and none named: a card with one button per pulse.
    const which = error instanceof WhichPulseError ? await whichPulseCardFor(deps, error, parsed.command) : undefined;
    if (which) {
      await context.sendActivity(cardMessage(which));
      return;
    }
    // Asked where others would read the answer: a plain, kind line, naming no collaborative.
    if (!(error instanceof NotHereError)) throw error;
    await context.sendActivity(error.userMessage);
  }
}
