import { remindSummary } from '../../../bot/handlers/reply-text';
import { closePulse, pulseStatus, remindPulse } from '../../../src/app/pulse';
import { pulseStatusCard } from '../../../src/cards/pulse-status-card';
import { ForbiddenError } from '../../../src/domain/errors';
import type { Storage } from '../../../src/storage/storage';
import { checked } from '../../support/adaptive-card-validator';
import { testStorage } from '../../support/test-storage';
import { actorOf, answerAndSubmit, answers, aWorld, invitationOf, press, start, TAB_URL, type World } from './app-test-kit';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

describe('pulse status', () => {
  it('counts invited, answered and started, and by group only the released answers, with "fewer than k" on the card', async () => {
    const world = await aWorld(storage, { people: 7, k: 3 });
    const { pulse } = await start(world);
    const [a, b, c, d, e] = world.people;
    // Three choose MBU nursing and one Health visiting; the fifth only starts.
    for (const person of [a!, b!, c!]) await answerAndSubmit(world, person, { workgroupId: 'mbu-nursing' });
    await answerAndSubmit(world, d!, { workgroupId: 'health-visiting' });
    await press(world, e!, invitationOf(world, e!), 'Start');
    // Three were released (k = 3) and one still waits: both count in the total, only the released by group.
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    expect([await storage.responses.count(scope), await storage.submissions.countPending(scope)]).toEqual([3, 1]);

    const view = await pulseStatus(world.deps, world.facilitator, world.collaborative.id);
    expect(view).toMatchObject({ pulseId: pulse.id, status: 'open', k: 3, invited: 8, answered: 4, started: 1, canManage: true });
    expect(view.delivery).toEqual({ sent: 8, pending: 0, failed: 0, blocked: 0 });
    // Invited by the list's groups (people 0,3,6 + the facilitator in MBU nursing; 1,4 and 2,5 elsewhere).
    expect(view.workgroups).toEqual([
      { name: 'Community perinatal team', invited: 2, answered: 0 },
      { name: 'Health visiting', invited: 2, answered: 0 },
      { name: 'MBU nursing', invited: 4, answered: 3 },
    ]);

    const card = JSON.stringify(checked(pulseStatusCard(view)));
    expect(card).toContain('"title":"Answered","value":"4 (50%)"');
    expect(card).toContain('Health visiting: fewer than 3 of 2');
    expect(card).toContain('Community perinatal team: fewer than 3 of 2');
    // The 4th answer waits unreleased, in no group: 4 - 3 tells how many wait, never which group they chose.
    expect(card).toContain('MBU nursing: 3 of 4 (75%)');
    expect(card).toContain('"title":"Started, not sent yet","value":"fewer than 3"');
  });

  it('is for facilitators only', async () => {
    const world = await aWorld(storage, { people: 1 });
    await start(world);
    await expect(pulseStatus(world.deps, actorOf(world.people[0]!), world.collaborative.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('reminders', () => {
  it('reminds everyone invited who has not finished, never someone who has, nor someone who blocked the app', async () => {
    const world = await aWorld(storage, { people: 5, k: 3 });
    const [done1, done2, started, blocked, untouched] = world.people;
    world.sender.outcomes.set(blocked!.aadObjectId!, { status: 'blocked', statusCode: 403 });
    await start(world);
    await answerAndSubmit(world, done1!);
    await answerAndSubmit(world, done2!);
    await press(world, started!, invitationOf(world, started!), 'Start');
    const sentBefore = world.sender.toMembers.length;

    const result = await remindPulse(world.deps, world.facilitator, world.collaborative.id);
    // The facilitator was invited too and has not answered.
    // 3 reminded and 3 left out (2 answered, 1 blocked) of 6: both at least k, so shown as they are.
    expect(result).toEqual({ nobodyToRemind: false, reminded: { n: 3 }, queued: false, failed: { n: 0 } });
    expect(remindSummary(result)).toBe('A gentle reminder went to 3 people who have not answered yet.');
    const reminded = world.sender.toMembers.slice(sentBefore);
    expect(reminded.map((r) => r.aadObjectId).sort()).toEqual(
      [started!.aadObjectId!, untouched!.aadObjectId!, world.facilitator.aadObjectId].sort(),
    );
    for (const { card } of reminded) expect(JSON.stringify(card)).toContain('A gentle reminder');
    // Entries at the same instant have no order: find it by what happened.
    const audit = (await storage.audit.list(world.collaborative.id)).find((a) => a.action === 'pulse.reminded');
    expect(audit).toMatchObject({ action: 'pulse.reminded', details: { reminded: 3, blocked: 1, failed: 0, round: 'remind-m202603020900' } });
  });

  it('refuses a reminder from an old card about a pulse that has closed', async () => {
    const world = await aWorld(storage, { people: 1 });
    const { pulse } = await start(world);
    await closePulse(world.deps, world.facilitator, world.collaborative.id, { confirmed: true, tabUrl: TAB_URL });
    const sentBefore = world.sender.toMembers.length;
    await expect(remindPulse(world.deps, world.facilitator, world.collaborative.id, { pulseId: pulse.id })).rejects.toMatchObject({
      code: 'no_pulse',
      userMessage: 'That pulse has closed, so there is nobody to remind about it.',
    });
    expect(world.sender.toMembers).toHaveLength(sentBefore);
  });

  it('brings someone who had started back to where they stopped when they press the reminder', async () => {
    const world = await aWorld(storage, { people: 2, k: 3 });
    await start(world);
    const person = world.people[0]!;
    const first = await press(world, person, invitationOf(world, person), 'Start');
    await press(world, person, first.card, 'Next', answers('3'));
    await remindPulse(world.deps, world.facilitator, world.collaborative.id);
    const reminder = world.sender.cardsFor(person.aadObjectId!).at(-1)!;
    const reply = await press(world, person, reminder, 'Start');
    expect(JSON.stringify(reply.card)).toContain('Group 2 of 3');
  });
});

describe('reminders cannot be used to tell who answered', () => {
  const remind = (world: World, by = world.facilitator) => remindPulse(world.deps, by, world.collaborative.id);
  const minutes = (world: World, n: number) => (world.clock.now = new Date(world.clock.now.getTime() + n * 60_000));

  it('refuses, kindly, a round less than an hour after the last one, whoever asks, and says when the next can go', async () => {
    const world = await aWorld(storage, { people: 8, k: 3 });
    await start(world);
    const second = world.people[7]!;
    await storage.collaboratives.modify(world.collaborative.id, (c) => ({ ...c, facilitatorIds: [...c.facilitatorIds, second.aadObjectId!] }));
    expect(await remind(world)).toMatchObject({ reminded: { n: 9 } });
    const sentAfterFirst = world.sender.toMembers.length;

    // One person answers, and the facilitator sends another round straight away to see the count drop.
    await answerAndSubmit(world, world.people[0]!);
    minutes(world, 1);
    const tooSoon = { code: 'remind_too_soon', status: 409, userMessage: expect.stringContaining('The next one can go at 10:00.') };
    await expect(remind(world)).rejects.toMatchObject(tooSoon);
    await expect(remind(world)).rejects.toMatchObject({ userMessage: expect.stringMatching(/^A reminder went to the people who have not answered less than an hour ago\. Reminders go at least an hour apart/) });
    // Another facilitator, or the status card's button, is the same pulse and the same hour.
    await expect(remind(world, actorOf(second))).rejects.toMatchObject(tooSoon);
    await expect(remindPulse(world.deps, world.facilitator, world.collaborative.id, { pulseId: (await storage.pulses.list(world.collaborative.id))[0]!.id })).rejects.toMatchObject(tooSoon);
    minutes(world, 58);
    await expect(remind(world)).rejects.toMatchObject(tooSoon);
    // Nobody was reminded again, and no round was recorded, while refused.
    expect(world.sender.toMembers).toHaveLength(sentAfterFirst);
    expect((await storage.audit.list(world.collaborative.id)).filter((e) => e.action === 'pulse.reminded')).toHaveLength(1);

    // An hour after the first: the next round goes, and its reply does not say 8 (9 - 8 = 1 answered).
    minutes(world, 1);
    expect(await remind(world)).toMatchObject({ reminded: { hidden: true } });
    expect(world.sender.toMembers.length).toBe(sentAfterFirst + 8);
  });

  it('lets the facilitator try again at once when the last round reached nobody', async () => {
    const world = await aWorld(storage, { people: 4, k: 3 });
    await start(world);
    // Teams refuses every reminder just now: nobody could be reminded.
    for (const m of [...world.people, { aadObjectId: world.facilitator.aadObjectId }]) world.sender.outcomes.set(m.aadObjectId!, { status: 'failed', statusCode: 503 });
    const failed = await remind(world);
    expect(failed).toMatchObject({ reminded: { n: 0 }, failed: { n: 5 } });
    expect(remindSummary(failed)).toBe('A gentle reminder went to 0 people who have not answered yet. 5 reminders could not be delivered just now.');
    world.sender.outcomes.clear();
    minutes(world, 2);
    expect(await remind(world)).toMatchObject({ reminded: { n: 5 } });
    // That one reached people: the next waits its hour.
    await expect(remind(world)).rejects.toMatchObject({ code: 'remind_too_soon' });
  });

  it('never lets "invited - reminded" give a count from 1 to k-1', async () => {
    // k = 5, 8 invited (7 people and the facilitator). However many of 1 to 4 answered, the
    // reply never lets the facilitator work out exactly how many were left out.
    for (let answered = 1; answered <= 4; answered++) {
      const world = await aWorld(storage, { people: 7, k: 5 });
      await start(world);
      for (const person of world.people.slice(0, answered)) await answerAndSubmit(world, person);
      const result = await remind(world);
      const reply = remindSummary(result);
      const reminded = 8 - answered;
      expect(world.sender.toMembers.length).toBe(8 + reminded);
      // Shown exactly, reminded would give 8 - reminded = answered, below k.
      expect(result.reminded).toEqual(reminded < 5 ? { fewerThan: 5 } : { hidden: true });
      expect(reply).not.toMatch(new RegExp(`\\b${reminded}\\b`));
      expect(reply).toBe(
        reminded < 5 ? 'A gentle reminder went to fewer than 5 people who have not answered yet.' : 'A gentle reminder went to everyone who has not answered yet.',
      );
    }
  });

  it('hides a blocked person the same way: they are left out of the round too', async () => {
    const world = await aWorld(storage, { people: 7, k: 5 });
    world.sender.outcomes.set(world.people[0]!.aadObjectId!, { status: 'blocked', statusCode: 403 });
    await start(world);
    const result = await remind(world);
    expect(result.reminded).toEqual({ hidden: true });
    expect(remindSummary(result)).toBe('A gentle reminder went to everyone who has not answered yet.');
  });

  it('shows the count when nobody, or at least k, are left out', async () => {
    const world = await aWorld(storage, { people: 9, k: 5 });
    await start(world);
    expect(remindSummary(await remind(world))).toBe('A gentle reminder went to 10 people who have not answered yet.');
  });
});
