import type { TurnContext } from 'botbuilder';
import { isHomeOf, NOT_HERE_MESSAGE } from '../../src/app/install/conversation-collaborative';
import { cancelPulse, closePulse, extendPulse, NoPulseError, pulseStatus, remindPulse, resendPulse, type WhichPulseError } from '../../src/app/pulse';
import { rejected } from '../../src/app/survey';
import type { Actor } from '../../src/app/ports';
import type { AdaptiveCard } from '../../src/cards/card-types';
import type { CardActionData } from '../../src/cards/card-verbs';
import { cancelPulseConfirmCard, pulseExtendedText } from '../../src/cards/pulse-lifecycle-cards';
import { closePulseConfirmCard, pulseStatusCard } from '../../src/cards/pulse-status-card';
import { resultsCard } from '../../src/cards/results-card';
import { pulseNoLongerOpenCard, whichPulseCard, type ChosenCommand } from '../../src/cards/which-pulse-card';
import type { Command } from '../commands';
import type { BotDeps } from '../bot-deps';
import { conversationOf } from '../teams/activity-facts';
import { remindSummary, resendSummary } from './reply-text';

/**
 * Several pulses are open and a facilitator typed a pulse command naming none: the bot answers
 * with the "which pulse" card, and a press on one of its buttons runs the command for that
 * pulse, as if it had been typed with the pulse's id.
 */

/** The command a typed one runs on the card, or undefined for one the card does not offer. */
function chosenCommand(command: Command): ChosenCommand | undefined {
  switch (command.name) {
    case 'pulse status':
    case 'pulse remind':
    case 'pulse close':
    case 'pulse resend':
    case 'pulse cancel':
      return { command: command.name };
    case 'pulse extend':
      return { command: command.name, extend: command.target };
    default:
      return undefined;
  }
}

/**
 * The "which pulse" card for a command the use-case refused with WhichPulseError (thrown only
 * after it checked the facilitator), or undefined when the command is not one the card runs.
 */
export async function whichPulseCardFor(deps: BotDeps, error: WhichPulseError, command: Command): Promise<AdaptiveCard | undefined> {
  const chosen = chosenCommand(command);
  const collaborativeId = error.open[0]?.collaborativeId;
  if (!chosen || !collaborativeId) return undefined;
  const names = new Map((await deps.app.workgroups.list(collaborativeId)).map((w) => [w.id, w.name]));
  const pulses = error.open.map((p) => ({
    pulseId: p.id,
    name: p.title ?? p.focalProcess,
    ...(p.participantWorkgroupIds ? { asks: p.participantWorkgroupIds.map((id) => names.get(id) ?? id) } : {}),
  }));
  return whichPulseCard({ ...chosen, collaborativeId, pulses });
}

/**
 * A press on the "which pulse" card: in the collaborative's own place, by a facilitator (the
 * status use-case checks), for a pulse still open; else a kind card and nothing done. Returns
 * the card that takes the choice card's place: the status card, or the confirmation card for
 * close and cancel. What a reminder, a resend or an extension did is said beside it.
 */
export async function runChosenPulse(context: TurnContext, deps: BotDeps, actor: Actor, data: CardActionData<'pulse.choose'>): Promise<AdaptiveCard> {
  const { collaborativeId, pulseId } = data;
  if (!(await isHomeOf(deps.app, collaborativeId, conversationOf(context.activity)))) return rejected(NOT_HERE_MESSAGE).card;
  const options = { pulseId };
  const refreshFor = context.activity.from?.id ? [context.activity.from.id] : [];
  let status: Awaited<ReturnType<typeof pulseStatus>>;
  try {
    status = await pulseStatus(deps.app, actor, collaborativeId, options);
  } catch (error) {
    // A cancelled pulse is no longer anyone's current pulse: the status lookup cannot find it.
    if (error instanceof NoPulseError) return pulseNoLongerOpenCard({ cancelled: true });
    throw error;
  }
  if (status.status !== 'open') return pulseNoLongerOpenCard({ name: status.focalProcess });
  const statusCard = async () => pulseStatusCard({ ...(await pulseStatus(deps.app, actor, collaborativeId, options)), refreshFor });
  switch (data.command) {
    case 'pulse status':
      return pulseStatusCard({ ...status, refreshFor });
    case 'pulse remind':
      await context.sendActivity(remindSummary(await remindPulse(deps.app, actor, collaborativeId, options)));
      return statusCard();
    case 'pulse resend':
      await context.sendActivity(resendSummary(await resendPulse(deps.app, actor, collaborativeId, options)));
      return statusCard();
    case 'pulse extend':
      await context.sendActivity(pulseExtendedText(await extendPulse(deps.app, actor, collaborativeId, data.extend, options)));
      return statusCard();
    case 'pulse close': {
      const result = await closePulse(deps.app, actor, collaborativeId, { ...options, confirmed: false, tabUrl: deps.tabUrl });
      // Closed a moment ago by someone else: its results, as "pulse close" on a closed pulse shows.
      return result.kind === 'confirm' ? closePulseConfirmCard({ ...result.view, collaborativeId }) : resultsCard(result.results);
    }
    case 'pulse cancel': {
      const result = await cancelPulse({ ...deps.app, schedule: deps.schedule }, actor, collaborativeId, { ...options, confirmed: false });
      return result.kind === 'confirm' ? cancelPulseConfirmCard({ ...result.view, collaborativeId }) : pulseNoLongerOpenCard({ cancelled: true });
    }
  }
}
