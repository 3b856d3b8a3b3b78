import type { TurnContext } from 'botbuilder';
import { isHomeOf, NOT_HERE_MESSAGE } from '../../src/app/install/conversation-collaborative';
import type { Actor } from '../../src/app/ports';
import { rejected } from '../../src/app/survey';
import { currentCheckCard, recordCheckCard, refreshCheckCard } from '../../src/app/transition-cards/check-card-posts';
import { closeTransition, startTransition } from '../../src/app/transitions';
import type { CardActionData } from '../../src/cards/card-verbs';
import type { AdaptiveCard } from '../../src/cards/card-types';
import { transitionCheckCard } from '../../src/cards/transition-check-card';
import { checkTransitionForm, transitionFormValues, type FormPerson } from '../../src/cards/transition-form-schema';
import { transitionFormCard, transitionStartedCard, type TransitionFormView } from '../../src/cards/transition-start-card';
import { checkCardView } from '../../src/app/transition-cards/check-card-views';
import { transitionCheckView } from '../../src/app/transitions';
import { ForbiddenError, IllegalStateError, ValidationError } from '../../src/domain/errors';
import type { BotDeps } from '../bot-deps';
import { cardMessage } from '../card-replies';
import { conversationOf } from '../teams/activity-facts';

/**
 * The transition form's Start button and the check's Close button. A form that needs fixing
 * (a reference that could identify a family, a role not chosen) comes back with what was typed
 * and the reason, and nothing is stored. A started check's card is posted where it was asked
 * for (the collaborative's channel, or the starter's chat), and its place kept so later
 * refreshes replace it; the starter's form becomes the family links and who cannot be reached yet.
 */

const SOMEONE_GONE = 'Someone on this form is no longer on the collaborative\'s list. Please type transition start again with the people to ask.';

/** The people a form named, by the collaborative's list (their names as the list has them). */
async function peopleOf(deps: BotDeps, collaborativeId: string, ids: readonly string[]): Promise<FormPerson[] | undefined> {
  const rows = await Promise.all(ids.map((id) => deps.app.members.findByAadObjectId(collaborativeId, id)));
  if (rows.some((r) => r === undefined)) return undefined;
  return rows.map((r, i) => ({ aadObjectId: ids[i]!, name: r!.value.displayName }));
}

/** The form's Start button: the check starts, or the form comes back with the reason. */
export async function startFromForm(context: TurnContext, deps: BotDeps, actor: Actor, data: CardActionData<'transition.start'>): Promise<AdaptiveCard> {
  const { collaborativeId, postTo } = data;
  if (!(await isHomeOf(deps.app, collaborativeId, conversationOf(context.activity)))) return rejected(NOT_HERE_MESSAGE).card;
  const [people, workgroups] = await Promise.all([peopleOf(deps, collaborativeId, data.staff), deps.app.workgroups.list(collaborativeId)]);
  if (!people) return rejected(SOMEONE_GONE).card;
  const values = transitionFormValues(data, people.length);
  const again = (extra: Pick<TransitionFormView, 'errors' | 'problem'>) =>
    transitionFormCard({ collaborativeId, postTo, staff: people, workgroups: workgroups.filter((w) => !w.retiredAt).map((w) => ({ id: w.id, name: w.name })), values, ...extra });
  const form = checkTransitionForm(values, people);
  if (!form.ok) return again({ errors: form.errors });
  let started: Awaited<ReturnType<typeof startTransition>>;
  try {
    started = await startTransition(deps.transitions.deps, actor, collaborativeId, form.body);
  } catch (error) {
    // Refused by the model (too few staff, one role only): the reason beside the form; nothing stored.
    if (error instanceof ValidationError) return again({ problem: error.userMessage });
    throw error;
  }
  const scope = { collaborativeId, pulseId: started.check.id };
  await postCheckCard(context, deps, scope, postTo);
  const names = new Map(people.map((p) => [p.aadObjectId, p.name]));
  return transitionStartedCard({
    type: started.check.type,
    reference: started.check.reference,
    links: started.familyLinks.map((l) => ({ url: l.url, expiresAt: l.expiresAt })),
    unreachable: started.unreachable.map((id) => names.get(id) ?? 'Someone'),
    postedIn: postTo,
    closesAt: started.check.closesAt,
  });
}

/** Posts the new check's card (channel or this chat) and keeps where, for refreshes. A failure is logged: the check has started. */
async function postCheckCard(context: TurnContext, deps: BotDeps, scope: { collaborativeId: string; pulseId: string }, postTo: 'channel' | 'chat'): Promise<void> {
  const card = await currentCheckCard(deps.transitions.cards, scope);
  if (postTo === 'channel') {
    const collaborative = (await deps.app.collaboratives.get(scope.collaborativeId)).value;
    const outcome = await deps.app.sender.sendToChannel(collaborative, card);
    if (outcome.status === 'sent' && outcome.activityId) await recordCheckCard(deps.transitions.cards, scope, { activityId: outcome.activityId });
    else deps.log(`warn the transition check's card could not be posted in the channel: ${outcome.status}`);
    return;
  }
  const sent = await context.sendActivity(cardMessage(card));
  if (sent?.id) await recordCheckCard(deps.transitions.cards, scope, { activityId: sent.id, chatId: context.activity.conversation.id });
}

/**
 * The check's Close button: closes it (its starter or a facilitator) and the card shows the
 * figures. Anyone else, or a check closed already, gets the card as it is with a plain note.
 */
export async function closeFromCard(context: TurnContext, deps: BotDeps, actor: Actor, data: CardActionData<'transition.close'>): Promise<AdaptiveCard> {
  if (!(await isHomeOf(deps.app, data.collaborativeId, conversationOf(context.activity)))) return rejected(NOT_HERE_MESSAGE).card;
  const scope = { collaborativeId: data.collaborativeId, pulseId: data.checkId };
  const found = await deps.app.transitions.find(scope.collaborativeId, scope.pulseId);
  if (!found) return rejected('This transition check could not be found. Nothing was changed.').card;
  try {
    await closeTransition(deps.transitions.deps, actor, scope);
  } catch (error) {
    if (!(error instanceof ForbiddenError || error instanceof IllegalStateError)) throw error;
    return transitionCheckCard({ ...checkCardView(await transitionCheckView(deps.transitions.cards, scope)), notice: error.userMessage });
  }
  // The same card everywhere it is posted, and the weak alert in the channel if the figures are weak.
  await refreshCheckCard(deps.transitions.cards, scope);
  return currentCheckCard(deps.transitions.cards, scope);
}
