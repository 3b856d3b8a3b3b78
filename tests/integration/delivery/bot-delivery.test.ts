import { wirePulseDelivery, type PulseDelivery } from '../../../bot/delivery-setup';
import { parseConfig } from '../../../src/config/config';
import { createCardQueue } from '../../../src/delivery/card-queue';
import { accountOf, aUser, personalChatId, type TeamsUser } from '../../support/bot-client';
import { testConnectionString, testStorage, TEST_HMAC_KEY, uniquePrefix } from '../../support/test-storage';
import { aSetUpTeam, lastCardIn, lastTextIn, NOW, press, startBot, TAB_URL, TENANT, textOf, type BotHarness } from '../bot/bot-harness';
import { settled, ShiftedClock, TEST_DELIVERY, waitFor } from './delivery-kit';

jest.setTimeout(60_000);

let h: BotHarness;
let engine: PulseDelivery;
const clock = new ShiftedClock();
beforeAll(async () => {
  const prefix = uniquePrefix();
  const storage = await testStorage({ prefix });
  const queue = createCardQueue(parseConfig({ STORAGE_CONNECTION_STRING: testConnectionString(), SECRET_LEDGER_HMAC_KEY: TEST_HMAC_KEY, STORAGE_NAME_PREFIX: prefix }).storage);
  clock.set(NOW.toISOString());
  h = await startBot({
    storage,
    delivery: (sender) => {
      engine = wirePulseDelivery({ storage, queue, sender, config: TEST_DELIVERY, tabUrl: TAB_URL, log: { warn: () => undefined }, clock: clock.now, retryBaseMs: 40 });
      return engine;
    },
  });
  await h.app.delivery!.start();
  h.connector.enforceTeamsLimits();
});
afterAll(() => h.stop());

/** What was delivered in a person's chat about the pulse (welcomes in new chats name no pulse). */
const surveyCardsTo = (user: TeamsUser, pulseId: string) => h.connector.activitiesIn(personalChatId(user)).filter((a) => JSON.stringify(a).includes(pulseId));

