import { cancelPulse, editScheduledPulse, schedulePulse } from '../../../src/app/pulse';
import { ensureNextOccurrence } from '../../../src/app/pulse/jobs/next-occurrence';
import type { Member } from '../../../src/domain/model/member';
import { type Pulse, scopeOf } from '../../../src/domain/model/pulse';
import { DEFAULT_QUIET_HOURS, isQuiet } from '../../../src/domain/quiet-hours';
import { cardsTo, deliveryHarness, settled, waitFor, type DeliveryHarness } from './delivery-kit';
import { aScheduleWorld, openJobRun, pulsesOf, scheduleDeps, type ScheduleWorld } from './schedule-kit';

jest.setTimeout(90_000);

let h: DeliveryHarness;
afterEach(() => h.stop());

type Engine = Awaited<ReturnType<DeliveryHarness['engine']>>;

/** Both instances look for due work at the same moment, as two would on their own timers. */
async function atTime(engines: readonly Engine[], iso: string): Promise<void> {
  h.clock.set(iso);
  await Promise.all(engines.map((e) => e.runDueJobs()));
}

/** Invitation cards a member was sent (reminders left out). */
const invitesTo = (m: Member) => cardsTo(h.connector, m.aadObjectId!).filter((c) => !JSON.stringify(c.body).includes('A gentle reminder')).length;
const statusOf = async (world: ScheduleWorld, id: string) => (await h.storage.pulses.get(world.collaborativeId, id)).value.status;
const series = () => ({ storage: h.storage, clock: h.clock.now, timeZone: 'Europe/London', quietHours: DEFAULT_QUIET_HOURS });
const scheduledAudits = async (world: ScheduleWorld) => (await h.storage.audit.list(world.collaborativeId)).filter((a) => a.action === 'pulse.scheduled');

const opened = (engines: readonly Engine[], world: ScheduleWorld, id: string, iso: string) => openJobRun(h, engines, world, id, iso);

async function closed(engines: readonly Engine[], world: ScheduleWorld, id: string, iso: string): Promise<void> {
  await atTime(engines, iso);
  await waitFor(`${id} to close`, async () => {
    await Promise.all(engines.map((e) => e.runDueJobs()));
    return (await statusOf(world, id)) === 'closed';
  });
}

describe('a repeating pulse with two instances running timed work on one storage', () => {
  it('makes each next pulse exactly once, when the one before opens, and no more after its count', async () => {
    h = await deliveryHarness();
    h.clock.set('2026-03-02T09:00:00.000Z'); // Monday; before any engine starts
    const engines = [await h.engine({}, 'a'), await h.engine({}, 'b')];
    const world = await aScheduleWorld(h);
    const recurrence = { every: 2, unit: 'week' as const, count: 3 };
    const result = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { opensAt: '2026-03-02T10:00:00.000Z', closesInDays: 7, recurrence }, { confirmed: true });
    // The third opens at 10:00 UK summer time: 09:00 UTC.
    expect(result.view.openings).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-16T10:00:00.000Z', '2026-03-30T09:00:00.000Z']);
    if (result.kind !== 'scheduled') throw new Error('expected it scheduled');
    const first = result.pulse;

    // Two makers of the next pulse racing (two instances, or one again after it died): one wins.
    const made = await Promise.all([ensureNextOccurrence(series(), first), ensureNextOccurrence(series(), first), ensureNextOccurrence(series(), first)]);
    expect(made.filter((p) => p !== undefined)).toHaveLength(1);
    expect(await pulsesOf(h, world)).toHaveLength(2);

    await opened(engines, world, first.id, '2026-03-02T10:00:05.000Z');
    await settled(h.storage, scopeOf(first));
    let pulses = await pulsesOf(h, world);
    expect(pulses.map((p) => [p.id, p.status, p.opensAt])).toEqual([
      [first.id, 'open', '2026-03-02T10:00:00.000Z'],
      [`${first.id}-r1`, 'draft', '2026-03-16T10:00:00.000Z'],
    ]);
    expect(await scheduledAudits(world)).toHaveLength(2);

    // The open job runs again after it was done (an instance died before recording it): nothing twice.
    await h.storage.jobs.dueBy({ ...scopeOf(first), name: 'open', kind: 'open', dueAt: '2026-03-02T10:00:06.000Z', state: 'due' });
    await atTime(engines, '2026-03-02T10:01:00.000Z');
    expect(await pulsesOf(h, world)).toHaveLength(2);
    expect(await scheduledAudits(world)).toHaveLength(2);
    expect(world.members.map(invitesTo)).toEqual(world.members.map(() => 1));

    await closed(engines, world, first.id, '2026-03-09T10:00:05.000Z');
    await opened(engines, world, `${first.id}-r1`, '2026-03-16T10:00:05.000Z');
    await settled(h.storage, { collaborativeId: world.collaborativeId, pulseId: `${first.id}-r1` });
    pulses = await pulsesOf(h, world);
    expect(pulses.map((p) => [p.id, p.status])).toEqual([
      [first.id, 'closed'],
      [`${first.id}-r1`, 'open'],
      [`${first.id}-r2`, 'draft'],
    ]);
    expect(pulses[2]!.opensAt).toBe('2026-03-30T09:00:00.000Z');

    await closed(engines, world, `${first.id}-r1`, '2026-03-23T10:00:05.000Z');
    await opened(engines, world, `${first.id}-r2`, '2026-03-30T09:00:05.000Z');
    await settled(h.storage, { collaborativeId: world.collaborativeId, pulseId: `${first.id}-r2` });
    await atTime(engines, '2026-04-13T10:00:00.000Z');
    await atTime(engines, '2026-04-27T10:00:00.000Z');
    pulses = await pulsesOf(h, world);
    // Three in all, each with its own method and one invitation per person.
    expect(pulses.map((p) => p.id)).toEqual([first.id, `${first.id}-r1`, `${first.id}-r2`]);
    expect(pulses.every((p) => p.status !== 'draft' && p.k === 3)).toBe(true);
    expect(world.members.map(invitesTo)).toEqual(world.members.map(() => 3));
    expect((await h.storage.audit.list(world.collaborativeId)).filter((a) => a.action === 'pulse.opened')).toHaveLength(3);
  });
});

