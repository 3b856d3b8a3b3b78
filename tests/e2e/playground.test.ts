import { DEMO_COLLABORATIVE, DEMO_FACILITATOR_AAD_ID, demoTeamsPeople } from '../../src/app/demo/demo-data';
import { parseConfig } from '../../src/config/config';
import { DIMENSIONS } from '../../src/domain/instrument';
import { azuriteConnectionString } from '../../src/local/azurite-process';
import { DEMO_PERSONAL_CHAT_ID, DEMO_TEAM_ID, demoPlaygroundConfig } from '../../src/local/playground-config';
import { respondentKeyer } from '../../src/storage/respondent-key-hmac';
import { createStorage, type Storage } from '../../src/storage/storage';
import { expectValidCard } from '../support/adaptive-card-validator';
import { buttonData, inputValues } from '../support/card-buttons';
import { launcherEnv, type Launched } from '../support/local-launcher';
import { PlaygroundClient, type PostedMessage } from '../support/playground-client';
import { inMyChat, inTeam, launchWithPlayground, stopWithPlayground } from './playground-stack';

/**
 * The whole product as someone trying it locally meets it: `npm start` (the launcher from
 * dist/, with Azurite, the demo seed, the server and the Microsoft 365 Agents Playground),
 * then the Teams client driven through the playground's own API, as its web page drives it.
 */

jest.setTimeout(90_000);

type Card = Record<string, unknown>;

const config = demoPlaygroundConfig();
const me = config.currentUser;
const bot = config.bot;
const answers = (score: string) => Object.fromEntries(DIMENSIONS.map((d) => [d, score]));
const textOf = (card: unknown) => JSON.stringify(card);

let env: Record<string, string>;
let run: Launched | undefined;
let pg: PlaygroundClient | undefined;

beforeAll(async () => {
  env = await launcherEnv('rc-pulse-e2e-');
  run = await launchWithPlayground(env, 75_000);
  pg = await PlaygroundClient.connect(`http://127.0.0.1:${env.PLAYGROUND_PORT}`);
});

afterAll(() => stopWithPlayground(run, pg, env));

/** Says something in the team's General channel, mentioning the bot as Teams requires. */
async function sayInTeam(text: string): Promise<number> {
  const since = pg!.mark();
  await pg!.say(DEMO_TEAM_ID, me.id, text, bot);
  return since;
}

/** The first card of a message, checked by the Adaptive Card validator. */
function cardOf(message: PostedMessage): Card {
  const card = message.cards[0];
  expectValidCard(card);
  return card!;
}

/** Presses a button on the card in message `cardMessage` of my chat, with the card's inputs; returns the new card. */
async function press(cardMessage: PostedMessage, card: Card, title: string, inputs: Record<string, unknown> = {}): Promise<Card> {
  const { verb, data } = buttonData(card, title, inputs);
  const next = await pg!.invoke(DEMO_PERSONAL_CHAT_ID, me.id, cardMessage.messageId, verb, data);
  expectValidCard(next);
  return next;
}

/** The run's storage, as the server sees it. */
function storageOfRun(): Storage {
  return createStorage(
    parseConfig({
      STORAGE_CONNECTION_STRING: azuriteConnectionString(Number(env.AZURITE_TABLE_PORT), Number(env.AZURITE_QUEUE_PORT)),
      SECRET_LEDGER_HMAC_KEY: env.SECRET_LEDGER_HMAC_KEY,
      STORAGE_NAME_PREFIX: env.STORAGE_NAME_PREFIX,
    }),
  );
}

/** The value of a fact ("Answered", "Invited") on a card. */
function fact(card: Card, title: string): string | undefined {
  const found = textOf(card).match(new RegExp(`"title":"${title}","value":"([^"]*)"`));
  return found?.[1];
}