describe('a pulse started in Teams, sent through the queue', () => {
  it('reaches everyone once, says so in the channel, counts it on the status card, and posts the results there at the close', async () => {
    const { team, facilitator, people, collaborativeId, place } = await aSetUpTeam(h, 4);
    const collaborative = (await h.storage.collaboratives.get(collaborativeId)).value;
    // Installing in the team saved the channel's own conversation reference, for posting there.
    expect(collaborative.channelReference).toMatchObject({ serviceUrl: h.connector.url, conversation: { id: team.id } });

    await h.client.message(facilitator, 'pulse start', place);
    expect(lastTextIn(h, team.id)).toContain('The survey card is on its way to 5 people; I will post here when they all have it.');
    const pulse = (await h.storage.pulses.list(collaborativeId))[0]!;
    const scope = { collaborativeId, pulseId: pulse.id };
    await settled(h.storage, scope);

    // Reached through the team: each 1:1 chat was opened once, and got one card.
    for (const user of [facilitator, ...people]) {
      expect(h.connector.activitiesIn(personalChatId(user))).toHaveLength(1);
      expect(h.connector.calls.filter((c) => c.kind === 'create' && c.conversationId === user.id)).toHaveLength(1);
    }
    expect(await h.storage.jobs.listForPulse(scope)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'remind-day3' }), expect.objectContaining({ name: 'close', dueAt: pulse.closesAt })]),
    );

    await h.client.message(facilitator, 'pulse status', place);
    const status = lastCardIn(h, team.id);
    expect(textOf(status)).toContain('"title":"Delivered","value":"5"');

    clock.advance(60_000);
    await engine.runDueJobs();
    await waitFor('the fan-out line', () => h.connector.activitiesIn(team.id).some((a) => JSON.stringify(a).includes('Survey card sent to 5 of 5 members.')));

    const confirm = await press(h, facilitator, status, 'Close the pulse', {}, place);
    const results = await press(h, facilitator, confirm, 'Yes, close it', {}, place);
    // Nobody answered: the summary says too few did, here and in the channel (once).
    expect(textOf(results)).toContain('The pulse has closed. Too few people answered for figures to be shown.');
    const posted = h.connector.activitiesIn(team.id).filter((a) => JSON.stringify(a).includes('The pulse has closed.'));
    expect(posted).toHaveLength(1);
  });

  it('answers "pulse remind" with the reminders on their way, and each person who has not answered gets one', async () => {
    const { team, facilitator, people, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'pulse start', place);
    const pulse = (await h.storage.pulses.list(collaborativeId))[0]!;
    const scope = { collaborativeId, pulseId: pulse.id };
    await settled(h.storage, scope);

    await h.client.message(facilitator, 'pulse remind', place);
    expect(lastTextIn(h, team.id)).toBe('A gentle reminder is on its way to 3 people who have not answered yet.');
    const round = (await h.storage.jobs.listForPulse(scope)).find((j) => j.name.startsWith('remind-m'))!;
    await settled(h.storage, scope, round.name);
    for (const user of [facilitator, ...people]) {
      const reminders = h.connector.activitiesIn(personalChatId(user)).filter((a) => JSON.stringify(a).includes('A gentle reminder'));
      expect(reminders).toHaveLength(1);
    }
  });

  it('invites people who can first be reached while the pulse is open (joined the team, or added RC Pulse in a chat), once each, and reminds them with the others', async () => {
    const { team, facilitator, people, collaborativeId, place } = await aSetUpTeam(h, 2);
    // On the list from another Trust's roster, not in the team, without RC Pulse yet.
    const outsider = aUser(TENANT, 'Omar Outreach');
    h.connector.setMembers(personalChatId(outsider), [accountOf(outsider)]);
    await h.storage.members.upsertMany([{ collaborativeId, id: 'm-outsider', email: outsider.upn, displayName: 'Omar Outreach', organisationId: 'lypft', installState: 'not_installed' }]);

    await h.client.message(facilitator, 'pulse start', place);
    expect(lastTextIn(h, team.id)).toContain(
      '1 person on the list cannot be reached yet: they need RC Pulse in Teams, through the team or in a chat with it. They will be sent the survey card as soon as they add it.',
    );
    const pulse = (await h.storage.pulses.list(collaborativeId))[0]!;
    const scope = { collaborativeId, pulseId: pulse.id };
    await settled(h.storage, scope);
    clock.advance(60_000);
    await engine.runDueJobs();
    const line = (a: Record<string, unknown>) => JSON.stringify(a).includes('Survey card sent to');
    await waitFor('the fan-out line', () => h.connector.activitiesIn(team.id).some(line));
    expect((await h.storage.jobs.find(scope, 'invite-check'))!.value.state).toBe('done');

    const checkState = async () => (await h.storage.jobs.find(scope, 'invite-check'))!.value.state;
    // The check, made due by someone becoming reachable, runs and sees its cards out.
    const checkRuns = async (rows: number) => {
      expect(await checkState()).toBe('due');
      clock.advance(5_000);
      await engine.runDueJobs();
      await waitFor(`${rows} invitations`, async () => (await h.storage.deliveries.list(scope)).length === rows);
      await settled(h.storage, scope);
      clock.advance(5_000);
      await engine.runDueJobs();
      expect(await checkState()).toBe('done');
    };

    // A day in, a midwife joins the team; later the outsider adds RC Pulse, and so does someone already invited.
    clock.advance(24 * 60 * 60_000);
    const newcomer = aUser(TENANT, 'Nia Newcomer');
    h.connector.setMembers(team.id, [facilitator, ...people, newcomer].map(accountOf));
    await h.client.membersAdded(team, [newcomer], facilitator);
    await checkRuns(4);
    await h.client.installPersonal(outsider);
    await checkRuns(5);
    await h.client.installPersonal(people[0]!);
    await checkRuns(5);

    expect([facilitator, ...people, newcomer, outsider].map((u) => surveyCardsTo(u, pulse.id).length)).toEqual([1, 1, 1, 1, 1]);
    expect(JSON.stringify(surveyCardsTo(newcomer, pulse.id))).not.toContain('A gentle reminder');
    expect(await h.storage.deliveries.countByStatus(scope)).toMatchObject({ sent: 5 });
    // The channel's line was about the pulse's start: it is not posted again.
    expect(h.connector.activitiesIn(team.id).filter(line)).toHaveLength(1);

    await h.client.message(facilitator, 'pulse remind', place);
    expect(lastTextIn(h, team.id)).toBe('A gentle reminder is on its way to 5 people who have not answered yet.');
  });

  it('sends the card again to someone who had removed the app when they add it back, and to nobody else', async () => {
    const { facilitator, people, collaborativeId, place } = await aSetUpTeam(h, 2);
    const [stays, returns] = people as [TeamsUser, TeamsUser];
    h.connector.failAlways(personalChatId(returns), { status: 403, code: 'MessageWritesBlocked' });
    await h.client.message(facilitator, 'pulse start', place);
    const pulse = (await h.storage.pulses.list(collaborativeId))[0]!;
    const scope = { collaborativeId, pulseId: pulse.id };
    await settled(h.storage, scope);
    expect((await h.storage.deliveries.find(scope, returns.aadObjectId))!.value).toMatchObject({ status: 'blocked', statusCode: 403 });

    // Asked by the facilitator, they add RC Pulse back in their chat.
    h.connector.recover(personalChatId(returns));
    await h.client.installationUpdate(returns, 'remove');
    await h.client.installPersonal(returns);
    clock.advance(65_000);
    await engine.runDueJobs();
    await waitFor('their card', async () => (await h.storage.deliveries.find(scope, returns.aadObjectId))?.value.status === 'sent');
    expect([facilitator, stays, returns].map((u) => surveyCardsTo(u, pulse.id).length)).toEqual([1, 1, 1]);
    expect(await h.storage.deliveries.countByStatus(scope)).toMatchObject({ sent: 3, blocked: 0 });
  });
});