describe('a repeating pulse whose next opening falls in quiet hours', () => {
  it('opens the next one at the first time after them, and a pulse whose time became quiet waits until they end', async () => {
    h = await deliveryHarness();
    h.clock.set('2026-01-29T09:00:00.000Z'); // Thursday
    const engine = await h.engine();
    const world = await aScheduleWorld(h);
    const recurrence = { every: 1, unit: 'month' as const, count: 3 };
    // Friday 30 January, monthly: 28 February is a Saturday, so Monday 2 March 08:00.
    const result = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { opensAt: '2026-01-30T10:00:00.000Z', recurrence }, { confirmed: true });
    expect(result.view.openings).toEqual(['2026-01-30T10:00:00.000Z', '2026-03-02T08:00:00.000Z', '2026-03-30T09:00:00.000Z']);
    const first = (result as { pulse: Pulse }).pulse;
    await opened([engine], world, first.id, '2026-01-30T10:00:05.000Z');
    const next = (await h.storage.pulses.get(world.collaborativeId, `${first.id}-r1`)).value;
    expect(next).toMatchObject({ status: 'draft', opensAt: '2026-03-02T08:00:00.000Z' });
    expect(isQuiet(new Date(next.opensAt!), DEFAULT_QUIET_HOURS)).toBe(false);

    await closed([engine], world, first.id, '2026-02-13T10:00:05.000Z');
    h.clock.set('2026-02-28T10:00:05.000Z');
    await engine.runDueJobs();
    expect(await statusOf(world, next.id)).toBe('draft');

    // Its row says Sunday 1 March 12:00 (written when the quiet hours were different): it waits until Monday 08:00.
    await h.storage.pulses.modify(world.collaborativeId, next.id, (p) => ({ ...p, opensAt: '2026-03-01T12:00:00.000Z', closesAt: '2026-03-15T12:00:00.000Z' }));
    await h.storage.jobs.moveDue(scopeOf(next), 'open', '2026-03-01T12:00:00.000Z');
    h.clock.set('2026-03-01T12:00:05.000Z');
    await engine.runDueJobs();
    expect(await statusOf(world, next.id)).toBe('draft');
    expect((await h.storage.jobs.find(scopeOf(next), 'open'))!.value).toMatchObject({ state: 'due', dueAt: '2026-03-02T08:00:00.000Z' });
    expect(world.members.map(invitesTo)).toEqual(world.members.map(() => 1));

    await opened([engine], world, next.id, '2026-03-02T08:00:05.000Z');
    expect(await statusOf(world, next.id)).toBe('open');
    await settled(h.storage, scopeOf(next));
    expect(world.members.map(invitesTo)).toEqual(world.members.map(() => 2));
  });
});

