import type { AdaptiveCard } from '../../../src/cards/card-types';
import { parseCardAction } from '../../../src/cards/card-action-parser';
import { handleSurveyAction, isSurveyAction, type SurveyReply } from '../../../src/app/survey';
import { directDelivery } from '../../../src/app/pulse/deliver-pulse-cards';
import {
  closeIfEveryoneAnswered,
  familyLinksPort,
  familyRespondentId,
  startTransition,
  transitionSeats,
  type FamilyLinkView,
  type StartTransitionResult,
  type TransitionDeps,
} from '../../../src/app/transitions';
import { CARE_TEAM_TARGET_ID, FAMILIES_WORKGROUP_ID, type FamilySharing } from '../../../src/domain/model/family';
import type { Member } from '../../../src/domain/model/member';
import type { PulseScope } from '../../../src/domain/model/pulse';
import type { Storage } from '../../../src/storage/storage';
import { executeActions, expectValidCard } from '../../support/adaptive-card-validator';
import { targetRatings } from '../../support/fixtures';
import { FakeClock, testLinkDeps } from '../family/family-kit';
import { actorOf, answers, aWorld, buttonData, WORKGROUPS, type World } from './app-test-kit';

/**
 * Transition checks on the test Azurite: a collaborative (app-test-kit's world), the transition
 * use-cases' dependencies wired as the bot wires them (real repositories and family links,
 * cards sent directly through a recording sender), and staff answering their cards.
 */

export interface TransitionWorld extends World {
  deps: World['deps'];
  tdeps: TransitionDeps;
  fakeClock: FakeClock;
}

/** A world with `people` installed members (person i in WORKGROUPS[i % 3]) and `notInstalled` more. */
export async function aTransitionWorld(storage: Storage, options: { people?: number; notInstalled?: number } = {}): Promise<TransitionWorld> {
  const world = await aWorld(storage, { people: options.people ?? 6, notInstalled: options.notInstalled ?? 0, k: 5 });
  const fakeClock = new FakeClock(world.clock.now);
  const clock = () => world.clock.now;
  fakeClock.now = world.clock.now;
  const links = testLinkDeps(storage, fakeClock);
  const tdeps: TransitionDeps = {
    storage,
    clock,
    log: world.log,
    deliver: directDelivery({ deliveries: storage.deliveries, sender: world.sender, clock, log: world.log }),
    familyLinks: familyLinksPort({ ...links, clock }),
  };
  return { ...world, tdeps, fakeClock };
}

/** A start body for `staff` (each in their roster workgroup). */
export function aBody(staff: readonly Member[], over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'admission',
    reference: 'MBU admission 14',
    staff: staff.map((m) => ({ aadObjectId: m.aadObjectId, workgroupId: m.workgroupId })),
    familyLinks: 1,
    ...over,
  };
}

/** Starts a check as the facilitator. */
export function startCheck(world: TransitionWorld, staff: readonly Member[], over: Record<string, unknown> = {}): Promise<StartTransitionResult> {
  return startTransition(world.tdeps, world.facilitator, world.collaborative.id, aBody(staff, over));
}

/** Presses a button of a transition card as `member` (the survey handler with the check's seats wired). */
export async function pressAs(world: TransitionWorld, member: Member, card: AdaptiveCard, title: string, inputs: Record<string, string> = {}): Promise<SurveyReply> {
  const { verb, data } = buttonData(card, title, inputs);
  const parsed = parseCardAction(verb, data);
  if (!parsed.ok || !isSurveyAction(parsed.action)) throw new Error(`the parser refused ${verb}`);
  const reply = await handleSurveyAction({ ...world.deps, transitionSeats: transitionSeats(world.tdeps) }, actorOf(member), world.collaborative.id, parsed.action);
  expectValidCard(reply.card);
  return reply;
}

/** The staff card a person was sent for the check (the last one sent to them). */
export function staffCardOf(world: TransitionWorld, member: Member): AdaptiveCard {
  const cards = world.sender.cardsFor(member.aadObjectId!);
  if (cards.length === 0) throw new Error(`${member.displayName} was sent no card`);
  return cards[cards.length - 1]!;
}

/** A member of staff answers every role on their card with `score` and submits. */
export async function staffAnswers(world: TransitionWorld, member: Member, score = '4'): Promise<SurveyReply> {
  let card = staffCardOf(world, member);
  for (let i = 0; i < WORKGROUPS.length + 1; i++) {
    const titles = executeActions(card).map((a) => a.title);
    const title = titles.includes('Next') ? 'Next' : titles.includes('Review') ? 'Review' : undefined;
    if (!title) break;
    const reply = await pressAs(world, member, card, title, answers(score));
    if (reply.outcome !== 'step') throw new Error(`answering gave ${reply.outcome}`);
    card = reply.card;
  }
  return pressAs(world, member, card, 'Submit');
}

/**
 * A family answers through a link, as the family page's submit does: the link's respondent key
 * (HMAC of family-link:<linkId>), the care team rated, the family's sharing choice; then the
 * release and the close hook the family helper's submit calls.
 */
export async function familyAnswers(world: TransitionWorld, scope: PulseScope, link: FamilyLinkView, sharing: FamilySharing, score: number | number[]): Promise<void> {
  const { storage } = world;
  const ratings = Array.isArray(score)
    ? (Object.fromEntries(Object.keys(targetRatings(1)).map((d, i) => [d, score[i] ?? null])) as ReturnType<typeof targetRatings>)
    : targetRatings(score);
  await storage.submissions.submit(
    { ...scope, respondentKey: storage.respondentKey(scope, familyRespondentId(link.linkId)) },
    { ...scope, respondentWorkgroupId: FAMILIES_WORKGROUP_ID, ratings: { [CARE_TEAM_TARGET_ID]: ratings }, day: '2026-03-02', familySharing: sharing },
  );
  await storage.releasePending(scope, { k: 3, now: world.clock.now });
  await closeIfEveryoneAnswered(world.tdeps, scope);
}

/** The scope of a started check. */
export function scopeOfCheck(started: StartTransitionResult): PulseScope {
  return { collaborativeId: started.check.collaborativeId, pulseId: started.check.id };
}
