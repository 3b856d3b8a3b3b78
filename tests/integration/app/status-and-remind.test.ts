import { closePulse, pulseStatus, remindPulse } from '../../../src/app/pulse';
import { pulseStatusCard } from '../../../src/cards/pulse-status-card';
import { ForbiddenError } from '../../../src/domain/errors';
import type { Storage } from '../../../src/storage/storage';
import { checked } from '../../support/adaptive-card-validator';
import { testStorage } from '../../support/test-storage';
import { actorOf, answerAndSubmit, answers, aWorld, invitationOf, press, start, TAB_URL } from './app-test-kit';

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
    expect(result).toEqual({ reminded: 3, answered: 2, blocked: 1, failed: 0 });
    const reminded = world.sender.toMembers.slice(sentBefore);
    expect(reminded.map((r) => r.aadObjectId).sort()).toEqual(
      [started!.aadObjectId!, untouched!.aadObjectId!, world.facilitator.aadObjectId].sort(),
    );
    for (const { card } of reminded) expect(JSON.stringify(card)).toContain('A gentle reminder');
    // Entries at the same instant have no order: find it by what happened.
    const audit = (await storage.audit.list(world.collaborative.id)).find((a) => a.action === 'pulse.reminded');
    expect(audit).toMatchObject({ action: 'pulse.reminded', details: { reminded: 3 } });
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
