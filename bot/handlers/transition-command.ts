import { TeamsInfo, type TurnContext } from 'botbuilder';
import { collaborativeOfConversation } from '../../src/app/install/conversation-collaborative';
import type { Actor } from '../../src/app/ports';
import { currentCheckCard, refreshCheckCard } from '../../src/app/transition-cards/check-card-posts';
import { closeTransition } from '../../src/app/transitions';
import { escapeMarkdown } from '../../src/cards/plain-text';
import type { FormPerson } from '../../src/cards/transition-form-schema';
import { formFits, transitionFormCard } from '../../src/cards/transition-start-card';
import type { Member } from '../../src/domain/model/member';
import type { TransitionType } from '../../src/domain/model/transition';
import type { BotDeps } from '../bot-deps';
import { cardMessage } from '../card-replies';
import { connectorFailure } from '../proactive-sender';
import { conversationOf, mentionedPeople, personOf, referenceOf, type MentionedPerson } from '../teams/activity-facts';
import { notSentPrivatelyText } from './reply-text';

/**
 * `transition start` with the staff @mentioned, and `transition close ID`. Starting needs a
 * role for each person, so the bot answers with a form, privately to whoever typed it (in a
 * channel, others would read the names and the reference being typed); the form's button
 * starts the check (transition-actions.ts). Group chats are refused like other collaborative
 * business: their members may not be the collaborative's.
 */

const NO_MENTIONS =
  'Please @mention the staff around the family after the command, for example: transition start admission @Asha @Ben @Carla. ' +
  'Each of them will be asked, in their own chat with RC Pulse, how the other roles work with them.';

/** A mentioned person matched to the collaborative's list, with the role the list gives them. */
interface FoundPerson extends FormPerson {
  workgroupId?: string;
}

/** The list's row for a mentioned person: by Teams id, by Entra id, or by what Teams says of them (UPN, e-mail). */
async function findMember(context: TurnContext, members: readonly Member[], person: MentionedPerson): Promise<FoundPerson | undefined> {
  const byAad = (id?: string) => (id ? members.find((m) => m.aadObjectId === id.toLowerCase()) : undefined);
  let member = members.find((m) => m.teamsUserId === person.id) ?? byAad(person.aadObjectId);
  let aadObjectId = person.aadObjectId?.toLowerCase();
  if (!member) {
    try {
      // Guests and people not yet matched: the connector knows their Entra id and sign-in name.
      const known = personOf(await TeamsInfo.getMember(context, person.id));
      const names = [known.upn, known.email].filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase());
      member = byAad(known.aadObjectId) ?? members.find((m) => names.includes(m.upn ?? '') || names.includes(m.email ?? ''));
      aadObjectId ??= known.aadObjectId?.toLowerCase();
    } catch (error) {
      if (connectorFailure(error).statusCode === undefined) throw error;
    }
  }
  const id = member?.aadObjectId ?? aadObjectId;
  if (!id) return undefined;
  return { aadObjectId: id, name: member?.displayName ?? person.name, ...(member?.workgroupId ? { workgroupId: member.workgroupId } : {}) };
}

/** `transition start [type]` with mentions: the form, to the starter only. */
export async function transitionStartCommand(context: TurnContext, deps: BotDeps, actor: Actor, type: TransitionType | undefined): Promise<void> {
  const where = conversationOf(context.activity);
  const collaborative = await collaborativeOfConversation(deps.app, actor, where, 'advise');
  const mentioned = mentionedPeople(context.activity);
  if (mentioned.length === 0) {
    await context.sendActivity(NO_MENTIONS);
    return;
  }
  const [members, workgroups] = await Promise.all([deps.app.members.list(collaborative.id), deps.app.workgroups.list(collaborative.id)]);
  const staff: FoundPerson[] = [];
  const notFound: string[] = [];
  for (const person of mentioned) {
    const found = await findMember(context, members, person);
    if (!found) notFound.push(person.name);
    else if (!staff.some((s) => s.aadObjectId === found.aadObjectId)) staff.push(found);
  }
  if (staff.length === 0) {
    await context.sendActivity('I could not find the people you mentioned in Teams, so there is nothing to start. Please mention them again, choosing each name from the list Teams offers.');
    return;
  }
  const card = transitionFormCard({
    collaborativeId: collaborative.id,
    postTo: where.kind === 'team' ? 'channel' : 'chat',
    staff: staff.map((s) => ({ aadObjectId: s.aadObjectId, name: s.name })),
    workgroups: workgroups.filter((w) => !w.retiredAt).map((w) => ({ id: w.id, name: w.name })),
    values: { ...(type ? { transitionType: type } : {}), reference: '', roles: staff.map((s) => s.workgroupId ?? '') },
    ...(notFound.length > 0 ? { notFound } : {}),
  });
  if (!formFits(card)) {
    await context.sendActivity('That is more people than one form in Teams can hold. Please mention fewer people at a time, or start the check from the RC Pulse tab.');
    return;
  }
  if (where.kind === 'personal') {
    await context.sendActivity(cardMessage(card));
    return;
  }
  const recipient = { aadObjectId: actor.aadObjectId, teamsUserId: context.activity.from.id, conversationReference: referenceOf(context.activity, false) };
  const outcome = await deps.app.sender.sendToMember(recipient, card);
  if (outcome.status !== 'sent') deps.log(`warn the transition form could not be sent privately: ${outcome.status}${outcome.statusCode ? ` ${outcome.statusCode}` : ''}`);
  await context.sendActivity(outcome.status === 'sent' ? "I've sent you a form privately: choose the role each person answers for, and the check starts." : notSentPrivatelyText());
}

/** `transition close ID`: closes it (its starter or a facilitator), and its card shows the figures. */
export async function transitionCloseCommand(context: TurnContext, deps: BotDeps, actor: Actor, checkId: string): Promise<void> {
  const collaborative = await collaborativeOfConversation(deps.app, actor, conversationOf(context.activity), 'advise');
  const scope = { collaborativeId: collaborative.id, pulseId: checkId };
  const { check } = await closeTransition(deps.transitions.deps, actor, scope);
  const refreshed = await refreshCheckCard(deps.transitions.cards, scope);
  if (refreshed?.status === 'sent') {
    await context.sendActivity(`The transition check ${escapeMarkdown(check.reference)} has closed. Its figures are on its card.`);
    return;
  }
  // Its card was never posted (started in the tab) or cannot be reached: the figures come here.
  await context.sendActivity(cardMessage(await currentCheckCard(deps.transitions.cards, scope)));
}
