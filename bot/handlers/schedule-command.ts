import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TurnContext } from 'botbuilder';
import { assertFacilitator } from '../../src/app/access-rules';
import { isHomeOf, NOT_HERE_MESSAGE } from '../../src/app/install/conversation-collaborative';
import { DEFAULT_CLOSES_IN_DAYS, schedulePulse, type SchedulePulseDeps, type SchedulePulseOptions } from '../../src/app/pulse';
import { rejected } from '../../src/app/survey';
import type { Actor } from '../../src/app/ports';
import type { CardActionData } from '../../src/cards/card-verbs';
import type { AdaptiveCard } from '../../src/cards/card-types';
import { pulseScheduledCard, scheduleConfirmCard, scheduleDroppedCard } from '../../src/cards/pulse-schedule-card';
import type { ScheduleRequest } from '../../src/cards/pulse-schedule-schema';
import type { Pulse } from '../../src/domain/model/pulse';
import { localDateTime } from '../../src/domain/pulse-schedule';
import type { ScheduleCommand } from '../commands/schedule-parser';
import type { BotDeps } from '../bot-deps';
import { conversationOf } from '../teams/activity-facts';

/**
 * "pulse schedule": the typed command shows what would happen and stores nothing; "Schedule
 * it" on that card stores the pulse and the card becomes "Scheduled". A card pressed again
 * (a double press, or an older client whose card stays after the press) shows the pulse it
 * already made instead of making a second one: the card's key is claimed once in storage.
 */

function useCaseDeps(deps: BotDeps): SchedulePulseDeps {
  return { ...deps.app, ...deps.schedule };
}

type Typed = Omit<ScheduleRequest, 'collaborativeId' | 'issuedAt' | 'key'>;

/** The use-case's options from a request or a command: what was typed, nothing added. */
function optionsOf(request: Typed): Typed & SchedulePulseOptions {
  const { opensAt, focalProcess, closesInDays, asking, rating, recurrence } = request;
  return {
    opensAt,
    ...(focalProcess ? { focalProcess } : {}),
    ...(closesInDays ? { closesInDays } : {}),
    ...(asking ? { asking } : {}),
    ...(rating ? { rating } : {}),
    ...(recurrence ? { recurrence } : {}),
  };
}

/**
 * The confirmation card for a typed "pulse schedule": the local date and time read in the
 * delivery time zone, every rule checked by the use-case (its refusals reach the person as a
 * kind card), nothing stored. The card carries the request and when it was made.
 */
export async function scheduleConfirmation(deps: BotDeps, actor: Actor, collaborativeId: string, command: ScheduleCommand): Promise<AdaptiveCard> {
  const { timeZone } = deps.schedule;
  const opensAt = localDateTime(command.date, command.time, timeZone).toISOString();
  const request: ScheduleRequest = { collaborativeId, ...optionsOf({ ...command, opensAt }), issuedAt: deps.app.clock().toISOString(), key: randomUUID() };
  const result = await schedulePulse(useCaseDeps(deps), actor, collaborativeId, optionsOf(request), { confirmed: false });
  return scheduleConfirmCard(result.view, request, timeZone);
}

/**
 * The pulse this card already made, if any: a pulse made since the card was, opening at its
 * time, with its focal process (when one was typed) and its length. It is what a later press
 * shows; the claim of the card's key, not this search, is what keeps it to one pulse.
 */
async function pulseFromThisCard(deps: BotDeps, request: ScheduleRequest): Promise<Pulse | undefined> {
  const pulses = await deps.app.pulses.list(request.collaborativeId);
  const days = request.closesInDays ?? DEFAULT_CLOSES_IN_DAYS;
  return pulses.find(
    (p) =>
      p.kind === 'survey' &&
      p.status !== 'cancelled' &&
      p.schedule !== undefined &&
      p.createdAt >= request.issuedAt &&
      p.opensAt === request.opensAt &&
      p.schedule.closesInDays === days &&
      (request.focalProcess === undefined || p.focalProcess === request.focalProcess.trim()),
  );
}

/** The "Scheduled" card for a pulse found again: its facts as stored. */
async function alreadyScheduledCard(deps: BotDeps, pulse: Pulse): Promise<AdaptiveCard> {
  const names = new Map((await deps.app.workgroups.list(pulse.collaborativeId)).map((w) => [w.id, w.name]));
  const name = (id: string) => names.get(id) ?? id;
  const recurrence = pulse.schedule?.recurrence;
  const view = {
    pulseId: pulse.id,
    ...(pulse.title ? { title: pulse.title } : {}),
    focalProcess: pulse.focalProcess,
    opensAt: pulse.opensAt!,
    closesAt: pulse.closesAt!,
    asking: (pulse.participantWorkgroupIds ?? []).map(name),
    rating: pulse.targetWorkgroupIds.map(name),
    ...(recurrence ? { recurrence } : {}),
    openings: [pulse.opensAt!],
    warnings: [],
  };
  return pulseScheduledCard(view, deps.schedule.timeZone, true);
}

const USED =
  'This card has already been used to schedule a pulse, so nothing more was scheduled. If no pulse was scheduled, please type pulse schedule again.';

/** Waits a little for the pulse another press of this card is saving (a double press). */
async function pulseBeingMade(deps: BotDeps, request: ScheduleRequest): Promise<Pulse | undefined> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = await pulseFromThisCard(deps, request);
    if (found) return found;
    await sleep(200);
  }
  return undefined;
}

/**
 * A press on the confirmation card, checked by the card action parser: only in the
 * collaborative's own conversations and only by its facilitators. "Don't schedule" stores
 * nothing; "Schedule it" stores the pulse at most once per card. The card's key is claimed
 * (a marker created only if absent, so storage decides between presses at the same moment)
 * after every rule has passed and before the pulse is stored; a press that finds it claimed
 * shows the pulse the first press made.
 */
export async function scheduleFromCard(context: TurnContext, deps: BotDeps, actor: Actor, data: CardActionData<'pulse.schedule'>): Promise<AdaptiveCard> {
  if (!(await isHomeOf(deps.app, data.collaborativeId, conversationOf(context.activity)))) return rejected(NOT_HERE_MESSAGE).card;
  const collaborative = (await deps.app.collaboratives.get(data.collaborativeId)).value;
  await assertFacilitator(deps.app.members, collaborative, actor, 'schedule a pulse');
  if (!data.confirmed) return scheduleDroppedCard();
  const { confirmed: _yes, ...request } = data;
  const earlier = await pulseFromThisCard(deps, request);
  if (earlier) return alreadyScheduledCard(deps, earlier);
  // Every rule first (a refusal leaves the card usable), then the claim, then the pulse.
  await schedulePulse(useCaseDeps(deps), actor, request.collaborativeId, optionsOf(request), { confirmed: false });
  const claimed = await deps.app.jobs.claimOnce({ collaborativeId: request.collaborativeId }, `schedule-card:${request.key}`, deps.app.clock().toISOString());
  if (!claimed) {
    const made = await pulseBeingMade(deps, request);
    return made ? alreadyScheduledCard(deps, made) : rejected(USED).card;
  }
  const result = await schedulePulse(useCaseDeps(deps), actor, request.collaborativeId, optionsOf(request), { confirmed: true });
  if (result.kind !== 'scheduled') throw new Error('schedulePulse confirmed returned no pulse');
  return pulseScheduledCard({ ...result.view, pulseId: result.pulse.id }, deps.schedule.timeZone);
}
