import type { TurnContext } from 'botbuilder';
import { isFacilitator } from '../../src/app/access-rules';
import { collaborativeForConversation, requireCollaborative } from '../../src/app/install/conversation-collaborative';
import { showSetup } from '../../src/app/install/setup-card-actions';
import { closePulse, pulseResults, pulseStatus, remindPulse, startPulse } from '../../src/app/pulse';
import { myData } from '../../src/app/survey';
import type { Actor } from '../../src/app/ports';
import { helpCard } from '../../src/cards/help-card';
import { myDataCard } from '../../src/cards/my-data-card';
import { closePulseConfirmCard, pulseStatusCard } from '../../src/cards/pulse-status-card';
import { resultsCard } from '../../src/cards/results-card';
import { setupCard } from '../../src/cards/setup-card';
import { COMMANDS, DEFAULT_BOT_NAME, parseCommand, type Command } from '../commands';
import type { BotDeps } from '../bot-deps';
import { cardMessage } from '../card-replies';
import { actorOf, teamIdOf } from '../teams/activity-facts';
import { remindSummary, startSummary } from './reply-text';

/**
 * A typed message: parse the command (mention stripped), find the collaborative the
 * conversation belongs to, call the use-case, reply with its card. Who may do what is
 * decided by the use-cases; their refusals reach the person through onTurnError.
 */

async function run(context: TurnContext, deps: BotDeps, actor: Actor, command: Command): Promise<void> {
  const teamId = teamIdOf(context.activity);
  const found = await collaborativeForConversation(deps.app, actor, { ...(teamId ? { teamId } : {}) });
  const id = () => requireCollaborative(found, teamId !== undefined).id;
  const reply = (card: Parameters<typeof cardMessage>[0]) => context.sendActivity(cardMessage(card));
  switch (command.name) {
    case 'help':
      await reply(helpCard({ isFacilitator: found ? isFacilitator(found, actor) : false, commands: COMMANDS, botName: botName(context) }));
      return;
    case 'setup':
      await reply(setupCard(await showSetup({ storage: deps.app, clock: deps.app.clock }, actor, id())));
      return;
    case 'pulse start': {
      const options = { ...(command.focalProcess ? { focalProcess: command.focalProcess } : {}), ...(command.closesInDays ? { closesInDays: command.closesInDays } : {}) };
      await context.sendActivity(startSummary(await startPulse(deps.app, actor, id(), options)));
      return;
    }
    case 'pulse status':
      // While cards are still going out, the asker's status card keeps itself up to date.
      await reply(pulseStatusCard({ ...(await pulseStatus(deps.app, actor, id())), refreshFor: [context.activity.from.id] }));
      return;
    case 'pulse remind':
      await context.sendActivity(remindSummary(await remindPulse(deps.app, actor, id())));
      return;
    case 'pulse close': {
      const result = await closePulse(deps.app, actor, id(), { confirmed: false, tabUrl: deps.tabUrl });
      await reply(result.kind === 'confirm' ? closePulseConfirmCard({ ...result.view, collaborativeId: id() }) : resultsCard(result.results));
      return;
    }
    case 'results':
      await reply(resultsCard(await pulseResults(deps.app, actor, id(), { tabUrl: deps.tabUrl })));
      return;
    case 'my data':
      await reply(myDataCard(await myData(deps.app, actor, found?.id)));
      return;
  }
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
  await run(context, deps, actorOf(context.activity), parsed.command);
}
