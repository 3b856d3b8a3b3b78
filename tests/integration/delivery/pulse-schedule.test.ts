import { cancelPulse, editScheduledPulse, schedulePulse, startPulse } from '../../../src/app/pulse';
import { ValidationError } from '../../../src/domain/errors';
import { scopeOf } from '../../../src/domain/model/pulse';
import { deliveryHarness, settled, waitFor, type DeliveryHarness } from './delivery-kit';
import { aScheduleWorld, cardCounts, openJobRun, pulsesOf, scheduleDeps } from './schedule-kit';

jest.setTimeout(60_000);

/** UK time equals UTC in early March 2026. Monday 2 March, 09:00. */
const NOW = '2026-03-02T09:00:00.000Z';
const WEDNESDAY_10 = '2026-03-04T10:00:00.000Z';

let h: DeliveryHarness;
beforeEach(async () => {
  h = await deliveryHarness();
  h.clock.set(NOW); // before any engine starts
});
afterEach(() => h.stop());

const openJob = async (collaborativeId: string, pulseId: string) => (await h.storage.jobs.find({ collaborativeId, pulseId }, 'open'))?.value;

describe('scheduling a pulse', () => {
  it('stores nothing unconfirmed; confirmed, sends nothing before its time, then opens at it with the method the collaborative has then, and the cards go', async () => {
    const engine = await h.engine();
    const world = await aScheduleWorld(h);
    const options = { opensAt: WEDNESDAY_10, title: 'Spring pulse', closesInDays: 10 };

    const preview = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, options, { confirmed: false });
    expect(preview).toMatchObject({ kind: 'confirm', view: { opensAt: WEDNESDAY_10, closesAt: '2026-03-14T10:00:00.000Z', openings: [WEDNESDAY_10], asking: [], warnings: [] } });
    expect(await pulsesOf(h, world)).toEqual([]);

    const result = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, options, { confirmed: true });
    if (result.kind !== 'scheduled') throw new Error('expected it scheduled');
    const { pulse } = result;
    expect(pulse).toMatchObject({ status: 'draft', opensAt: WEDNESDAY_10, title: 'Spring pulse' });
    expect(await openJob(world.collaborativeId, pulse.id)).toMatchObject({ kind: 'open', state: 'due', dueAt: WEDNESDAY_10 });
    expect((await h.storage.audit.list(world.collaborativeId)).map((a) => a.action)).toEqual(['pulse.scheduled']);

    // The collaborative's k changes after scheduling: the pulse takes the k it has when it opens.
    await h.storage.collaboratives.modify(world.collaborativeId, (c) => ({ ...c, k: 5 }));
    for (const at of ['2026-03-02T09:05:00.000Z', '2026-03-04T09:59:30.000Z']) {
      h.clock.set(at);
      await engine.runDueJobs();
      expect((await h.storage.pulses.get(world.collaborativeId, pulse.id)).value.status).toBe('draft');
      expect(cardCounts(h, world)).toEqual(world.members.map(() => 0));
    }

    await openJobRun(h, [engine], world, pulse.id, '2026-03-04T10:00:05.000Z');
    const opened = (await h.storage.pulses.get(world.collaborativeId, pulse.id)).value;
    expect(opened).toMatchObject({ status: 'open', k: 5, openedAt: expect.stringMatching(/^2026-03-04T10:00:0/) });
    // Open ten days from when it opened, with its close recorded.
    expect(Date.parse(opened.closesAt!) - Date.parse(opened.openedAt!)).toBe(10 * 86_400_000);
    expect(await h.storage.jobs.find(scopeOf(opened), 'close')).toBeDefined();
    await settled(h.storage, scopeOf(opened));
    expect(cardCounts(h, world)).toEqual(world.members.map(() => 1));
    const audit = await h.storage.audit.list(world.collaborativeId);
    expect(audit.find((a) => a.action === 'pulse.opened')).toMatchObject({ subject: pulse.id, actorId: 'system', details: { k: 5, scheduledFor: WEDNESDAY_10 } });
    expect((await openJob(world.collaborativeId, pulse.id))!.state).toBe('done');
  });

  it('refuses a time in quiet hours, suggesting the first time after them, and a time past or over a year ahead; stores nothing', async () => {
    const world = await aScheduleWorld(h);
    const schedule = (opensAt: string) => schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { opensAt }, { confirmed: true });
    // Saturday 7 March: quiet all weekend.
    await expect(schedule('2026-03-07T10:00:00.000Z')).rejects.toThrow(/quiet hours.*Monday 9 March 2026 at 08:00/);
    await expect(schedule('2026-03-02T21:00:00.000Z')).rejects.toThrow(/Tuesday 3 March 2026 at 08:00/);
    await expect(schedule('2026-03-01T10:00:00.000Z')).rejects.toThrow(/already passed/);
    await expect(schedule('2027-03-08T10:00:00.000Z')).rejects.toThrow(/a year ahead/);
    await expect(schedule('next tuesday')).rejects.toBeInstanceOf(ValidationError);
    expect(await pulsesOf(h, world)).toEqual([]);
    expect(await h.storage.audit.list(world.collaborativeId)).toEqual([]);
  });

  it('opens even when the instance that scheduled it stopped before writing its open job: the upkeep adds it', async () => {
    const engine = await h.engine();
    const world = await aScheduleWorld(h);
    const stopped = { ...scheduleDeps(h), jobs: { schedule: async () => 0 } };
    const result = await schedulePulse(stopped, world.facilitator, world.collaborativeId, { opensAt: WEDNESDAY_10 }, { confirmed: true });
    const id = result.kind === 'scheduled' ? result.pulse.id : '';
    expect(await openJob(world.collaborativeId, id)).toBeUndefined();
    await openJobRun(h, [engine], world, id, '2026-03-04T10:00:05.000Z');
    expect((await h.storage.pulses.get(world.collaborativeId, id)).value.status).toBe('open');
    await settled(h.storage, { collaborativeId: world.collaborativeId, pulseId: id });
    expect(cardCounts(h, world)).toEqual(world.members.map(() => 1));
  });

  it('warns when its window overlaps another scheduled pulse asking the same groups, not when they ask different groups; shows at most six openings', async () => {
    const world = await aScheduleWorld(h);
    const schedule = (options: Parameters<typeof schedulePulse>[3], confirmed: boolean) => schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, options, { confirmed });
    await schedule({ opensAt: WEDNESDAY_10, title: 'Maternity', asking: ['maternity'], rating: ['maternity', 'mbu-nursing'] }, true);
    const clash = await schedule({ opensAt: '2026-03-05T10:00:00.000Z', asking: ['maternity', 'mbu-medical'], rating: ['maternity', 'mbu-medical'], recurrence: { every: 1, unit: 'month', count: 10 } }, false);
    expect(clash.view.warnings).toEqual([expect.stringMatching(/^"Maternity" is scheduled until Wednesday 18 March 2026 at 10:00 and also asks Group maternity\./)]);
    expect(clash.view.openings).toHaveLength(6);
    const apart = await schedule({ opensAt: '2026-03-05T10:00:00.000Z', asking: ['mbu-medical'], rating: ['mbu-medical'] }, false);
    expect(apart.view.warnings).toEqual([]);
    expect(await pulsesOf(h, world)).toHaveLength(1);
  });

  it('only a facilitator may schedule', async () => {
    const world = await aScheduleWorld(h);
    const someone = { aadObjectId: world.members[1]!.aadObjectId! };
    await expect(schedulePulse(scheduleDeps(h), someone, world.collaborativeId, { opensAt: WEDNESDAY_10 }, { confirmed: true })).rejects.toMatchObject({ status: 403 });
    expect(await pulsesOf(h, world)).toEqual([]);
  });
});

