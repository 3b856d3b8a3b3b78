import { DIMENSIONS } from '../../../src/domain/instrument';
import { inputValues } from '../../support/adaptive-card-validator';
import { personalChatId, type TeamsUser } from '../../support/bot-client';
import { aSetUpTeam, buttonData, cardsOf, checkedInvokeCard, lastCardIn, press, startBot, textOf, type BotHarness } from './bot-harness';
import type { PulseScope } from '../../../src/domain/model/pulse';

jest.setTimeout(20_000);

let h: BotHarness;
beforeAll(async () => {
  h = await startBot();
});
afterAll(() => h.stop());

type Card = Record<string, unknown>;

/** Team members have no group on a roster, so they choose one (the id set-up made from its name). */
const OWN_GROUP = 'mbu-nursing';
const answers = (score: string) => Object.fromEntries(DIMENSIONS.map((d) => [d, score]));

/** A set-up team with an open pulse; returns the people and the pulse's scope. */
async function openPulse(count = 3): Promise<{ people: TeamsUser[]; facilitator: TeamsUser; scope: PulseScope; team: Awaited<ReturnType<typeof aSetUpTeam>> }> {
  const team = await aSetUpTeam(h, count);
  await h.client.message(team.facilitator, 'pulse start', team.place);
  const pulse = (await h.storage.pulses.list(team.collaborativeId))[0]!;
  return { people: team.people, facilitator: team.facilitator, scope: { collaborativeId: team.collaborativeId, pulseId: pulse.id }, team };
}

function invitation(user: TeamsUser): Card {
  return lastCardIn(h, personalChatId(user));
}

async function stored(scope: PulseScope): Promise<number> {
  return (await h.storage.submissions.listPending(scope)).length + (await h.storage.responses.count(scope));
}

/** From the invitation to the review card: own group chosen, every group answered. */
async function toReview(user: TeamsUser): Promise<Card> {
  let card = await press(h, user, invitation(user), 'Start', { workgroupId: OWN_GROUP });
  for (const title of ['Next', 'Next', 'Review']) card = await press(h, user, card, title, answers('4'));
  expect(textOf(card)).toContain('Check your answers');
  return card;
}

describe('the survey, through Action.Execute invokes', () => {
  it('takes a person through choosing their workgroup, every group and the review to submit, replacing the card each time', async () => {
    const { people, scope } = await openPulse();
    const person = people[0]!;
    const groups = (await h.storage.workgroups.list(scope.collaborativeId)).map((w) => w.id);
    let card = await press(h, person, invitation(person), 'Start', { workgroupId: groups[1] });
    expect(textOf(card)).toContain('Group 1 of 3');
    card = await press(h, person, card, 'Next', answers('5'));
    card = await press(h, person, card, 'Next', { ...answers('3'), timely: 'na' });
    card = await press(h, person, card, 'Review', answers('2'));
    expect(textOf(card)).toContain('Check your answers');
    const thanks = await press(h, person, card, 'Submit');
    expect(textOf(thanks)).toContain('Thank you, your answers are in');
    expect(await stored(scope)).toBe(1);
    const pending = (await h.storage.submissions.listPending(scope))[0]!.value;
    expect(pending.respondentWorkgroupId).toBe(groups[1]);
    expect(JSON.stringify(pending)).not.toContain(person.aadObjectId);
  });

  it('keeps the answers when a person saves for later, and carries on where they stopped', async () => {
    const { people } = await openPulse();
    const person = people[1]!;
    let card = await press(h, person, invitation(person), 'Start', { workgroupId: OWN_GROUP });
    card = await press(h, person, card, 'Next', answers('2'));
    const saved = await press(h, person, card, 'Save and finish later');
    expect(textOf(saved)).toContain('You have finished 1 of 3 groups');
    const resumed = await press(h, person, saved, 'Carry on now');
    expect(textOf(resumed)).toContain('Group 2 of 3');
    const back = await press(h, person, resumed, 'Back');
    expect(inputValues(back)).toEqual(answers('2'));
  });

  it('stores one response when Submit is pressed twice at once', async () => {
    const { people, scope } = await openPulse();
    const person = people[0]!;
    const review = await toReview(person);
    const { verb, data } = buttonData(review, 'Submit');
    const replies = await Promise.all([h.client.invoke(person, verb, data), h.client.invoke(person, verb, data)]);
    const texts = replies.map((r) => textOf(checkedInvokeCard(r)));
    expect(texts.filter((t) => t.includes('Thank you, your answers are in'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('You have already answered this pulse'))).toHaveLength(1);
    expect(await stored(scope)).toBe(1);
  });

  it('answers a button on a closed pulse with the closed card and stores nothing', async () => {
    const { people, scope, team } = await openPulse();
    const person = people[2]!;
    await h.client.message(team.facilitator, 'pulse close', team.place);
    await press(h, team.facilitator, lastCardIn(h, team.team.id), 'Yes, close it', {}, team.place);
    const card = await press(h, person, invitation(person), 'Start');
    expect(textOf(card)).toContain('This pulse has closed');
    expect(await stored(scope)).toBe(0);
  });

  it('answers an unknown verb or tampered data with a friendly card, storing nothing', async () => {
    const { people, scope } = await openPulse();
    const person = people[0]!;
    const unknown = checkedInvokeCard(await h.client.invoke(person, 'survey.deleteEverything', { pulseId: scope.pulseId }));
    expect(textOf(unknown)).toContain('That button is from a card RC Pulse no longer understands');
    const start = buttonData(invitation(person), 'Start');
    const tampered = checkedInvokeCard(await h.client.invoke(person, start.verb, { ...start.data, step: 'drop table' }));
    expect(textOf(tampered)).toContain('Something on this card did not look right, so nothing was saved');
    const wrongGroup = checkedInvokeCard(await h.client.invoke(person, start.verb, { ...start.data, workgroupId: 'not-a-target' }));
    expect(textOf(wrongGroup)).toContain('nothing was saved');
    const broken = checkedInvokeCard(await h.client.invokeValue(person, { action: 'nonsense' }));
    expect(textOf(broken)).toContain('Sorry, that did not work');
    const ref = { ...scope, respondentKey: h.storage.respondentKey(scope, person.aadObjectId) };
    expect(await h.storage.submissions.findDraft(ref)).toBeUndefined();
    expect(await stored(scope)).toBe(0);
  });

  it('handles an Action.Submit fallback by updating the pressed card in place', async () => {
    const { people } = await openPulse();
    const person = people[0]!;
    const { verb, data } = buttonData(invitation(person), 'Start', { workgroupId: OWN_GROUP });
    const res = await h.client.submit(person, { ...data, verb }, '1:the-card');
    expect(res.status).toBe(200);
    const update = h.connector.calls.filter((c) => c.kind === 'update' && c.conversationId === personalChatId(person)).at(-1)!;
    expect(update.activityId).toBe('1:the-card');
    expect(textOf(cardsOf(update.body!)[0])).toContain('Group 1 of 3');
  });
});
