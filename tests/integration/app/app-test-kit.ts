import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '../../../src/cards/card-types';
import { parseCardAction } from '../../../src/cards/card-action-parser';
import type { Actor, CardSender, Logger, SendOutcome } from '../../../src/app/ports';
import { handleSurveyAction, isSurveyAction, type SurveyReply } from '../../../src/app/survey';
import { startPulse, type StartPulseResult } from '../../../src/app/pulse';
import { DIMENSIONS } from '../../../src/domain/instrument';
import type { Collaborative } from '../../../src/domain/model/collaborative';
import type { Member, MemberInput } from '../../../src/domain/model/member';
import type { Storage } from '../../../src/storage/storage';
import { executeActions, expectValidCard, inputValues } from '../../support/adaptive-card-validator';
import { aCollaborative } from '../../support/fixtures';

/**
 * A small collaborative on the test Azurite, the use-cases' dependencies wired as the bot
 * wires them (real repositories, a fixed clock, a recording sender), and a way to press card
 * buttons the way Teams does: card data merged with the card's inputs, checked by the parser.
 */

export const WORKGROUPS = [
  { id: 'mbu-nursing', name: 'MBU nursing' },
  { id: 'community-perinatal', name: 'Community perinatal team' },
  { id: 'health-visiting', name: 'Health visiting' },
] as const;
export const RETIRED_WORKGROUP = { id: 'old-liaison', name: 'Old liaison team' };
export const START = new Date('2026-03-02T09:00:00.000Z');
export const TAB_URL = 'https://teams.microsoft.com/l/entity/app-id/results';

/** A sender that records every card, checks each with the Adaptive Card validator, and answers as told. */
export class RecordingSender implements CardSender {
  readonly toMembers: { aadObjectId: string; card: AdaptiveCard }[] = [];
  readonly toChannel: { collaborativeId: string; card: AdaptiveCard }[] = [];
  /** Outcomes (or a throw) for particular people; everyone else: sent. */
  readonly outcomes = new Map<string, SendOutcome | 'throw'>();

  async sendToMember(member: Member, card: AdaptiveCard): Promise<SendOutcome> {
    expectValidCard(card);
    const id = member.aadObjectId!;
    this.toMembers.push({ aadObjectId: id, card });
    const outcome = this.outcomes.get(id) ?? { status: 'sent', statusCode: 201, activityId: `1:${randomUUID()}` };
    if (outcome === 'throw') throw new Error('connection reset');
    return outcome;
  }

  async sendToChannel(collaborative: Collaborative, card: AdaptiveCard): Promise<SendOutcome> {
    expectValidCard(card);
    this.toChannel.push({ collaborativeId: collaborative.id, card });
    return { status: 'sent', statusCode: 201, activityId: `1:${randomUUID()}` };
  }

  cardsFor(aadObjectId: string): AdaptiveCard[] {
    return this.toMembers.filter((s) => s.aadObjectId === aadObjectId).map((s) => s.card);
  }
}

export class RecordingLog implements Logger {
  readonly warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  warn(message: string, fields?: Record<string, unknown>): void {
    this.warnings.push({ message, ...(fields ? { fields } : {}) });
  }
}

export interface World {
  storage: Storage;
  collaborative: Collaborative;
  facilitator: Actor;
  /** Installed members, person i in WORKGROUPS[i % 3]. */
  people: Member[];
  sender: RecordingSender;
  log: RecordingLog;
  /** Move time on by changing this. */
  clock: { now: Date };
  deps: Storage & { clock: () => Date; sender: RecordingSender; log: RecordingLog };
}

/** How Teams identifies a member who presses a button. */
export function actorOf(member: Member): Actor {
  return { aadObjectId: member.aadObjectId!, displayName: member.displayName };
}

function person(collaborativeId: string, i: number, installed: boolean, over: Partial<MemberInput> = {}): MemberInput {
  const aadObjectId = randomUUID();
  return {
    collaborativeId,
    id: `m-${i}-${aadObjectId.slice(0, 8)}`,
    aadObjectId,
    upn: `person.${i}@nhs.net`,
    displayName: `Test Person ${i}`,
    organisationId: 'lypft',
    workgroupId: WORKGROUPS[i % WORKGROUPS.length]!.id,
    ...(installed ? { installState: 'installed', conversationReference: { conversation: { id: `a:${i}` } } } : {}),
    ...over,
  };
}

/**
 * A collaborative with three active workgroups and a retired one, a facilitator (on the
 * list, installed), `people` installed members and `notInstalled` more the bot cannot reach.
 */