describe('changing or cancelling a scheduled pulse', () => {
  it('opens at the new time, not the old one, and cannot be changed once open', async () => {
    const engine = await h.engine();
    const world = await aScheduleWorld(h);
    const scheduled = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { opensAt: WEDNESDAY_10 }, { confirmed: true });
    const id = scheduled.kind === 'scheduled' ? scheduled.pulse.id : '';
    const THURSDAY_11 = '2026-03-05T11:00:00.000Z';
    const edited = await editScheduledPulse(scheduleDeps(h), world.facilitator, world.collaborativeId, id, { opensAt: THURSDAY_11, title: 'Moved', asking: ['Group maternity'], rating: ['maternity', 'mbu-nursing'] });
    expect(edited.view).toMatchObject({ pulseId: id, opensAt: THURSDAY_11, asking: ['Group maternity'], rating: ['Group maternity', 'Group mbu-nursing'] });
    expect(await openJob(world.collaborativeId, id)).toMatchObject({ state: 'due', dueAt: THURSDAY_11 });
    // An edit into quiet hours is refused like scheduling; nothing changes.
    await expect(editScheduledPulse(scheduleDeps(h), world.facilitator, world.collaborativeId, id, { opensAt: '2026-03-08T11:00:00.000Z' })).rejects.toThrow(/quiet hours/);

    h.clock.set('2026-03-04T10:00:05.000Z');
    await engine.runDueJobs();
    expect((await h.storage.pulses.get(world.collaborativeId, id)).value.status).toBe('draft');
    expect(cardCounts(h, world)).toEqual(world.members.map(() => 0));

    await openJobRun(h, [engine], world, id, '2026-03-05T11:00:05.000Z');
    const opened = (await h.storage.pulses.get(world.collaborativeId, id)).value;
    expect(opened).toMatchObject({ status: 'open', title: 'Moved', participantWorkgroupIds: ['maternity'] });
    await settled(h.storage, scopeOf(opened));
    // Only the maternity group is asked.
    expect(cardCounts(h, world)).toEqual(world.members.map((m) => (m.workgroupId === 'maternity' ? 1 : 0)));
    await expect(editScheduledPulse(scheduleDeps(h), world.facilitator, world.collaborativeId, id, { title: 'Too late' })).rejects.toMatchObject({ code: 'pulse_not_scheduled', status: 409 });
    expect((await h.storage.pulses.get(world.collaborativeId, id)).value.title).toBe('Moved');
    const actions = (await h.storage.audit.list(world.collaborativeId)).map((a) => a.action);
    expect(actions.filter((a) => a === 'pulse.edited')).toHaveLength(1);
  });

  it('an edit that read the draft just before it opened is refused, not applied to the open pulse', async () => {
    const world = await aScheduleWorld(h);
    const scheduled = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { opensAt: WEDNESDAY_10 }, { confirmed: true });
    const id = scheduled.kind === 'scheduled' ? scheduled.pulse.id : '';
    const draft = await h.storage.pulses.get(world.collaborativeId, id);
    // It opens between the edit's first read and its write.
    const deps = { ...scheduleDeps(h), pulses: { ...h.storage.pulses, list: (c: string) => h.storage.pulses.list(c), modify: h.storage.pulses.modify.bind(h.storage.pulses), find: async () => {
      await h.storage.pulses.advance(await h.storage.pulses.get(world.collaborativeId, id), 'open', NOW);
      return draft;
    } } };
    await expect(editScheduledPulse(deps, world.facilitator, world.collaborativeId, id, { focalProcess: 'discharge home' })).rejects.toMatchObject({ code: 'pulse_not_scheduled' });
    expect((await h.storage.pulses.get(world.collaborativeId, id)).value).toMatchObject({ status: 'open', focalProcess: draft.value.focalProcess });
  });

  it('a cancelled scheduled pulse never opens and sends no card; its open job is ended', async () => {
    const engine = await h.engine();
    const world = await aScheduleWorld(h);
    const scheduled = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { opensAt: WEDNESDAY_10 }, { confirmed: true });
    const id = scheduled.kind === 'scheduled' ? scheduled.pulse.id : '';
    const result = await cancelPulse({ ...h.storage, clock: h.clock.now }, world.facilitator, world.collaborativeId, { confirmed: true, pulseId: id });
    expect(result).toMatchObject({ kind: 'cancelled', pulse: { status: 'cancelled' } });
    expect((await openJob(world.collaborativeId, id))!.state).toBe('done');
    h.clock.set('2026-03-04T10:00:05.000Z');
    await engine.runDueJobs();
    h.clock.set('2026-03-04T11:00:00.000Z');
    await engine.runDueJobs(); // the upkeep too: a cancelled pulse gets no open job back
    expect((await h.storage.pulses.get(world.collaborativeId, id)).value.status).toBe('cancelled');
    expect(await openJob(world.collaborativeId, id)).toMatchObject({ state: 'done' });
    expect(cardCounts(h, world)).toEqual(world.members.map(() => 0));
  });
});

