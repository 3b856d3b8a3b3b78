import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { isHomeOf, NOT_HERE_MESSAGE } from '../../src/app/install/conversation-collaborative';
import { saveSetup } from '../../src/app/install/setup-card-actions';
import { cancelPulse, closePulse, pulseStatus, remindPulse } from '../../src/app/pulse';
import { collaborativeOfOldCard, handleSurveyAction, isSurveyAction, rejected } from '../../src/app/survey';
import type { Actor } from '../../src/app/ports';
import type { CardActionResult } from '../../src/cards/card-action-parser';
import type { AdaptiveCard } from '../../src/cards/card-types';
import type { CardAction } from '../../src/cards/card-verbs';
import { errorCard } from '../../src/cards/message-cards';
import { cancelPulseConfirmCard, pulseCancelledCard } from '../../src/cards/pulse-lifecycle-cards';
import { closePulseConfirmCard, pulseStatusCard } from '../../src/cards/pulse-status-card';
import { resultsCard } from '../../src/cards/results-card';
import { setupCard, setupValuesFromData } from '../../src/cards/setup-card';
import type { BotDeps } from '../bot-deps';
import { conversationOf } from '../teams/activity-facts';
import { remindSummary } from './reply-text';
import { scheduleFromCard } from './schedule-command';
import { closeFromCard, startFromForm } from './transition-actions';
import { runChosenPulse } from './which-pulse';

/**
 * A pressed card button (Action.Execute, or its Action.Submit fallback), already checked by
 * the card action parser, mapped to its use-case. Each returns the card that takes the
 * pressed card's place. A failed check returns a friendly card and stores nothing.
 */

const NOT_FOUND = 'This pulse could not be found, or it is not one you take part in. Nothing was saved.';

/**
 * The collaborative a pulse's card is about: the one its data names. The use-cases check
 * the presser's rights there, so a card naming another collaborative gains nothing. Cards
 * sent before the data named it are looked up once (remove after 2027-06-01, with
 * collaborativeOfOldCard).
 */
async function collaborativeOf(deps: BotDeps, actor: Actor, data: { collaborativeId?: string; pulseId: string }): Promise<string | undefined> {
  return data.collaborativeId ?? (await collaborativeOfOldCard(deps.app, actor, data.pulseId));
}

type FacilitatorAction = Exclude<CardAction, { verb: `survey.${string}` | 'setup.save' | `transition.${string}` | 'pulse.choose' | 'pulse.schedule' }>;

async function facilitatorAction(context: TurnContext, deps: BotDeps, actor: Actor, action: FacilitatorAction): Promise<AdaptiveCard> {
  const collaborativeId = await collaborativeOf(deps, actor, action.data);
  if (!collaborativeId) return rejected(NOT_FOUND).card;
  // A status card pressed where others would read the card it is replaced with.
  if (!(await isHomeOf(deps.app, collaborativeId, conversationOf(context.activity)))) return rejected(NOT_HERE_MESSAGE).card;
  const options = { pulseId: action.data.pulseId };
  // While cards are still going out, the presser's status card keeps itself up to date.
  const refreshFor = context.activity.from?.id ? [context.activity.from.id] : [];
  switch (action.verb) {
    case 'status.refresh':
      return pulseStatusCard({ ...(await pulseStatus(deps.app, actor, collaborativeId, options)), refreshFor });
    case 'pulse.remind': {
      const result = await remindPulse(deps.app, actor, collaborativeId, options);
      // The status card stays in place, refreshed; what the reminder did is said beside it.
      await context.sendActivity(remindSummary(result));
      return pulseStatusCard({ ...(await pulseStatus(deps.app, actor, collaborativeId, options)), refreshFor });
    }
    case 'pulse.close': {
      const result = await closePulse(deps.app, actor, collaborativeId, { ...options, confirmed: action.data.confirmed, tabUrl: deps.tabUrl });
      return result.kind === 'confirm' ? closePulseConfirmCard({ ...result.view, collaborativeId }) : resultsCard(result.results);
    }
    case 'pulse.cancel': {
      const result = await cancelPulse({ ...deps.app, schedule: deps.schedule }, actor, collaborativeId, { ...options, confirmed: action.data.confirmed });
      return result.kind === 'confirm' ? cancelPulseConfirmCard({ ...result.view, collaborativeId }) : pulseCancelledCard(result.pulse);
    }
  }
}

/**
 * The card to show after a button press. `rawData` is what the button sent, used only to
 * show a set-up form again with what was typed when it needs fixing.
 */
export async function handleCardAction(
  context: TurnContext,
  deps: BotDeps,
  actor: Actor,
  parsed: CardActionResult,
  rawData: unknown,
): Promise<AdaptiveCard> {
  if (!parsed.ok) {
    const collaborativeId = (rawData as { collaborativeId?: unknown } | undefined)?.collaborativeId;
    if (parsed.verb === 'setup.save' && Object.keys(parsed.fieldErrors).length > 0 && typeof collaborativeId === 'string') {
      const revision = (rawData as { revision?: unknown }).revision;
      return setupCard({
        collaborativeId,
        ...(typeof revision === 'string' ? { revision } : {}),
        ...setupValuesFromData(rawData),
        errors: parsed.fieldErrors,
      });
    }
    deps.log(`warn card action refused (${parsed.reason}${parsed.verb ? ` ${parsed.verb}` : ''}): nothing stored`);
    return errorCard({ referenceCode: randomUUID().slice(0, 8), userMessage: parsed.userMessage });
  }
  const action = parsed.action;
  if (isSurveyAction(action)) {
    const collaborativeId = await collaborativeOf(deps, actor, action.data);
    if (!collaborativeId) return rejected(NOT_FOUND).card;
    return (await handleSurveyAction(deps.app, actor, collaborativeId, action)).card;
  }
  if (action.verb === 'setup.save') {
    if (!(await isHomeOf(deps.app, action.data.collaborativeId, conversationOf(context.activity)))) return rejected(NOT_HERE_MESSAGE).card;
    return setupCard(await saveSetup({ storage: deps.app, clock: deps.app.clock }, actor, action.data));
  }
  if (action.verb === 'transition.start') return startFromForm(context, deps, actor, action.data);
  if (action.verb === 'transition.close') return closeFromCard(context, deps, actor, action.data);
  if (action.verb === 'pulse.choose') return runChosenPulse(context, deps, actor, action.data);
  if (action.verb === 'pulse.schedule') return scheduleFromCard(context, deps, actor, action.data);
  return facilitatorAction(context, deps, actor, action);
}
