import { transitionCardFor } from '../../src/app/transitions';
import { DEMO_COLLABORATIVE } from '../../src/app/demo/demo-data';
import { parseConfig } from '../../src/config/config';
import { DIMENSIONS } from '../../src/domain/instrument';
import { azuriteConnectionString } from '../../src/local/azurite-process';
import { DEMO_PERSONAL_CHAT_ID, DEMO_TEAM_ID, demoPlaygroundConfig, type PlaygroundUser } from '../../src/local/playground-config';
import { createStorage, type Storage } from '../../src/storage/storage';
import { expectValidCard } from '../support/adaptive-card-validator';
import { BotClient, invokeCard, type TeamsUser } from '../support/bot-client';
import { buttonData, executeActions } from '../support/card-buttons';
import { launcherEnv, type Launched } from '../support/local-launcher';
import { PlaygroundClient, type PostedMessage } from '../support/playground-client';
import { inMyChat, inTeam, launchWithPlayground, stopWithPlayground } from './playground-stack';

/**
 * A transition check in the local Teams client, end to end: `transition start` in the demo
 * team's channel with three people @mentioned (the signed-in facilitator and two colleagues),
 * the form in the facilitator's own chat, the check's card in the channel, the facilitator's
 * staff card answered in their chat, the two colleagues' answered as them (the playground shows
 * only the signed-in person's chats, so their presses go to the bot as Teams would send them),
 * and the check closed by command: its card in the channel is replaced with the figures.
 */

jest.setTimeout(180_000);

type Card = Record<string, unknown>;

const config = demoPlaygroundConfig();
const me = config.currentUser;
const bot = config.bot;
const answers = (score: string) => Object.fromEntries(DIMENSIONS.map((d) => [d, score]));
const textOf = (card: unknown) => JSON.stringify(card);

let env: Record<string, string>;
let run: Launched | undefined;
let pg: PlaygroundClient | undefined;
let storage: Storage;

beforeAll(async () => {
  env = {
    ...(await launcherEnv('rc-pulse-e2e-tr-')),
    SECRET_LINK_KEY: 'test-link-secret-for-npm-start-0123456789abcdef',
    DELIVERY_JOB_POLL_MS: '500',
    DELIVERY_QUIET_HOURS: 'none',
    DELIVERY_QUIET_WEEKENDS: 'false',
  };
  run = await launchWithPlayground(env, 90_000);
  pg = await PlaygroundClient.connect(`http://127.0.0.1:${env.PLAYGROUND_PORT}`);
  storage = createStorage(
    parseConfig({
      STORAGE_CONNECTION_STRING: azuriteConnectionString(Number(env.AZURITE_TABLE_PORT), Number(env.AZURITE_QUEUE_PORT)),
      SECRET_LEDGER_HMAC_KEY: env.SECRET_LEDGER_HMAC_KEY,
      STORAGE_NAME_PREFIX: env.STORAGE_NAME_PREFIX,
    }),
  );
});

afterAll(() => stopWithPlayground(run, pg, env));

function cardOf(message: PostedMessage): Card {
  const card = message.cards[0];
  expectValidCard(card);
  return card!;
}

/** Presses a button on a card in my own chat; the card that replaces it. */
async function pressMine(message: PostedMessage, card: Card, title: string, inputs: Record<string, unknown> = {}): Promise<Card> {
  const { verb, data } = buttonData(card, title, inputs);
  const next = await pg!.invoke(DEMO_PERSONAL_CHAT_ID, me.id, message.messageId, verb, data);
  expectValidCard(next);
  return next;
}

/** A colleague as the bot's activities name them. */
function teamsUser(user: PlaygroundUser): TeamsUser {
  return { id: user.id, name: user.name, aadObjectId: user.aadObjectId, upn: user.userPrincipleName, tenantId: config.tenantId };
}

/** Answers a staff card to the end through `press` (every role, then Submit); the last card. */
async function answerAll(first: Card, press: (card: Card, title: string, inputs: Record<string, unknown>) => Promise<Card>): Promise<Card> {
  let card = first;
  for (let i = 0; i < 10; i++) {
    const next = executeActions(card).find((a) => a.title === 'Next' || a.title === 'Review');
    if (!next) break;
    card = await press(card, next.title, answers('2'));
  }
  return press(card, 'Submit', {});
}

