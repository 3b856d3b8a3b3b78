import { createIntervention, updateIntervention } from '../../../src/app/interventions';
import { botAccess } from '../../../src/app/interventions/open-interventions';
import { NOT_HERE_MESSAGE } from '../../../src/app/install/conversation-collaborative';
import { aGroupChatId, aTeam, aUser, personalChatId, type Place, type TeamsUser } from '../../support/bot-client';
import { aSetUpTeam, lastCardIn, NOW, postsIn, startBot, TAB_URL, TENANT, textOf, type BotHarness } from './bot-harness';

jest.setTimeout(30_000);

/**
 * `interventions` over the real server and the fake connector: the open interventions of the
 * collaborative, the asker's own first, answered only where results would be (its own team,
 * or a 1:1 chat with someone on its list), with names shown as typed.
 */

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());

const deps = () => ({ storage: h.storage, clock: () => NOW });
const actor = (u: TeamsUser) => ({ aadObjectId: u.aadObjectId, tenantId: TENANT, displayName: u.name });

/** A set-up team with four interventions recorded by its facilitator: one owned by the first member, one done, one dropped. */
async function aTeamWithInterventions() {
  const setUp = await aSetUpTeam(h, 2);
  const { facilitator, people, collaborativeId } = setUp;
  const groups = await h.storage.workgroups.list(collaborativeId);
  const idOf = (name: string) => groups.find((g) => g.name === name)!.id;
  const [a, b] = [idOf('MBU nursing'), idOf('Community perinatal team')];
  const access = await botAccess(deps(), actor(facilitator), collaborativeId);
  const record = (body: Record<string, unknown>) => createIntervention(deps(), access, body);
  const owner = people[0]!;
  // Recorded first, so it is the oldest: "mine first" must lift it above the newer ones.
  const mine = await record({ title: 'Joint discharge huddle', kind: 'structural', ties: [{ from: a, to: b }], ownerIds: [owner.aadObjectId], dueOn: '2026-03-20', status: 'agreed' });
  await record({ title: '[Shared](https://evil.example) **referral** tracker', kind: 'structural', dimensions: ['timely'], ownerIds: [facilitator.aadObjectId] });
  const done = await record({ title: 'Finished pilot', kind: 'relational', dimensions: ['shared_goals'], ownerIds: [facilitator.aadObjectId], status: 'agreed' });
  await updateIntervention(deps(), access, done.id, { status: 'in_progress' }, done.etag).then((v) => updateIntervention(deps(), access, v.id, { status: 'done' }, v.etag));
  const dropped = await record({ title: 'Dropped idea', kind: 'relational', dimensions: ['mutual_respect'] });
  await updateIntervention(deps(), access, dropped.id, { status: 'dropped' }, dropped.etag);
  return { ...setUp, owner, mine };
}

async function ask(user: TeamsUser, place: Place | undefined, conversationId: string): Promise<{ text?: string; cards: Record<string, unknown>[] }[]> {
  const before = postsIn(h, conversationId).length;
  await h.client.message(user, 'interventions', place);
  return postsIn(h, conversationId).slice(before);
}

describe('"interventions"', () => {
  it('answers in the team with the open interventions only, their ties by name, status, due date, owners and a button to the tab', async () => {
    const { team, facilitator, place } = await aTeamWithInterventions();
    const [reply] = await ask(facilitator, place, team.id);
    const card = textOf(reply!.cards[0]);
    expect(card).toContain('2 open interventions');
    expect(card).toContain('"text":"Joint discharge huddle"');
    expect(card).toContain('Agreed, due Friday 20 March 2026.');
    expect(card).toContain('"text":"MBU nursing → Community perinatal team"');
    expect(card).toContain('Owned by Team Member 1');
    // A title as typed, in a TextRun: never a link.
    expect(card).toContain('"text":"[Shared](https://evil.example) **referral** tracker"');
    expect(card).not.toContain('Finished pilot');
    expect(card).not.toContain('Dropped idea');
    expect(card).toContain(`"url":"${TAB_URL}"`);
  });

  it('puts the asker\'s own first, though it is the oldest, in the team and in their own chat', async () => {
    const { team, owner, facilitator, place } = await aTeamWithInterventions();
    for (const [who, where, id] of [[owner, place, team.id], [owner, undefined, personalChatId(owner)]] as const) {
      const card = textOf((await ask(who, where, id))[0]!.cards[0]);
      expect(card).toContain('1 of them yours. Yours come first.');
      expect(card.indexOf('Joint discharge huddle')).toBeLessThan(card.indexOf('referral'));
    }
    // The facilitator owns the tracker: theirs comes first for them.
    const theirs = textOf((await ask(facilitator, place, team.id))[0]!.cards[0]);
    expect(theirs.indexOf('referral')).toBeLessThan(theirs.indexOf('Joint discharge huddle'));
  });

  it('is refused in a group chat and in another team, kindly, with nothing of the collaborative in the reply', async () => {
    const { facilitator, collaborativeId } = await aTeamWithInterventions();
    const name = (await h.storage.collaboratives.get(collaborativeId)).value.name;
    const chat = aGroupChatId();
    const elsewhere = aTeam(TENANT, 'Another team');
    for (const [place, id] of [[{ groupChat: chat }, chat], [{ team: elsewhere }, elsewhere.id]] as const) {
      const seen = await ask(facilitator, place, id);
      expect(seen).toEqual([{ text: NOT_HERE_MESSAGE, cards: [] }]);
      for (const leak of [name, 'Joint discharge huddle', 'referral']) expect(JSON.stringify(seen)).not.toContain(leak);
    }
  });

  it('tells someone on no list, in their own chat, that they are not on it, and shows them nothing', async () => {
    await aTeamWithInterventions();
    const stranger = aUser(TENANT, 'Stranger Danger');
    const seen = JSON.stringify(await ask(stranger, undefined, personalChatId(stranger)));
    expect(seen).toContain('not on the list of any collaborative');
    for (const leak of ['Joint discharge huddle', 'referral']) expect(seen).not.toContain(leak);
    expect(textOf(lastCardIn(h, personalChatId(stranger)))).not.toContain('What we are trying');
  });
});
