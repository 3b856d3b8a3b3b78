import { NOT_HERE_MESSAGE } from '../../../src/app/install/conversation-collaborative';
import { aGroupChatId, aTeam, personalChatId, type Place, type TeamsUser } from '../../support/bot-client';
import { aSetUpTeam, buttonData, checkedInvokeCard, lastCardIn, postsIn, startBot, TENANT, textOf, type BotHarness } from './bot-harness';

jest.setTimeout(30_000);

/**
 * Where the bot answers: "my data" only ever in the person's own chat, and a collaborative's
 * results and status only in its own team or in a person's own chat. Each test speaks as an
 * outsider would, from a channel, a group chat or another team, and reads what they would see.
 */

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());

/** Everything the bot posted in a conversation since `from` posts, as one JSON text. */
function postedSince(conversationId: string, from: number): string {
  return JSON.stringify(postsIn(h, conversationId).slice(from));
}

/** What someone's own data would show: their sign-in name, and the card's heading. */
function theirs(user: TeamsUser): string[] {
  return [user.upn, 'Your data in RC Pulse', 'RC Pulse has no details about you'];
}

async function say(user: TeamsUser, text: string, place: Place, conversationId: string): Promise<string> {
  const before = postsIn(h, conversationId).length;
  await h.client.message(user, text, place);
  return postedSince(conversationId, before);
}

describe('"my data" typed where others read the reply', () => {
  it('is answered in the person\'s own chat; the channel hears only that it was sent, and nothing of theirs', async () => {
    const { team, people, place } = await aSetUpTeam(h, 2);
    const person = people[0]!;
    const inChannel = await say(person, 'my data', place, team.id);
    expect(postsIn(h, team.id).at(-1)).toEqual({ text: "I've sent it to you privately.", cards: [] });
    for (const leak of theirs(person)) expect(inChannel).not.toContain(leak);
    const mine = textOf(lastCardIn(h, personalChatId(person)));
    expect(mine).toContain('Your data in RC Pulse');
    expect(mine).toContain(person.upn);
  });

  it('is answered privately from a group chat too, and so is the refusal for someone on no list', async () => {
    const { people } = await aSetUpTeam(h, 1);
    const chat = aGroupChatId();
    const member = people[0]!;
    let seen = await say(member, 'my data', { groupChat: chat }, chat);
    for (const leak of theirs(member)) expect(seen).not.toContain(leak);
    expect(textOf(lastCardIn(h, personalChatId(member)))).toContain(member.upn);

    const stranger: TeamsUser = { ...member, id: '29:1stranger', aadObjectId: '11111111-2222-4333-8444-555555555555', upn: 'stranger@nhs.net' };
    seen = await say(stranger, 'my data', { groupChat: chat }, chat);
    expect(JSON.parse(seen)).toEqual([{ text: "I've sent it to you privately.", cards: [] }]);
    expect(textOf(lastCardIn(h, personalChatId(stranger)))).toContain('RC Pulse has no details about you');
  });

  it('posts nothing of theirs when their own chat cannot be reached, and says how to ask there', async () => {
    const { team, people, place } = await aSetUpTeam(h, 1);
    const person = people[0]!;
    h.connector.failNext(person.id, { status: 403, code: 'MessageWritesBlocked', message: 'blocked' });
    const seen = await say(person, 'my data', place, team.id);
    expect(JSON.parse(seen)).toEqual([{ text: 'I could not send it to you privately just now. Please open your chat with RC Pulse and type "my data" there.', cards: [] }]);
    for (const leak of theirs(person)) expect(seen).not.toContain(leak);
  });
});

describe('results and pulse status asked for outside the collaborative\'s own places', () => {
  it('refuses "pulse status" and "results" from another team, kindly, naming no collaborative and showing no figure', async () => {
    const { facilitator, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'pulse start', place);
    const name = (await h.storage.collaboratives.get(collaborativeId)).value.name;
    const elsewhere = aTeam(TENANT, 'Another team');
    for (const command of ['pulse status', 'results']) {
      const seen = await say(facilitator, command, { team: elsewhere }, elsewhere.id);
      expect(JSON.parse(seen)).toEqual([{ text: NOT_HERE_MESSAGE, cards: [] }]);
      expect(seen).not.toContain(name);
    }
  });

  it('refuses them in a group chat, even to the facilitator, and refuses a status card pressed there', async () => {
    const { team, facilitator, collaborativeId, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'pulse start', place);
    const name = (await h.storage.collaboratives.get(collaborativeId)).value.name;
    const chat = aGroupChatId();
    for (const command of ['pulse status', 'results', 'setup']) {
      const seen = await say(facilitator, command, { groupChat: chat }, chat);
      expect(JSON.parse(seen)).toEqual([{ text: NOT_HERE_MESSAGE, cards: [] }]);
      expect(seen).not.toContain(name);
    }
    await h.client.message(facilitator, 'pulse status', place);
    const refresh = buttonData(lastCardIn(h, team.id), 'Refresh');
    const pressed = textOf(checkedInvokeCard(await h.client.invoke(facilitator, refresh.verb, refresh.data, { groupChat: chat })));
    expect(pressed).toContain("Sorry, I can't show that here");
    expect(pressed).not.toContain('Pulse status');
  });

  it('answers them in any channel of the collaborative\'s own team, and in a 1:1 chat with someone on its list', async () => {
    const { team, facilitator, people, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'pulse start', place);
    const otherChannel = `19:other-${team.id}`;
    await h.client.message(facilitator, 'pulse status', { team, channelId: otherChannel });
    expect(textOf(lastCardIn(h, otherChannel))).toContain('Pulse status');
    await h.client.message(people[0]!, 'results');
    expect(textOf(lastCardIn(h, personalChatId(people[0]!)))).toContain('Results: how our groups work together');
  });
});
