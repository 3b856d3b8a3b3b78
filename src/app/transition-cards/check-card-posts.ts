import { transitionAlertCard } from '../../cards/transition-alert-card';
import { transitionCheckCard } from '../../cards/transition-check-card';
import type { Collaborative } from '../../domain/model/collaborative';
import type { PulseScope } from '../../domain/model/pulse';
import type { TransitionCheck } from '../../domain/model/transition';
import { sendWithRetries } from '../../delivery/send-retry';
import type { Storage } from '../../storage/storage';
import type { CardSender, CardUpdater, Clock, JobKinds, Logger, PostedCard, SendOutcome } from '../ports';
import { inviteReachableStaff, transitionCheckView, type TransitionDeps, type TransitionStorage } from '../transitions';
import { alertCardView, checkCardView } from './check-card-views';

/**
 * The check's card where it was posted (the collaborative's channel, or its starter's chat)
 * kept up to date in place: after an answer, when someone late becomes reachable, and once at
 * the close with the published figures; then, once, the weak alert in the channel when the
 * figures are weak. Every refresh rebuilds the card from the check as it is (a read), so
 * running one twice, or on two instances, shows the same card. An upkeep mends any refresh a
 * failure missed.
 */

/** Once-markers in the check's scope: its final card shown, its weak alert posted. */
export const FINAL_CARD = 'check-card-final';
export const WEAK_ALERT = 'transition-alert';

export interface CheckCardDeps {
  storage: TransitionStorage & Pick<Storage, 'collaboratives' | 'members' | 'jobs' | 'transitions'>;
  updater: CardUpdater;
  /** For the weak alert (paced with the other posts when the delivery engine runs). */
  sender: Pick<CardSender, 'sendToChannel'>;
  /** Deep link to the tab, for the alert's plan buttons. */
  tabUrl: string;
  clock: Clock;
  log: Logger;
}

/** Where the check's card was posted, or undefined when it never was. */
async function placeOf(deps: CheckCardDeps, check: TransitionCheck, collaborative: Collaborative): Promise<PostedCard | undefined> {
  if (!check.channelActivityId) return undefined;
  if (check.cardConversationId) {
    // The starter's own chat: their saved reference names the service (the channel's shares it).
    const starter = await deps.storage.members.findByAadObjectId(collaborative.id, check.startedBy);
    const reference = starter?.value.conversationReference ?? collaborative.channelReference;
    return { reference, conversationId: check.cardConversationId, activityId: check.channelActivityId };
  }
  if (!collaborative.teamsChannelId) return undefined;
  return { reference: collaborative.channelReference, conversationId: collaborative.teamsChannelId, activityId: check.channelActivityId };
}

/** Records where the check's card was posted, so later refreshes replace it in place. */
export async function recordCheckCard(deps: Pick<CheckCardDeps, 'storage'>, scope: PulseScope, posted: { activityId: string; chatId?: string }): Promise<void> {
  await deps.storage.transitions.modify(scope.collaborativeId, scope.pulseId, (c) => ({
    ...c,
    channelActivityId: posted.activityId,
    ...(posted.chatId ? { cardConversationId: posted.chatId } : {}),
  }));
}

/** The check's card as the check is now (for posting it the first time, or replying with it). */
export async function currentCheckCard(deps: Pick<CheckCardDeps, 'storage'>, scope: PulseScope) {
  return transitionCheckCard(checkCardView(await transitionCheckView(deps, scope)));
}

/**
 * Replaces the check's card with one built from the check as it is now; once closed, posts the
 * weak alert in the channel (once). A failure is logged, never thrown: the upkeep tries again.
 */
export async function refreshCheckCard(deps: CheckCardDeps, scope: PulseScope): Promise<SendOutcome | undefined> {
  try {
    const [view, collaborative] = await Promise.all([transitionCheckView(deps, scope), deps.storage.collaboratives.get(scope.collaborativeId)]);
    const place = await placeOf(deps, view.check, collaborative.value);
    let outcome: SendOutcome | undefined;
    if (place) {
      outcome = await deps.updater.updateCard(place, transitionCheckCard(checkCardView(view)));
      if (outcome.status !== 'sent') deps.log.warn("the transition check's card could not be updated", { pulseId: scope.pulseId, status: outcome.status });
    }
    if (view.published) {
      if (!place || outcome?.status === 'sent') await deps.storage.jobs.claimOnce(scope, FINAL_CARD, deps.clock().toISOString());
      await postWeakAlert(deps, scope, view, collaborative.value);
    }
    return outcome;
  } catch (error) {
    deps.log.warn("refreshing the transition check's card failed; the upkeep tries again", { pulseId: scope.pulseId, error: String(error).split('\n')[0] });
    return undefined;
  }
}

/** The weak alert in the collaborative's channel, once per check (marked before posting: never twice). */
async function postWeakAlert(deps: CheckCardDeps, scope: PulseScope, view: Awaited<ReturnType<typeof transitionCheckView>>, collaborative: Collaborative): Promise<void> {
  const alert = alertCardView(view, deps.tabUrl);
  if (!alert) return;
  if (!(await deps.storage.jobs.claimOnce(scope, WEAK_ALERT, deps.clock().toISOString()))) return;
  const outcome = await sendWithRetries(() => deps.sender.sendToChannel(collaborative, transitionAlertCard(alert)), { attempts: 4, maxWaitMs: 5000 }).catch(
    (error: unknown) => ({ status: 'failed' as const, error: String(error) }),
  );
  if (outcome.status !== 'sent') deps.log.warn('the weak alert of a transition check could not be posted in the channel', { pulseId: scope.pulseId, status: outcome.status });
}

/**
 * The upkeep that mends missed refreshes (a family answer or the window's end closed a check
 * on an instance whose refresh failed): every open check's card, and each closed check's card
 * until its final figures are shown.
 */
export function registerCheckCardUpkeep(kinds: Pick<JobKinds, 'addUpkeep'>, deps: CheckCardDeps): void {
  kinds.addUpkeep(async () => {
    for (const collaborative of await deps.storage.collaboratives.list()) {
      for (const check of await deps.storage.transitions.list(collaborative.id)) {
        if (!check.channelActivityId) continue;
        const scope = { collaborativeId: check.collaborativeId, pulseId: check.id };
        if (check.status === 'closed' && (!check.publication || (await deps.storage.jobs.hasOnce(scope, FINAL_CARD)))) continue;
        await refreshCheckCard(deps, scope);
      }
    }
  });
}

/**
 * Someone became reachable (RC Pulse added in their chat, or to a team they are in): every
 * open check that names them (or, for a team, every open check) sends its staff card to whoever
 * can now be reached and has none, and its card then shows the new reach.
 */
export async function reachLateStaff(deps: CheckCardDeps & { transitions: Pick<TransitionDeps, 'storage' | 'deliver'> }, only?: { aadObjectId: string }): Promise<void> {
  const id = only?.aadObjectId.toLowerCase();
  for (const collaborative of await deps.storage.collaboratives.list()) {
    for (const check of await deps.storage.transitions.list(collaborative.id)) {
      if (check.status !== 'open' || (id && !check.staff.some((s) => s.aadObjectId === id))) continue;
      const scope = { collaborativeId: check.collaborativeId, pulseId: check.id };
      try {
        const { delivery } = await inviteReachableStaff(deps.transitions, scope);
        if (delivery.sent + (delivery.queued ?? 0) > 0) await refreshCheckCard(deps, scope);
      } catch (error) {
        deps.log.warn('inviting staff who became reachable to a transition check failed', { pulseId: check.id, error: String(error).split('\n')[0] });
      }
    }
  }
}
