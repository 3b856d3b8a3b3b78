import { createIntervention } from '../../src/app/interventions';
import { interventionsJob } from '../../src/app/interventions/intervention-jobs';
import { botAccess, ukToday } from '../../src/app/interventions/open-interventions';
import { DEMO_COLLABORATIVE, DEMO_FACILITATOR_AAD_ID } from '../../src/app/demo/demo-data';
import { parseConfig } from '../../src/config/config';
import { azuriteConnectionString } from '../../src/local/azurite-process';
import { DEMO_TEAM_ID, demoPlaygroundConfig } from '../../src/local/playground-config';
import { createStorage, type Storage } from '../../src/storage/storage';
import { expectValidCard } from '../support/adaptive-card-validator';
import { launcherEnv, type Launched } from '../support/local-launcher';
import { PlaygroundClient, type PostedMessage } from '../support/playground-client';
import { inMyChat, inTeam, launchWithPlayground, stopWithPlayground } from './playground-stack';

/**
 * Interventions in the local Teams client, as someone trying `npm start` meets them: the
 * `interventions` command in the demo team, and an owner's reminder in their own chat when an
 * intervention they own is due in two days. The daily run is made due by the test (as a
 * facilitator's timed work is, through the Jobs table), and the server looks for due work every
 * half second; quiet hours are off, so the test passes at any hour.
 */

jest.setTimeout(120_000);

const config = demoPlaygroundConfig();
const me = config.currentUser;
const bot = config.bot;
const textOf = (card: unknown) => JSON.stringify(card);

let env: Record<string, string>;
let run: Launched | undefined;
let pg: PlaygroundClient | undefined;
let storage: Storage;

beforeAll(async () => {
  env = { ...(await launcherEnv('rc-pulse-e2e-iv-')), DELIVERY_JOB_POLL_MS: '500', DELIVERY_QUIET_HOURS: 'none', DELIVERY_QUIET_WEEKENDS: 'false' };
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

/** The first card of a message, checked by the Adaptive Card validator. */
function cardOf(message: PostedMessage): Record<string, unknown> {
  const card = message.cards[0];
  expectValidCard(card);
  return card!;
}

describe('interventions in the local Teams client', () => {
  it('answers "interventions" with the card, mine first, and reminds me in my chat of one I own that is due in two days', async () => {
    let since = pg!.mark();
    await pg!.install(DEMO_TEAM_ID);
    await pg!.waitFor((m) => inTeam(m) && Boolean(m.text?.startsWith('Hello!')), 'the welcome in the channel', since);

    // An intervention I (the demo facilitator) own, due in two days, recorded as the tab records it.
    const deps = { storage, clock: () => new Date() };
    const access = await botAccess(deps, { aadObjectId: DEMO_FACILITATOR_AAD_ID, displayName: me.name }, DEMO_COLLABORATIVE.id);
    const groups = (await storage.workgroups.list(DEMO_COLLABORATIVE.id)).filter((g) => g.retiredAt === undefined);
    const dueOn = new Date(Date.parse(`${ukToday(new Date())}T12:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    await createIntervention(deps, access, {
      title: 'Weekly joint huddle before discharge',
      kind: 'structural',
      ties: [{ from: groups[0]!.id, to: groups[1]!.id }],
      ownerIds: [DEMO_FACILITATOR_AAD_ID],
      status: 'agreed',
      dueOn,
    });

    since = pg!.mark();
    await pg!.say(DEMO_TEAM_ID, me.id, 'interventions', bot);
    const list = textOf(cardOf(await pg!.waitFor((m) => inTeam(m) && textOf(m.cards).includes('What we are trying'), 'the interventions card', since)));
    expect(list).toContain('Weekly joint huddle before discharge');
    expect(list).toContain('(yours)');
    // Mine come first: my new one before the demo's other open interventions.
    const firstTitle = /"type":"TextRun","text":"([^"]+)","weight":"bolder"/.exec(list)?.[1];
    expect(firstTitle).toBe('Weekly joint huddle before discharge');

    // The daily run, made due now: the server's job runner picks it up and I get the reminder.
    since = pg!.mark();
    await storage.jobs.dueBy(interventionsJob(DEMO_COLLABORATIVE.id, new Date()));
    const reminder = textOf(cardOf(await pg!.waitFor((m) => inMyChat(m) && textOf(m.cards).includes('An intervention you own is due'), 'the reminder in my chat', since, 30_000)));
    expect(reminder).toContain('An intervention you own is due in 2 days');
    expect(reminder).toContain('Weekly joint huddle before discharge');
  });
});
