import type { AddressInfo } from 'node:net';
import { createBotApp, type BotApp, type BotAppOptions } from '../../../bot/bot-app';
import type { BotConfig } from '../../../bot/bot-config';
import type { Storage } from '../../../src/storage/storage';
import { executeActions, expectValidCard, inputValues } from '../../support/adaptive-card-validator';
import { accountOf, aTeam, aUser, BotClient, invokeCard, type BotResponse, type Place, type TeamsTeam, type TeamsUser } from '../../support/bot-client';
import { startFakeConnector, type FakeConnector } from '../../support/fake-connector';
import { testStorage } from '../../support/test-storage';

/**
 * The real server (createServer + /api/messages) on a free loopback port, over the test
 * Azurite, replying to a fake Bot Connector. Every card the bot sends or answers with is
 * checked with the Adaptive Card validator as it is read.
 */

/** The tenant of the test teams. */
export const TENANT = '6f4c2a10-8c1e-4b7a-9d3e-2a5b7c9d1e0f';
/** A tenant no test collaborative allows. */
export const OTHER_TENANT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
/** The results tab link the test server puts on results cards. */
export const TAB_URL = 'https://teams.microsoft.com/l/entity/test-app/results';
/** The server's fixed clock. */
export const NOW = new Date('2026-03-02T09:00:00.000Z');

type Card = Record<string, unknown>;

/** A running server with its storage, fake connector, client and log. */
export interface BotHarness {
  storage: Storage;
  connector: FakeConnector;
  client: BotClient;
  app: BotApp;
  /** Every log line the server wrote. */
  logs: string[];
  stop(): Promise<void>;
}

/** Storage (e.g. one that fails on purpose), bot settings and page size for a harness. */
export interface HarnessOptions {
  storage?: Storage;
  config?: Partial<BotConfig>;
  rosterPageSize?: number;
  /** The delivery engine to send through (the queue); cards go directly without it. */
  delivery?: BotAppOptions['delivery'];
  /** Family links of transition checks; without them a check can have 0 links only. */
  family?: BotAppOptions['family'];
  /** The delivery time zone and quiet hours "pulse schedule" uses; UK defaults without it. */
  schedule?: BotAppOptions['schedule'];
}

/** Starts the server and a fake connector; stop both in afterAll. */
export async function startBot(options: HarnessOptions = {}): Promise<BotHarness> {
  const storage = options.storage ?? (await testStorage());
  const connector = await startFakeConnector();
  const logs: string[] = [];
  const config: BotConfig = { appId: '', appType: 'MultiTenant', tabUrl: TAB_URL, ...options.config };
  const app = createBotApp({
    storage,
    config,
    log: (line) => logs.push(line),
    clock: () => NOW,
    rosterPageSize: options.rosterPageSize ?? 50,
    ...(options.delivery ? { delivery: options.delivery } : {}),
    ...(options.family ? { family: options.family } : {}),
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const port = (app.server.address() as AddressInfo).port;
  const client = new BotClient(`http://127.0.0.1:${port}/api/messages`, connector.url);
  return {
    storage,
    connector,
    client,
    app,
    logs,
    async stop() {
      await app.delivery?.stop();
      app.server.close();
      await connector.stop();
    },
  };
}

/** The cards in an activity the bot sent, each checked by the validator. */
export function cardsOf(activity: Record<string, unknown>): Card[] {
  const attachments = (activity.attachments as { contentType?: string; content?: Card }[] | undefined) ?? [];
  return attachments
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => {
      expectValidCard(a.content);
      return a.content!;
    });
}

/** Everything the bot posted in a conversation: text and checked cards, in order. */
export function postsIn(h: BotHarness, conversationId: string): { text?: string; cards: Card[] }[] {
  return h.connector.activitiesIn(conversationId).map((a) => ({ ...(typeof a.text === 'string' ? { text: a.text } : {}), cards: cardsOf(a) }));
}

/** The last card posted in a conversation. */
export function lastCardIn(h: BotHarness, conversationId: string): Card {
  const card = postsIn(h, conversationId).flatMap((p) => p.cards).at(-1);
  if (!card) throw new Error(`no card was posted in ${conversationId}`);
  return card;
}

/** The last text posted in a conversation. */
export function lastTextIn(h: BotHarness, conversationId: string): string {
  const text = postsIn(h, conversationId).flatMap((p) => (p.text ? [p.text] : [])).at(-1);
  if (text === undefined) throw new Error(`no text was posted in ${conversationId}`);
  return text;
}

/** The card an invoke answered with, checked. */
export function checkedInvokeCard(response: BotResponse): Card {
  const card = invokeCard(response);
  expectValidCard(card);
  return card;
}

/** All of a card's visible text, for assertions about wording. */
export function textOf(card: unknown): string {
  return JSON.stringify(card);
}

/** Presses a button on a card the way Teams does: its data plus the card's inputs, as an invoke. */
export async function press(h: BotHarness, user: TeamsUser, card: Card, title: string, inputs: Record<string, unknown> = {}, place?: Place): Promise<Card> {
  const { verb, data } = buttonData(card, title, inputs);
  return checkedInvokeCard(await h.client.invoke(user, verb, data, place));
}

/** What a button sends: verb, and data merged with the card's inputs (unless it sends none). */
export function buttonData(card: Card, title: string, inputs: Record<string, unknown> = {}): { verb: string; data: Record<string, unknown> } {
  const button = executeActions(card).find((a) => a.title === title);
  if (!button) throw new Error(`no "${title}" button; the card has ${executeActions(card).map((a) => a.title).join(', ')}`);
  const values = button.associatedInputs === 'none' ? {} : { ...inputValues(card), ...inputs };
  return { verb: button.verb, data: { ...values, ...button.data } };
}

/** A tenant's team with a facilitator and `count` more members, listed by the fake connector. */
export function aTeamWithPeople(h: BotHarness, count: number, tenantId = TENANT): { team: TeamsTeam; facilitator: TeamsUser; people: TeamsUser[] } {
  const team = aTeam(tenantId, `Perinatal pathway team ${Math.random().toString(36).slice(2, 7)}`);
  const facilitator = aUser(tenantId, 'Fran Facilitator');
  const people = Array.from({ length: count }, (_, i) => aUser(tenantId, `Team Member ${i + 1}`));
  h.connector.setMembers(team.id, [facilitator, ...people].map(accountOf));
  return { team, facilitator, people };
}

/** The workgroups aSetUpTeam types into the set-up card. */
export const WORKGROUP_NAMES = ['MBU nursing', 'Community perinatal team', 'Health visiting'];

/** A team with RC Pulse installed and set up through the set-up card (k = 3, three workgroups). */
export async function aSetUpTeam(h: BotHarness, count: number): Promise<{ team: TeamsTeam; facilitator: TeamsUser; people: TeamsUser[]; collaborativeId: string; place: Place }> {
  const { team, facilitator, people } = aTeamWithPeople(h, count);
  await h.client.installInTeam(facilitator, team);
  const collaborativeId = (await h.storage.collaboratives.findByTeamsTeam(team.id))!.value.id;
  const place: Place = { team };
  await h.client.message(facilitator, 'setup', place);
  const saved = await press(h, facilitator, lastCardIn(h, team.id), 'Save', { focalProcess: 'admission to the mother and baby unit', workgroups: WORKGROUP_NAMES.join('\n'), k: '3' }, place);
  if (!textOf(saved).includes('Saved.')) throw new Error(`setup did not save: ${textOf(saved).slice(0, 400)}`);
  return { team, facilitator, people, collaborativeId, place };
}
