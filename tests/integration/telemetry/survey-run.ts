import { DIMENSIONS } from '../../../src/domain/instrument';
import type { Storage } from '../../../src/storage/storage';
import { accountOf, aTeam, aUser, personalChatId, type BotClient, type TeamsUser } from '../../support/bot-client';
import type { FakeConnector } from '../../support/fake-connector';
import { lastCardIn, press, textOf, WORKGROUP_NAMES, type BotHarness } from '../bot/bot-harness';

/**
 * A whole survey run against a server in another process: the app installed in a team, set
 * up, a pulse started, its cards delivered through the queue, and every member answering.
 * Returns everything of that run that must never leave the server in telemetry or logs.
 */

export const TENANT = '6f4c2a10-8c1e-4b7a-9d3e-2a5b7c9d1e0f';

/** Distinctive names, so a search for them finds nothing by chance. */
const NAMES = ['Oriel Fairweather-Quist', 'Mabyn Trevascus', 'Ysolde Penhallow', 'Corentin Vaughan-Ash'];

/** What a run leaves that no payload or log line may hold. */
export interface RunSecrets {
  people: TeamsUser[];
  userIds: string[];
  names: string[];
  emails: string[];
  conversationIds: string[];
  respondentKeys: string[];
  /** Each person's answers as submitted: the JSON of the ratings, and each `"dimension":"value"` pair. */
  answers: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the survey; `storage` reads the same tables as the server (same prefix). */
export async function runSurvey(client: BotClient, connector: FakeConnector, storage: Storage): Promise<RunSecrets> {
  const h = { client, connector, storage } as unknown as BotHarness;
  const team = aTeam(TENANT, 'Perinatal pathway telemetry team');
  const [facilitator, ...people] = NAMES.map((name) => aUser(TENANT, name));
  connector.setMembers(team.id, [facilitator!, ...people].map(accountOf));
  const place = { team };
  await client.installInTeam(facilitator!, team);
  await client.message(facilitator!, 'setup', place);
  const saved = await press(h, facilitator!, lastCardIn(h, team.id), 'Save', { focalProcess: 'admission to the mother and baby unit', workgroups: WORKGROUP_NAMES.join('\n'), k: '3' }, place);
  if (!textOf(saved).includes('Saved.')) throw new Error(`setup did not save: ${textOf(saved).slice(0, 300)}`);
  await client.message(facilitator!, 'pulse start', place);
  const collaborativeId = (await storage.collaboratives.findByTeamsTeam(team.id))!.value.id;
  const pulse = (await storage.pulses.list(collaborativeId))[0]!;
  const scope = { collaborativeId, pulseId: pulse.id };

  // Cards go through the queue: wait until every member has one.
  const deadline = Date.now() + 30_000;
  while (people.some((p) => connector.activitiesIn(personalChatId(p)).length === 0)) {
    if (Date.now() > deadline) throw new Error('not every member was sent a survey card within 30 s');
    await sleep(100);
  }
  const answers: string[] = [];
  for (const [i, person] of people.entries()) {
    // Different answers per person, 'na' for one, so each person's set is recognisable.
    const ratings = Object.fromEntries(DIMENSIONS.map((d, j) => [d, j === i ? 'na' : String(1 + ((i + j) % 5))]));
    let card = await press(h, person, lastCardIn(h, personalChatId(person)), 'Start', { workgroupId: 'mbu-nursing' });
    for (const title of ['Next', 'Next', 'Review']) card = await press(h, person, card, title, ratings);
    const thanks = await press(h, person, card, 'Submit');
    if (!textOf(thanks).includes('Thank you')) throw new Error(`the survey did not submit: ${textOf(thanks).slice(0, 300)}`);
    answers.push(JSON.stringify(ratings), ...Object.entries(ratings).map(([d, v]) => `"${d}":"${v}"`));
  }
  const everyone = [facilitator!, ...people];
  return {
    people: everyone,
    userIds: everyone.flatMap((p) => [p.id, p.aadObjectId]),
    names: everyone.map((p) => p.name),
    emails: everyone.map((p) => p.upn),
    conversationIds: [team.id, ...everyone.map(personalChatId)],
    respondentKeys: everyone.map((p) => storage.respondentKey(scope, p.aadObjectId)),
    answers,
  };
}

/** Every partition and row key stored under the run's prefix that is long and specific enough to search for. */
export async function storedKeys(storage: Storage): Promise<string[]> {
  const keys = new Set<string>();
  for (const client of Object.values(storage.clients)) {
    for await (const row of client.listEntities()) {
      for (const key of [row.partitionKey, row.rowKey]) if (typeof key === 'string' && key.length >= 8 && !/^[a-z]+$/.test(key)) keys.add(key);
    }
  }
  return [...keys];
}