describe('a transition check in the local Teams client', () => {
  it('starts from @mentions in the channel, is answered by its staff, and its card in the channel shows the figures when closed by command', async () => {
    let since = pg!.mark();
    await pg!.install(DEMO_TEAM_ID);
    await pg!.waitFor((m) => inTeam(m) && Boolean(m.text?.startsWith('Hello!')), 'the welcome in the channel', since);

    // Three people @mentioned, as Teams sends them: me and two colleagues from other roles.
    const colleagues = [config.users[0]!, config.users[1]!];
    since = pg!.mark();
    await pg!.say(DEMO_TEAM_ID, me.id, 'transition start admission', bot, [me, ...colleagues].map((u) => ({ id: u.id, name: u.name })));
    await pg!.waitFor((m) => inTeam(m) && Boolean(m.text?.includes('sent you a form privately')), 'the note in the channel', since);
    const formMessage = await pg!.waitFor((m) => inMyChat(m) && textOf(m.cards).includes('Start a transition check'), 'the form in my chat', since);
    const form = cardOf(formMessage);
    for (const u of [me, ...colleagues]) expect(textOf(form)).toContain(`${u.name} answers for`);

    // The roles come from the demo roster; the reference is the team's own.
    since = pg!.mark();
    const started = await pressMine(formMessage, form, 'Start the check', { reference: 'MBU admission 14', familyLinks: '1' });
    expect(textOf(started)).toContain('The transition check has started');
    expect(textOf(started)).toContain('/f/');
    const posted = await pg!.waitFor((m) => inTeam(m) && !m.updated && textOf(m.cards).includes('Transition check'), "the check's card in the channel", since);
    expect(textOf(cardOf(posted))).toContain('"title":"Answered","value":"fewer than 3"');
    const [check] = await storage.transitions.list(DEMO_COLLABORATIVE.id);
    expect(check).toMatchObject({ reference: 'MBU admission 14', status: 'open' });

    // My own staff card, in my chat, answered there.
    const mine = await pg!.waitFor((m) => inMyChat(m) && !m.updated && textOf(m.cards).includes("transition check 'MBU admission 14'"), 'my staff card', since, 30_000);
    const thanks = await answerAll(cardOf(mine), (card, title, inputs) => pressMine(mine, card, title, inputs));
    expect(textOf(thanks)).toContain('Thank you');

    // The colleagues' cards: the same card the bot sends them, pressed as each of them.
    const client = new BotClient(`http://127.0.0.1:${env.PORT}/api/messages`, `http://127.0.0.1:${env.PLAYGROUND_PORT}`);
    const [pulse, workgroups] = await Promise.all([storage.pulses.get(check!.collaborativeId, check!.id), storage.workgroups.list(check!.collaborativeId)]);
    for (const colleague of colleagues) {
      const user = teamsUser(colleague);
      const first = transitionCardFor(check!, pulse.value, workgroups, user.aadObjectId, 3) as unknown as Card;
      const done = await answerAll(first, async (card, title, inputs) => {
        const { verb, data } = buttonData(card, title, inputs);
        const next = invokeCard(await client.invoke(user, verb, data));
        expectValidCard(next);
        return next;
      });
      expect(textOf(done)).toContain('Thank you');
    }

    // Closed by command: the card in the channel is replaced with the figures, and the weak alert follows.
    since = pg!.mark();
    await pg!.say(DEMO_TEAM_ID, me.id, `transition close ${check!.id}`, bot);
    const final = await pg!.waitFor((m) => inTeam(m) && Boolean(m.updated) && textOf(m.cards).includes('These figures are final'), 'the final card in the channel', since, 30_000);
    expect(final.messageId).toBe(posted.messageId);
    const figures = textOf(cardOf(final));
    expect(figures).toContain('Team RC: ');
    expect(figures).toContain('"text":"2.00 (weak)"');
    await pg!.waitFor((m) => inTeam(m) && textOf(m.cards).includes('A transition check closed weak'), 'the weak alert in the channel', since, 30_000);
  });
});