describe('a scheduled pulse that would ask people already in an open pulse', () => {
  it('is warned about when scheduled, and waits to open until the open pulse closes, saying why once', async () => {
    const engine = await h.engine();
    const world = await aScheduleWorld(h);
    const startDeps = { ...h.storage, sender: h.sender, clock: h.clock.now, log: h.log, deliver: engine.deliver, scheduler: engine.scheduler };
    const first = await startPulse(startDeps, world.facilitator, world.collaborativeId, { closesInDays: 2 });
    await settled(h.storage, scopeOf(first.pulse));

    const result = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { opensAt: '2026-03-03T10:00:00.000Z' }, { confirmed: true });
    expect(result.view.warnings).toEqual([expect.stringMatching(/is open until Wednesday 4 March 2026 at 09:00 and also asks .*waits to open/)]);
    const id = result.kind === 'scheduled' ? result.pulse.id : '';

    for (const at of ['2026-03-03T10:00:05.000Z', '2026-03-03T15:00:00.000Z']) {
      h.clock.set(at);
      await engine.runDueJobs();
      expect((await h.storage.pulses.get(world.collaborativeId, id)).value.status).toBe('draft');
    }
    expect(await openJob(world.collaborativeId, id)).toMatchObject({ state: 'due', dueAt: expect.stringMatching(/^2026-03-04T09:01:00/) });
    const delayed = (await h.storage.audit.list(world.collaborativeId)).filter((a) => a.action === 'pulse.open_delayed');
    expect(delayed).toEqual([expect.objectContaining({ subject: id, actorId: 'system', details: expect.objectContaining({ waitsFor: first.pulse.id }) })]);
    expect(cardCounts(h, world)).toEqual(world.members.map(() => 1));

    // The first closes at 09:00 on Wednesday; the scheduled one opens right after.
    h.clock.set('2026-03-04T09:01:30.000Z');
    await waitFor('the scheduled pulse to open', async () => {
      await engine.runDueJobs();
      return (await h.storage.pulses.get(world.collaborativeId, id)).value.status === 'open';
    });
    expect((await h.storage.pulses.get(world.collaborativeId, first.pulse.id)).value.status).toBe('closed');
    await settled(h.storage, { collaborativeId: world.collaborativeId, pulseId: id });
    expect(cardCounts(h, world).every((n) => n === 2)).toBe(true);
  });
});
