import type { Member } from '../../../src/domain/model/member';
import { helpCard } from '../../../src/cards/help-card';
import { COMMANDS } from '../../../bot/commands';
import { freePort } from '../../../src/local/ports';
import { aCollaborative } from '../../support/fixtures';
import { cardsOf, startBot, TENANT, textOf, type BotHarness } from './bot-harness';

jest.setTimeout(20_000);

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());

const card = helpCard({ isFacilitator: false, commands: COMMANDS, botName: 'RC Pulse' });

function memberWith(reference: Record<string, unknown>, teamsUserId: string): Member {
  return {
    collaborativeId: 'c1',
    id: 'm1',
    aadObjectId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    teamsUserId,
    displayName: 'Pat',
    organisationId: 'o1',
    installState: 'installed',
    conversationReference: reference,
  };
}

function personal(userId: string): Member {
  const chat = `a:1:1-${userId}`;
  return memberWith({ channelId: 'msteams', serviceUrl: h.connector.url, conversation: { id: chat, conversationType: 'personal', tenantId: TENANT }, bot: { id: '28:bot' }, user: { id: userId } }, userId);
}

function throughTeam(userId: string, teamId = '19:team@thread.tacv2'): Member {
  return memberWith({ channelId: 'msteams', serviceUrl: h.connector.url, conversation: { id: teamId, conversationType: 'channel', isGroup: true, tenantId: TENANT }, bot: { id: '28:bot' } }, userId);
}

describe('the proactive card sender', () => {
  it('sends to a personal chat and reports the new activity id', async () => {
    const outcome = await h.app.sender.sendToMember(personal('29:one'), card);
    expect(outcome).toMatchObject({ status: 'sent', statusCode: 201, activityId: expect.stringMatching(/^1:/) });
    expect(textOf(cardsOf(h.connector.activitiesIn('a:1:1-29:one').at(-1)!)[0])).toContain('What RC Pulse can do');
  });

  it('opens a 1:1 chat from the team reference once, and sends every card there', async () => {
    const first = await h.app.sender.sendToMember(throughTeam('29:two'), card);
    const second = await h.app.sender.sendToMember(throughTeam('29:two'), card);
    expect([first.status, second.status]).toEqual(['sent', 'sent']);
    // The chat's id is remembered: a second card costs one request against the tenant's limit, not two.
    const creates = h.connector.calls.filter((c) => c.kind === 'create' && c.conversationId === '29:two');
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body).toMatchObject({ isGroup: false, members: [{ id: '29:two' }], tenantId: TENANT });
    expect(h.connector.activitiesIn('a:1:1-29:two')).toHaveLength(2);
  });

  it('maps 403 MessageWritesBlocked to blocked, 404 to not_found and anything else to failed with its status', async () => {
    const chat = 'a:1:1-29:three';
    h.connector.failNext(chat, { status: 403, code: 'MessageWritesBlocked' });
    expect(await h.app.sender.sendToMember(personal('29:three'), card)).toEqual({ status: 'blocked', statusCode: 403 });
    h.connector.failNext(chat, { status: 404, code: 'ConversationNotFound' });
    expect(await h.app.sender.sendToMember(personal('29:three'), card)).toEqual({ status: 'not_found', statusCode: 404 });
    h.connector.failNext(chat, { status: 403, code: 'BotDisabledByAdmin' });
    expect(await h.app.sender.sendToMember(personal('29:three'), card)).toEqual({ status: 'failed', statusCode: 403 });
    h.connector.failNext(chat, { status: 400, code: 'BadArgument' });
    expect(await h.app.sender.sendToMember(personal('29:three'), card)).toEqual({ status: 'failed', statusCode: 400 });
    // Opening the chat can be refused too: someone who blocked the app.
    h.connector.failNext('29:four', { status: 403, code: 'MessageWritesBlocked' });
    expect(await h.app.sender.sendToMember(throughTeam('29:four'), card)).toEqual({ status: 'blocked', statusCode: 403 });
  });

  it('posts in the channel with the reference saved at install, and reports not_found for a collaborative with no channel', async () => {
    const team = '19:channel-post@thread.tacv2';
    const channelReference = { channelId: 'msteams', serviceUrl: h.connector.url, conversation: { id: team, conversationType: 'channel', isGroup: true, tenantId: TENANT }, bot: { id: '28:bot' } };
    const linked = (await h.storage.collaboratives.create(aCollaborative({ teamsTeamId: team, teamsChannelId: team, channelReference }))).value;
    expect(await h.app.sender.sendToChannel(linked, card)).toMatchObject({ status: 'sent', activityId: expect.stringMatching(/^1:/) });
    expect(h.connector.activitiesIn(team)).toHaveLength(1);
    const unlinked = (await h.storage.collaboratives.create(aCollaborative())).value;
    expect(await h.app.sender.sendToChannel(unlinked, card)).toEqual({ status: 'not_found' });
  });

  it('makes one request per send, reporting 429 with its Retry-After and 5xx as they came, without retrying', async () => {
    const chat = 'a:1:1-29:five';
    h.connector.failNext(chat, { status: 429, retryAfterSeconds: 2 });
    expect(await h.app.sender.sendToMember(personal('29:five'), card)).toEqual({ status: 'failed', statusCode: 429, retryAfterMs: 2000 });
    h.connector.failNext(chat, { status: 503 });
    expect(await h.app.sender.sendToMember(personal('29:five'), card)).toEqual({ status: 'failed', statusCode: 503 });
    expect(h.connector.calls.filter((c) => c.conversationId === chat)).toHaveLength(2);
  });

  it('reports a connector that cannot be reached as failed and certainly not delivered', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}/`; // a free port: nothing listens there
    const gone = { ...personal('29:six'), conversationReference: { ...personal('29:six').conversationReference, serviceUrl: nobody } };
    expect(await h.app.sender.sendToMember(gone, card)).toEqual({ status: 'failed' });
  });
});