export async function aWorld(storage: Storage, options: { people?: number; notInstalled?: number; k?: number } = {}): Promise<World> {
  const facilitatorId = randomUUID();
  const collaborative = (
    await storage.collaboratives.create(aCollaborative({ k: options.k ?? 3, facilitatorIds: [facilitatorId], teamsChannelId: '19:channel' }))
  ).value;
  const id = collaborative.id;
  await storage.workgroups.upsertMany([
    ...WORKGROUPS.map((w) => ({ collaborativeId: id, ...w })),
    { collaborativeId: id, ...RETIRED_WORKGROUP, retiredAt: '2026-01-01T00:00:00.000Z' },
  ]);
  const count = options.people ?? 4;
  const inputs = [
    ...Array.from({ length: count }, (_, i) => person(id, i, true)),
    ...Array.from({ length: options.notInstalled ?? 0 }, (_, i) => person(id, count + i, false)),
  ];
  const facilitatorRow = person(id, 99, true, { aadObjectId: facilitatorId, displayName: 'Fran Facilitator', workgroupId: 'mbu-nursing' });
  await storage.members.upsertMany([...inputs, facilitatorRow]);
  const people = (await storage.members.list(id))
    .filter((m) => m.installState === 'installed' && m.aadObjectId !== facilitatorId)
    .sort((a, b) => a.upn!.localeCompare(b.upn!, 'en', { numeric: true }));
  const clock = { now: START };
  const sender = new RecordingSender();
  const log = new RecordingLog();
  const deps = { ...storage, clock: () => clock.now, sender, log };
  return { storage, collaborative, facilitator: { aadObjectId: facilitatorId, displayName: 'Fran Facilitator' }, people, sender, log, clock, deps };
}

/** Starts a pulse as the facilitator. */
export function start(world: World, options: { focalProcess?: string; closesInDays?: number } = {}): Promise<StartPulseResult> {
  return startPulse(world.deps, world.facilitator, world.collaborative.id, options);
}

/** The first card a person was sent. */
export function invitationOf(world: World, member: Member): AdaptiveCard {
  const card = world.sender.cardsFor(member.aadObjectId!)[0];
  if (!card) throw new Error(`${member.displayName} was sent no card`);
  return card;
}

/** What a button sends, as Teams would: its data plus the card's inputs (unless it sends none). */
export function buttonData(card: AdaptiveCard, title: string, inputs: Record<string, string> = {}) {
  const button = executeActions(card).find((a) => a.title === title);
  if (!button) throw new Error(`no "${title}" button; the card has ${executeActions(card).map((a) => a.title).join(', ')}`);
  const values = button.associatedInputs === 'none' ? {} : { ...inputValues(card), ...inputs };
  return { verb: button.verb, data: { ...values, ...button.data } };
}

/** Sends a verb and data through the parser and the survey handler; the reply card is checked. */
export async function send(world: World, member: Member, verb: string, data: Record<string, unknown>): Promise<SurveyReply> {
  const parsed = parseCardAction(verb, data);
  if (!parsed.ok) throw new Error(`the parser refused ${verb}: ${parsed.userMessage}`);
  if (!isSurveyAction(parsed.action)) throw new Error(`${verb} is not a survey verb`);
  const reply = await handleSurveyAction(world.deps, actorOf(member), world.collaborative.id, parsed.action);
  expectValidCard(reply.card);
  return reply;
}

/** Presses a button on a card. */
export function press(world: World, member: Member, card: AdaptiveCard, title: string, inputs: Record<string, string> = {}): Promise<SurveyReply> {
  const { verb, data } = buttonData(card, title, inputs);
  return send(world, member, verb, data);
}

/** Every item of a group answered with `score` ('na' for not applicable). */
export function answers(score: string): Record<string, string> {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, score]));
}

/**
 * Takes a person from their invitation to the review card: chooses `workgroupId` (default:
 * the pre-selected one) and answers every group with `score`.
 */
export async function answerEverything(world: World, member: Member, options: { workgroupId?: string; score?: string } = {}): Promise<AdaptiveCard> {
  let reply = await press(world, member, invitationOf(world, member), 'Start', options.workgroupId ? { workgroupId: options.workgroupId } : {});
  for (let i = 0; i < WORKGROUPS.length; i++) {
    const next = i === WORKGROUPS.length - 1 ? 'Review' : 'Next';
    reply = await press(world, member, reply.card, next, answers(options.score ?? '4'));
    if (reply.outcome !== 'step') throw new Error(`answering group ${i + 1} gave ${reply.outcome}`);
  }
  return reply.card;
}

/** The whole survey, submitted. */
export async function answerAndSubmit(world: World, member: Member, options: { workgroupId?: string; score?: string } = {}): Promise<SurveyReply> {
  return press(world, member, await answerEverything(world, member, options), 'Submit');
}

/** Every row of the Submissions and Responses tables as raw JSON, to look for identity. */
export async function rawAnswerTables(storage: Storage): Promise<string> {
  const rows: unknown[] = [];
  for (const client of [storage.clients.submissions, storage.clients.responses]) {
    for await (const row of client.listEntities()) rows.push(row);
  }
  return JSON.stringify(rows);
}
