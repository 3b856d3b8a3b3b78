import { personalChatId } from '../../support/bot-client';
import { aSetUpTeam, lastCardIn, lastTextIn, postsIn, press, startBot, textOf, WORKGROUP_NAMES, type BotHarness } from './bot-harness';

jest.setTimeout(20_000);

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());

const REFUSED = "Only the collaborative's facilitators can";

describe('commands, by role', () => {
  it('shows help by role, and answers an unknown command with the nearest one', async () => {
    const { team, facilitator, people, place } = await aSetUpTeam(h, 2);
    await h.client.message(facilitator, 'help', place);
    expect(textOf(lastCardIn(h, team.id))).toContain('As a facilitator you can also');
    await h.client.message(people[0]!, 'help', place);
    const memberHelp = textOf(lastCardIn(h, team.id));
    expect(memberHelp).toContain('Facilitators can also set up');
    expect(memberHelp).not.toContain('As a facilitator you can also');

    await h.client.message(people[0]!, 'pulse stat', place);
    expect(lastTextIn(h, team.id)).toBe('Did you mean pulse status?');
    await h.client.message(people[0]!, 'what is this', place);
    expect(lastTextIn(h, team.id)).toBe('Sorry, I did not understand that. Type help to see what I can do.');
  });

  it('lets only facilitators see and save the set-up, and keeps what was typed when something needs fixing', async () => {
    const { team, facilitator, people, collaborativeId, place } = await aSetUpTeam(h, 2);
    const stored = (await h.storage.collaboratives.get(collaborativeId)).value;
    expect(stored).toMatchObject({ k: 3, focalProcess: 'admission to the mother and baby unit' });
    const groups = (await h.storage.workgroups.list(collaborativeId)).map((w) => w.name);
    expect(groups.sort()).toEqual([...WORKGROUP_NAMES].sort());

    await h.client.message(people[0]!, 'setup', place);
    expect(textOf(lastCardIn(h, team.id))).toContain(`${REFUSED} change the set-up. Please ask Fran Facilitator.`);

    await h.client.message(facilitator, 'set up', place);
    const again = await press(h, facilitator, lastCardIn(h, team.id), 'Save', { k: '99' }, place);
    expect(textOf(again)).toContain('Nothing has been saved yet');
    expect(textOf(again)).toContain('The minimum group size must be a whole number from 3 to 25.');
    expect((await h.storage.collaboratives.get(collaborativeId)).value.k).toBe(3);
  });

  it('starts a pulse for a facilitator, sending every member a survey card in a new 1:1 chat; refuses a member', async () => {
    const { team, facilitator, people, place } = await aSetUpTeam(h, 3);
    await h.client.message(people[0]!, 'pulse start', place);
    expect(textOf(lastCardIn(h, team.id))).toContain(`${REFUSED} start a pulse`);

    await h.client.message(facilitator, 'pulse start discharge planning closes in 10 days', place);
    expect(lastTextIn(h, team.id)).toMatch(/^The pulse about discharge planning is open until .*\. 4 people were sent the survey card\./);
    for (const person of [facilitator, ...people]) {
      const card = lastCardIn(h, personalChatId(person));
      expect(textOf(card)).toContain('How do our groups work together?');
      expect(textOf(card)).toContain('discharge planning');
    }
    const created = h.connector.calls.filter((c) => c.kind === 'create' && people.some((p) => p.id === c.conversationId));
    expect(created).toHaveLength(3);
  });

  it('shows status, sends reminders, shows results and my data, and closes with a confirmation that posts results in the channel', async () => {
    const { team, facilitator, people, place } = await aSetUpTeam(h, 3);
    await h.client.message(facilitator, 'pulse start', place);

    await h.client.message(facilitator, 'pulse status', place);
    const status = lastCardIn(h, team.id);
    expect(textOf(status)).toContain('Pulse status');
    expect(textOf(status)).toContain('"Invited"');
    await h.client.message(people[0]!, 'pulse status', place);
    expect(textOf(lastCardIn(h, team.id))).toContain(`${REFUSED} see how a pulse is going`);

    await h.client.message(facilitator, 'pulse remind', place);
    expect(lastTextIn(h, team.id)).toBe('A gentle reminder went to 4 people who have not answered yet.');
    expect(postsIn(h, personalChatId(people[1]!)).flatMap((p) => p.cards).map(textOf).at(-1)).toContain('A gentle reminder');

    await h.client.message(people[1]!, 'results', place);
    expect(textOf(lastCardIn(h, team.id))).toContain('Results: how our groups work together');
    await h.client.message(people[1]!, 'my data');
    const myData = textOf(lastCardIn(h, personalChatId(people[1]!)));
    expect(myData).toContain('Your data in RC Pulse');
    expect(myData).toContain(people[1]!.upn);

    await h.client.message(people[2]!, 'pulse close', place);
    expect(textOf(lastCardIn(h, team.id))).toContain(`${REFUSED} close a pulse`);
    await h.client.message(facilitator, 'pulse close', place);
    const confirm = lastCardIn(h, team.id);
    expect(textOf(confirm)).toContain('Close this pulse?');
    const postsBefore = postsIn(h, team.id).length;
    const closed = await press(h, facilitator, confirm, 'Yes, close it', {}, place);
    expect(textOf(closed)).toContain('Results: how our groups work together');
    const posted = postsIn(h, team.id).slice(postsBefore).flatMap((p) => p.cards);
    expect(posted.map(textOf)).toEqual([expect.stringContaining('Results: how our groups work together')]);
  });

  it('tells a person on no list, kindly, that there is nothing to show', async () => {
    const { people } = await aSetUpTeam(h, 1);
    const stranger = { ...people[0]!, aadObjectId: '11111111-2222-4333-8444-555555555555', id: '29:stranger' };
    await h.client.message(stranger, 'results');
    expect(textOf(lastCardIn(h, personalChatId(stranger)))).toContain('You are not on the list of any collaborative that uses RC Pulse yet');
  });
});
