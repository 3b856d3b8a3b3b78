import { DIMENSIONS } from '../../../src/domain/instrument';
import type { Storage } from '../../../src/storage/storage';
import { executeActions } from '../../support/adaptive-card-validator';
import { personalChatId, type TeamsUser } from '../../support/bot-client';
import { testStorage } from '../../support/test-storage';
import { aSetUpTeam, buttonData, checkedInvokeCard, lastCardIn, press, startBot, textOf, type BotHarness } from './bot-harness';

jest.setTimeout(30_000);

/**
 * A pulse's card names its collaborative, so a press goes straight to that collaborative's
 * partition; a card sent before that (pulse id alone) still works, looked up once.
 */

/** The same storage, counting how often every collaborative is listed. */
function countingLists(storage: Storage): { storage: Storage; lists: () => number } {
  let lists = 0;
  const collaboratives = Object.create(storage.collaboratives) as Storage['collaboratives'];
  collaboratives.list = () => {
    lists += 1;
    return storage.collaboratives.list();
  };
  return { storage: { ...storage, collaboratives }, lists: () => lists };
}

const answers = (score: string) => Object.fromEntries(DIMENSIONS.map((d) => [d, score]));

let h: BotHarness;
let lists: () => number;
beforeAll(async () => {
  const counted = countingLists(await testStorage());
  lists = counted.lists;
  h = await startBot({ storage: counted.storage });
});
afterAll(() => h.stop());

async function openPulse(): Promise<{ people: TeamsUser[]; collaborativeId: string; pulseId: string; team: Awaited<ReturnType<typeof aSetUpTeam>> }> {
  const team = await aSetUpTeam(h, 2);
  await h.client.message(team.facilitator, 'pulse start', team.place);
  const pulseId = (await h.storage.pulses.list(team.collaborativeId))[0]!.id;
  return { people: team.people, collaborativeId: team.collaborativeId, pulseId, team };
}

/** The button's data as a card sent before card data named the collaborative. */
function asOldCard(data: Record<string, unknown>): Record<string, unknown> {
  const { collaborativeId: _dropped, ...rest } = data;
  return rest;
}

describe('a pulse card names its collaborative', () => {
  it('carries the collaborative beside the pulse on every button, and a press reads no list of collaboratives', async () => {
    const { people, collaborativeId, pulseId, team } = await openPulse();
    const person = people[0]!;
    const invitation = lastCardIn(h, personalChatId(person));
    for (const action of executeActions(invitation)) expect(action.data).toMatchObject({ collaborativeId, pulseId });

    const before = lists();
    let card = await press(h, person, invitation, 'Start', { workgroupId: 'mbu-nursing' });
    card = await press(h, person, card, 'Next', answers('4'));
    expect(textOf(card)).toContain('Group 2 of 3');
    await h.client.message(team.facilitator, 'pulse status', team.place);
    const status = lastCardIn(h, team.team.id);
    for (const action of executeActions(status)) expect(action.data).toMatchObject({ collaborativeId, pulseId });
    const afterCommand = lists();
    expect(textOf(await press(h, team.facilitator, status, 'Refresh', {}, team.place))).toContain('Pulse status');
    // The command found the team's collaborative by its team; the presses read no list at all.
    expect(afterCommand - before).toBe(0);
    expect(lists()).toBe(afterCommand);
  });

  it('still answers a card sent before cards named their collaborative, looking the collaborative up once per press', async () => {
    const { people, collaborativeId, pulseId, team } = await openPulse();
    const person = people[1]!;
    const start = buttonData(lastCardIn(h, personalChatId(person)), 'Start', { workgroupId: 'mbu-nursing' });
    const before = lists();
    const card = checkedInvokeCard(await h.client.invoke(person, start.verb, asOldCard(start.data)));
    expect(textOf(card)).toContain('Group 1 of 3');
    expect(lists() - before).toBe(1);
    const draft = await h.storage.submissions.findDraft({ collaborativeId, pulseId, respondentKey: h.storage.respondentKey({ collaborativeId, pulseId }, person.aadObjectId) });
    expect(draft?.value.step).toBe(1);

    await h.client.message(team.facilitator, 'pulse status', team.place);
    const refresh = buttonData(lastCardIn(h, team.team.id), 'Refresh');
    const status = checkedInvokeCard(await h.client.invoke(team.facilitator, refresh.verb, asOldCard(refresh.data), team.place));
    expect(textOf(status)).toContain('Pulse status');
  });

  it('refuses a card whose data names a collaborative the person is not in, and stores nothing there', async () => {
    const mine = await openPulse();
    const theirs = await openPulse();
    const person = mine.people[0]!;
    const start = buttonData(lastCardIn(h, personalChatId(person)), 'Start', { workgroupId: 'mbu-nursing' });
    // The other collaborative's pulse, as a tampered card would name it.
    const forged = { ...start.data, collaborativeId: theirs.collaborativeId, pulseId: theirs.pulseId };
    const card = checkedInvokeCard(await h.client.invoke(person, start.verb, forged));
    expect(textOf(card)).toContain('You are not on the list of people taking part');
    const scope = { collaborativeId: theirs.collaborativeId, pulseId: theirs.pulseId };
    expect(await h.storage.submissions.findDraft({ ...scope, respondentKey: h.storage.respondentKey(scope, person.aadObjectId) })).toBeUndefined();
    expect(await h.storage.submissions.listLedger(scope)).toEqual([]);
  });
});