describe('trying RC Pulse in the local Teams client', () => {
  it('the demo facilitator adds the app to the team, asks for help, starts a pulse, answers it in their chat, and sees the status', async () => {
    // 1. The app added to the team: the team is linked to the demo collaborative.
    let since = pg!.mark();
    await pg!.install(DEMO_TEAM_ID);
    const welcome = await pg!.waitFor((m) => inTeam(m) && Boolean(m.text?.startsWith('Hello!')), 'the welcome in the channel', since);
    expect(welcome.text).toContain(`RC Pulse is now linked to ${DEMO_COLLABORATIVE.name}`);

    // 2. help: the help card, with the facilitator's commands.
    since = await sayInTeam('help');
    const help = cardOf(await pg!.waitFor((m) => inTeam(m) && m.cards.length > 0, 'the help card', since));
    expect(textOf(help)).toContain('What RC Pulse can do');
    expect(textOf(help)).toContain('pulse start');

    // 3. pulse start: the six people in the team get the survey card; mine is in my chat.
    since = await sayInTeam('pulse start');
    const summary = await pg!.waitFor((m) => inTeam(m) && Boolean(m.text?.startsWith('The pulse about')), 'the start summary', since);
    // Sent at once, or handed to the delivery queue: six people either way.
    expect(summary.text).toMatch(/6 people were sent the survey card|The survey card is on its way to 6 people/);
    expect(summary.text).toContain('55 people on the list cannot be reached yet');
    const invitation = await pg!.waitFor((m) => inMyChat(m) && m.cards.length > 0, 'the survey card in my chat', since);

    // 4. The whole survey through Action.Execute: my group (already chosen from the list), each group, review, submit.
    let card = cardOf(invitation);
    expect(inputValues(card).workgroupId).toBe('collaborative-leadership-team');
    card = await press(invitation, card, 'Start');
    // Six staff groups and Families (the demo's families answer through links; staff rate their ties with them).
    expect(textOf(card)).toContain('Group 1 of 7');
    for (let group = 2; group <= 7; group++) {
      card = await press(invitation, card, 'Next', answers(String(1 + (group % 5))));
      expect(textOf(card)).toContain(`Group ${group} of 7`);
    }
    card = await press(invitation, card, 'Review', { ...answers('4'), timely: 'na' });
    expect(textOf(card)).toContain('Check your answers');
    card = await press(invitation, card, 'Submit');
    expect(textOf(card)).toContain('Thank you, your answers are in');

    // 5. pulse status: one answer of six invited, shown as "fewer than 5" everywhere.
    since = await sayInTeam('pulse status');
    const status = cardOf(await pg!.waitFor((m) => inTeam(m) && textOf(m.cards).includes('Pulse status'), 'the status card', since));
    expect(fact(status, 'Invited')).toBe('6');
    expect(fact(status, 'Answered')).toBe('fewer than 5');
    const progress = textOf(status).match(/"text":"[^"]*: [^"]* of \d+[^"]*"/g) ?? [];
    expect(progress).toHaveLength(6);
    for (const row of progress) expect(row).toContain('fewer than 5 of');
    expect(textOf(status)).toContain('Counts below 5 read \\"fewer than 5\\"');

    // One welcome, though Teams (and the playground) send two events for one install.
    expect(pg!.posted.filter((m) => inTeam(m) && m.text?.startsWith('Hello!'))).toHaveLength(1);
  });

  it('recorded the six playground people on their roster rows, matched by e-mail, with their Entra ids', async () => {
    const storage = storageOfRun();
    const members = await storage.members.list(DEMO_COLLABORATIVE.id);
    expect(members).toHaveLength(61);
    const installed = members.filter((m) => m.installState === 'installed');
    expect(installed.map((m) => [m.id, m.aadObjectId]).sort()).toEqual(demoTeamsPeople().map((p) => [p.id, p.aadObjectId]).sort());
    const collaborative = (await storage.collaboratives.get(DEMO_COLLABORATIVE.id)).value;
    expect(collaborative).toMatchObject({ facilitatorIds: [DEMO_FACILITATOR_AAD_ID], teamsTeamId: DEMO_TEAM_ID });
    // No second collaborative was made for the team.
    expect((await storage.collaboratives.list()).map((c) => c.id)).toEqual([DEMO_COLLABORATIVE.id]);
  });

  it('left nothing in the logs or the audit trail that links the person who answered to their answers', async () => {
    const storage = storageOfRun();
    const [pulse] = (await storage.pulses.list(DEMO_COLLABORATIVE.id)).filter((p) => p.status === 'open');
    const scope = { collaborativeId: DEMO_COLLABORATIVE.id, pulseId: pulse!.id };
    // What an insider with the secret could compute: the respondent key of each person invited.
    const keyOf = respondentKeyer(env.SECRET_LEDGER_HMAC_KEY!);
    const myKey = keyOf(scope, DEMO_FACILITATOR_AAD_ID);
    const keys = [myKey, ...demoTeamsPeople().map((p) => keyOf(scope, p.aadObjectId))];
    // The rows that hold those keys: my ledger row (finished) must be there, or the search below proves nothing.
    const rows: Record<string, unknown>[] = [];
    for await (const row of storage.clients.submissions.listEntities({ queryOptions: { filter: `PartitionKey eq '${scope.collaborativeId}:${scope.pulseId}'` } })) rows.push(row);
    const keyedRows = rows.map((r) => String(r.rowKey)).filter((k) => keys.some((key) => k.includes(key)));
    expect(keyedRows).toContain(`L:${myKey}`);
    // My answers, wherever they wait (pending while fewer than k have answered), as stored and as sent.
    const stored = [
      ...rows.filter((r) => String(r.rowKey).startsWith('P:')).map((r) => JSON.parse(String(r.ratings)) as Record<string, unknown>),
      ...(await storage.responses.list(scope)).map((r) => r.ratings as Record<string, unknown>),
    ];
    expect(stored).toHaveLength(1);
    const answerTexts = [JSON.stringify(stored[0]), ...Object.values(stored[0]!).map((r) => JSON.stringify(r)), JSON.stringify({ ...answers('4'), timely: 'na' })];
    for (let group = 2; group <= 7; group++) answerTexts.push(JSON.stringify(answers(String(1 + (group % 5)))));

    const logs = run!.output();
    const audit = (await storage.audit.list(DEMO_COLLABORATIVE.id)).map((e) => JSON.stringify(e));
    expect(logs.length).toBeGreaterThan(0);
    expect(audit.length).toBeGreaterThan(0);
    for (const [where, text] of [['the server log', logs], ...audit.map((a) => ['an audit row', a])] as [string, string][]) {
      for (const key of keys) {
        // The whole key, or enough of it (16 hex digits) to match it.
        expect({ where, leaked: text.includes(key.slice(0, 16)) }).toEqual({ where, leaked: false });
      }
      for (const rowKey of keyedRows) expect({ where, leaked: text.includes(rowKey) }).toEqual({ where, leaked: false });
      for (const answer of answerTexts) expect({ where, leaked: text.includes(answer) }).toEqual({ where, leaked: false });
    }
  });
});
