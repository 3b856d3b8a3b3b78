import { startPulse } from '../../../src/app/pulse';
import { ForbiddenError, IllegalStateError, ValidationError } from '../../../src/domain/errors';
import type { Storage } from '../../../src/storage/storage';
import { executeActions, inputValues } from '../../support/adaptive-card-validator';
import { testStorage } from '../../support/test-storage';
import { actorOf, aWorld, RETIRED_WORKGROUP, start, START, WORKGROUPS } from './app-test-kit';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

describe('starting a pulse', () => {
  it('when a facilitator starts a pulse, every installed member gets one card', async () => {
    const world = await aWorld(storage, { people: 4, notInstalled: 2 });
    const result = await start(world);

    // The facilitator is on the list and installed too, so 5 people are reachable.
    const reachable = [...world.people.map((p) => p.aadObjectId!), world.facilitator.aadObjectId];
    expect(result).toMatchObject({ invited: 5, sent: 5, blocked: 0, failed: 0, unreachable: 2 });
    expect(world.sender.toMembers.map((s) => s.aadObjectId).sort()).toEqual([...reachable].sort());
    for (const member of world.people) {
      const [card, ...more] = world.sender.cardsFor(member.aadObjectId!);
      expect(more).toEqual([]);
      // The first survey card, with the person's own group from the list already chosen.
      expect(executeActions(card)).toEqual([expect.objectContaining({ verb: 'survey.chooseWorkgroup', data: { collaborativeId: world.collaborative.id, pulseId: result.pulse.id, step: 0 } })]);
      expect(inputValues(card)).toEqual({ workgroupId: member.workgroupId });
      expect(JSON.stringify(card)).toContain('Your answers are stored without your name.');
    }

    const deliveries = await storage.deliveries.list({ collaborativeId: world.collaborative.id, pulseId: result.pulse.id });
    expect(deliveries).toHaveLength(5);
    for (const d of deliveries) expect(d).toMatchObject({ status: 'sent', statusCode: 201, attempts: 1, activityId: expect.stringMatching(/^1:/) });
  });

  it('opens the pulse about the active workgroups, the collaborative’s focal process, for 14 days, with reminders on days 3 and 6', async () => {
    const world = await aWorld(storage);
    const { pulse } = await start(world);
    const stored = (await storage.pulses.get(world.collaborative.id, pulse.id)).value;
    expect(stored).toMatchObject({
      kind: 'survey',
      status: 'open',
      focalProcess: world.collaborative.focalProcess,
      // In the order the collaborative lists them (by id).
      targetWorkgroupIds: WORKGROUPS.map((w) => w.id).sort(),
      openedAt: START.toISOString(),
      closesAt: '2026-03-16T09:00:00.000Z',
      reminderDays: [3, 6],
      k: world.collaborative.k,
    });
    expect(stored.targetWorkgroupIds).not.toContain(RETIRED_WORKGROUP.id);
    // Entries at the same instant have no order: find it by what happened.
    const audit = (await storage.audit.list(world.collaborative.id)).find((a) => a.action === 'pulse.opened');
    expect(audit).toMatchObject({ action: 'pulse.opened', subject: pulse.id, actorId: world.facilitator.aadObjectId, actorName: 'Fran Facilitator' });
  });

  it('takes the focal process and closing day the facilitator gives, and refuses a closing day out of range', async () => {
    const world = await aWorld(storage);
    await expect(start(world, { closesInDays: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(start(world, { closesInDays: 57 })).rejects.toThrow(/1 to 56 whole days/);
    expect(await storage.pulses.list(world.collaborative.id)).toEqual([]);

    const { pulse } = await start(world, { focalProcess: '  discharge from the mother and baby unit ', closesInDays: 5 });
    expect(pulse).toMatchObject({ focalProcess: 'discharge from the mother and baby unit', closesAt: '2026-03-07T09:00:00.000Z', reminderDays: [3] });
  });

  it('refuses someone who is not a facilitator, naming who can start one, and sends nothing', async () => {
    const world = await aWorld(storage);
    const attempt = startPulse(world.deps, actorOf(world.people[0]!), world.collaborative.id);
    await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
    await expect(attempt).rejects.toMatchObject({
      status: 403,
      userMessage: "Only the collaborative's facilitators can start a pulse. Please ask Fran Facilitator.",
    });
    expect(await storage.pulses.list(world.collaborative.id)).toEqual([]);
    expect(world.sender.toMembers).toEqual([]);
  });

  it('refuses a second start while a pulse is open', async () => {
    const world = await aWorld(storage);
    await start(world);
    const second = start(world);
    await expect(second).rejects.toBeInstanceOf(IllegalStateError);
    await expect(second).rejects.toMatchObject({ code: 'pulse_already_open', userMessage: expect.stringContaining('pulse close') });
    expect(await storage.pulses.list(world.collaborative.id)).toHaveLength(1);
  });

  it('lets only one of two facilitators starting at the same moment open a pulse', async () => {
    const world = await aWorld(storage, { people: 2 });
    const results = await Promise.allSettled([start(world), start(world)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'pulse_already_open' } });
    expect((await storage.pulses.list(world.collaborative.id)).filter((p) => p.status === 'open')).toHaveLength(1);
  });

  it('records who blocked the app and whose card failed, and carries on with everyone else', async () => {
    const world = await aWorld(storage, { people: 4 });
    const [blocked, gone, broken] = world.people.map((p) => p.aadObjectId!);
    world.sender.outcomes.set(blocked!, { status: 'blocked', statusCode: 403 });
    world.sender.outcomes.set(gone!, { status: 'not_found', statusCode: 404 });
    world.sender.outcomes.set(broken!, 'throw');

    const result = await start(world);
    expect(result).toMatchObject({ invited: 5, sent: 2, blocked: 2, failed: 1 });
    const scope = { collaborativeId: world.collaborative.id, pulseId: result.pulse.id };
    const status = async (id: string) => (await storage.deliveries.get(scope, id)).value;
    expect(await status(blocked!)).toMatchObject({ status: 'blocked', statusCode: 403, attempts: 1 });
    expect(await status(gone!)).toMatchObject({ status: 'not_found', statusCode: 404 });
    expect(await status(broken!)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(world.log.warnings).toEqual([expect.objectContaining({ message: 'sending a pulse card failed' })]);
  });
});