describe('changing a pulse of a series before it opens', () => {
  it('counts the later openings from its new time, keeps the count of the whole series, and ends the series when its repeat is taken away', async () => {
    h = await deliveryHarness();
    h.clock.set('2026-03-02T09:00:00.000Z');
    const world = await aScheduleWorld(h);
    const recurrence = { every: 2, unit: 'week' as const, count: 3 };
    const result = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { opensAt: '2026-03-02T10:00:00.000Z', closesInDays: 7, recurrence }, { confirmed: true });
    const first = (result as { pulse: Pulse }).pulse;
    const second = (await ensureNextOccurrence(series(), first))!;
    expect(second).toMatchObject({ id: `${first.id}-r1`, opensAt: '2026-03-16T10:00:00.000Z' });

    // The second moves to Tuesday 17 March: the third is two weeks after it, at 10:00 UK summer time.
    const edited = await editScheduledPulse(scheduleDeps(h), world.facilitator, world.collaborativeId, second.id, { opensAt: '2026-03-17T10:00:00.000Z' });
    expect(edited.view.openings).toEqual(['2026-03-17T10:00:00.000Z', '2026-03-31T09:00:00.000Z']);
    const third = (await ensureNextOccurrence(series(), edited.pulse))!;
    expect(third).toMatchObject({ id: `${first.id}-r2`, opensAt: '2026-03-31T09:00:00.000Z' });
    expect(await ensureNextOccurrence(series(), third)).toBeUndefined();

    // Its repeat taken away: no pulse after it.
    const single = await editScheduledPulse(scheduleDeps(h), world.facilitator, world.collaborativeId, third.id, { recurrence: undefined });
    expect(single.view.openings).toEqual(['2026-03-31T09:00:00.000Z']);
    expect(single.pulse.schedule?.recurrence).toBeUndefined();
    expect(await ensureNextOccurrence(series(), single.pulse)).toBeUndefined();
    expect(await pulsesOf(h, world)).toHaveLength(3);
  });
});

describe('cancelling one scheduled pulse of a series', () => {
  it('skips only that one: no card goes for it, and the next is planned and opens as usual', async () => {
    h = await deliveryHarness();
    h.clock.set('2026-03-02T09:00:00.000Z'); // Monday; before any engine starts
    const engine = await h.engine();
    const world = await aScheduleWorld(h);
    const recurrence = { every: 2, unit: 'week' as const, count: 3 };
    const result = await schedulePulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { opensAt: '2026-03-02T10:00:00.000Z', closesInDays: 7, recurrence }, { confirmed: true });
    const first = (result as { pulse: Pulse }).pulse;

    const asked = await cancelPulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { pulseId: first.id, confirmed: false });
    expect(asked).toMatchObject({ kind: 'confirm', view: { status: 'draft', repeats: true } });
    expect(await pulsesOf(h, world)).toHaveLength(1);
    await cancelPulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { pulseId: first.id, confirmed: true });
    // Pressed twice (or run again after a failure): the next pulse is still made once.
    await cancelPulse(scheduleDeps(h), world.facilitator, world.collaborativeId, { pulseId: first.id, confirmed: true });
    expect((await pulsesOf(h, world)).map((p) => [p.id, p.status, p.opensAt])).toEqual([
      [first.id, 'cancelled', '2026-03-02T10:00:00.000Z'],
      [`${first.id}-r1`, 'draft', '2026-03-16T10:00:00.000Z'],
    ]);

    h.clock.set('2026-03-02T10:00:05.000Z');
    await engine.runDueJobs();
    expect(await statusOf(world, first.id)).toBe('cancelled');
    expect(world.members.map(invitesTo)).toEqual(world.members.map(() => 0));

    await opened([engine], world, `${first.id}-r1`, '2026-03-16T10:00:05.000Z');
    await settled(h.storage, { collaborativeId: world.collaborativeId, pulseId: `${first.id}-r1` });
    expect(world.members.map(invitesTo)).toEqual(world.members.map(() => 1));
    expect((await pulsesOf(h, world)).map((p) => [p.id, p.status])).toEqual([
      [first.id, 'cancelled'],
      [`${first.id}-r1`, 'open'],
      [`${first.id}-r2`, 'draft'],
    ]);
  });
});
