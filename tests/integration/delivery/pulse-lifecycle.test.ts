import { odata, type TableClient } from '@azure/data-tables';
import { cancelPulse, extendPulse } from '../../../src/app/pulse';
import type { Member } from '../../../src/domain/model/member';
import { scopePartitionKey } from '../../../src/storage/keys/key-rules';
import { AnswersClosedError } from '../../../src/storage/submission-intake';
import { aFanOutWorld, type FanOutWorld, TENANT, worldScope } from '../../support/delivery-fixtures';
import { aResponse } from '../../support/fixtures';
import { deliveryHarness, invitations, settled, type DeliveryHarness } from './delivery-kit';

jest.setTimeout(60_000);

/** UK time equals UTC in early March 2026. Monday 2 March, 09:00; closes two weeks later. */
const OPENED = '2026-03-02T09:00:00.000Z';
const CLOSES = '2026-03-16T09:00:00.000Z';

let h: DeliveryHarness;
beforeEach(async () => {
  h = await deliveryHarness();
  h.clock.set(OPENED); // before any engine starts, so its first look sees this date
});
afterEach(() => h.stop());

type Engine = Awaited<ReturnType<DeliveryHarness['engine']>>;

/** A pulse opened on 2 March with reminders on days 3 and 6, its cards delivered, its first member the facilitator. */
async function openedPulse(engine: Engine, people = 6): Promise<{ world: FanOutWorld; facilitator: { aadObjectId: string } }> {
  const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], people, { reminderDays: [3, 6], closesAt: CLOSES }, OPENED);
  await engine.scheduler.pulseOpened(world.pulse);
  await engine.deliver(invitations(world));
  await settled(h.storage, worldScope(world));
  const facilitator = world.members[0]!;
  await h.storage.collaboratives.modify(world.collaborativeId, (c) => ({ ...c, facilitatorIds: [facilitator.aadObjectId!] }));
  return { world, facilitator: { aadObjectId: facilitator.aadObjectId! } };
}

const deps = () => ({ ...h.storage, clock: h.clock.now });
const refOf = (world: FanOutWorld, m: Member) => ({ ...worldScope(world), respondentKey: h.storage.respondentKey(worldScope(world), m.aadObjectId!) });
const job = async (world: FanOutWorld, name: string) => (await h.storage.jobs.find(worldScope(world), name))!.value;

/** Every row of a pulse's partition in a table, read raw (as an outsider with the storage key would). */
async function rawRows(client: TableClient, world: FanOutWorld): Promise<{ rowKey: string }[]> {
  const rows: { rowKey: string }[] = [];
  for await (const row of client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${scopePartitionKey(worldScope(world))}` } })) rows.push(row as { rowKey: string });
  return rows;
}

describe('extending an open pulse', () => {
  it('moves the close and the reminders still to come; the pulse does not close at the old time, and closes at the new one', async () => {
    const engine = await h.engine();
    const { world, facilitator } = await openedPulse(engine);
    h.clock.set('2026-03-06T10:00:00.000Z'); // day 3 has gone, day 6 (8 March) is still to come
    await engine.runDueJobs();
    const result = await extendPulse(deps(), facilitator, world.collaborativeId, { days: 7 });
    expect(result.pulse).toMatchObject({ closesAt: '2026-03-23T09:00:00.000Z', extensions: 1 });
    expect(result.remindersMoved).toBe(1);
    expect(await job(world, 'close')).toMatchObject({ state: 'due', dueAt: '2026-03-23T09:00:00.000Z' });
    expect(await job(world, 'remind-day6')).toMatchObject({ state: 'due', dueAt: '2026-03-15T09:00:00.000Z' });
    expect((await job(world, 'remind-day3')).state).toBe('done');
    const audit = await h.storage.audit.list(world.collaborativeId);
    expect(audit.find((a) => a.action === 'pulse.extended')).toMatchObject({ subject: world.pulse.id, details: { from: CLOSES, to: '2026-03-23T09:00:00.000Z', extension: 1 } });

    h.clock.set('2026-03-16T09:30:00.000Z');
    await engine.runDueJobs();
    expect((await h.storage.pulses.get(world.collaborativeId, world.pulse.id)).value.status).toBe('open');
    h.clock.set('2026-03-23T09:00:30.000Z');
    await engine.runDueJobs();
    expect((await h.storage.pulses.get(world.collaborativeId, world.pulse.id)).value).toMatchObject({ status: 'closed', figuresFinalAt: expect.any(String) });
  });

  it('a close job claimed before the extension does not close the pulse early', async () => {
    const engine = await h.engine();
    const { world, facilitator } = await openedPulse(engine, 3);
    h.clock.set('2026-03-10T10:00:00.000Z');
    await extendPulse(deps(), facilitator, world.collaborativeId, { date: '2026-03-20' });
    // As if moving the job had failed: the close job falls due at the old time anyway.
    await h.storage.jobs.moveDue(worldScope(world), 'close', CLOSES);
    h.clock.set('2026-03-16T09:01:00.000Z');
    await engine.runDueJobs();
    expect((await h.storage.pulses.get(world.collaborativeId, world.pulse.id)).value.status).toBe('open');
    expect(await job(world, 'close')).toMatchObject({ state: 'due', dueAt: '2026-03-20T09:00:00.000Z' });
  });

  it('refuses a date in the past, one beyond 8 weeks and a fifth extension, kindly, changing nothing', async () => {
    const engine = await h.engine();
    const { world, facilitator } = await openedPulse(engine, 3);
    h.clock.set('2026-03-10T10:00:00.000Z');
    const before = async () => ({ pulse: (await h.storage.pulses.get(world.collaborativeId, world.pulse.id)).value, close: await job(world, 'close') });
    const start = await before();
    await expect(extendPulse(deps(), facilitator, world.collaborativeId, { date: '2026-03-09' })).rejects.toMatchObject({ userMessage: expect.stringMatching(/later than the current one, 2026-03-16\. Nothing was changed/) });
    await expect(extendPulse(deps(), facilitator, world.collaborativeId, { date: '2026-04-28' })).rejects.toMatchObject({ userMessage: expect.stringMatching(/at most 8 weeks.*2026-04-27 at the latest/) });
    expect(await before()).toEqual(start);
    for (let i = 1; i <= 4; i++) await extendPulse(deps(), facilitator, world.collaborativeId, { days: 1 });
    const fourth = await before();
    expect(fourth.pulse).toMatchObject({ extensions: 4, closesAt: '2026-03-20T09:00:00.000Z' });
    await expect(extendPulse(deps(), facilitator, world.collaborativeId, { days: 1 })).rejects.toMatchObject({ code: 'too_many_extensions', userMessage: expect.stringMatching(/extended 4 times already/) });
    expect(await before()).toEqual(fourth);
    // Only a facilitator may extend.
    await expect(extendPulse(deps(), { aadObjectId: world.members[1]!.aadObjectId! }, world.collaborativeId, { days: 1 })).rejects.toMatchObject({ status: 403 });
  });
});

describe('cancelling a pulse', () => {
  it('asks first and changes nothing until confirmed; then deletes every answer, draft and ledger row, publishes nothing, and refuses a late submit', async () => {
    const engine = await h.engine();
    const { world, facilitator } = await openedPulse(engine, 8);
    const scope = worldScope(world);
    const [a, b, c, d, e] = world.members.slice(1);
    h.clock.set('2026-03-04T10:00:00.000Z');
    for (const [i, m] of [a!, b!, c!].entries()) await h.storage.submissions.submit(refOf(world, m), aResponse(scope, i, '2026-03-04'));
    await h.storage.releasePending(scope, { k: 3, force: true, now: h.clock.now() }); // three released
    await h.storage.submissions.submit(refOf(world, d!), aResponse(scope, 7, '2026-03-04')); // one waiting
    await h.storage.submissions.saveProgress({ ...refOf(world, e!), step: 1, ratings: {} }); // one draft
    expect(await h.storage.responses.count(scope)).toBe(3);

    const asked = await cancelPulse(deps(), facilitator, world.collaborativeId, { confirmed: false });
    expect(asked).toMatchObject({ kind: 'confirm', view: { pulseId: world.pulse.id, status: 'open', answered: 4 } });
    expect((await h.storage.pulses.get(world.collaborativeId, world.pulse.id)).value.status).toBe('open');
    expect(await h.storage.responses.count(scope)).toBe(3);
    expect((await h.storage.submissions.listLedger(scope)).length).toBe(5);

    const done = await cancelPulse(deps(), facilitator, world.collaborativeId, { confirmed: true, pulseId: world.pulse.id });
    expect(done).toMatchObject({ kind: 'cancelled', alreadyCancelled: false, pulse: { status: 'cancelled', cancelledAt: expect.stringMatching(/^2026-03-04T10:00/) } });
    // Nothing of the answers remains: no response, pending row, draft or ledger row; only the sealed intake rows (no identity, no answers).
    expect(await rawRows(h.storage.clients.responses, world)).toEqual([]);
    const left = await rawRows(h.storage.clients.submissions, world);
    expect(left.every((r) => r.rowKey.startsWith('G:'))).toBe(true);
    expect(await h.storage.snapshots.list(scope)).toEqual([]);
    const audit = await h.storage.audit.list(world.collaborativeId);
    expect(audit.find((x) => x.action === 'pulse.cancelled')).toMatchObject({ subject: world.pulse.id, details: { was: 'open', answersDeleted: 4, draftsDeleted: 1 } });

    // A late submit is refused kindly and stores nothing.
    await expect(h.storage.submissions.submit(refOf(world, world.members[6]!), aResponse(scope, 9, '2026-03-04'))).rejects.toBeInstanceOf(AnswersClosedError);
    expect(await rawRows(h.storage.clients.responses, world)).toEqual([]);

    // Its timed work has ended, but for the sweep, which publishes nothing and posts nothing.
    const jobs = await h.storage.jobs.listForPulse(scope);
    expect(jobs.filter((j) => j.state === 'due').map((j) => j.name)).toEqual(['close']);
    const posts = h.connector.calls.length;
    h.clock.set('2026-03-20T10:00:00.000Z');
    await engine.runDueJobs();
    expect((await h.storage.jobs.listForPulse(scope)).every((j) => j.state === 'done')).toBe(true);
    expect((await h.storage.pulses.get(world.collaborativeId, world.pulse.id)).value).toMatchObject({ status: 'cancelled' });
    expect((await h.storage.pulses.get(world.collaborativeId, world.pulse.id)).value.figuresFinalAt).toBeUndefined();
    expect(await h.storage.snapshots.list(scope)).toEqual([]);
    expect(h.connector.calls.length).toBe(posts);
    // Pressing "Yes" again is harmless; a closed pulse cannot be cancelled.
    expect(await cancelPulse(deps(), facilitator, world.collaborativeId, { confirmed: true, pulseId: world.pulse.id })).toMatchObject({ alreadyCancelled: true });
  });

  it('cancels a scheduled pulse (a draft) and ends its timed work; refuses a closed one', async () => {
    const engine = await h.engine();
    const { world, facilitator } = await openedPulse(engine, 3);
    await engine.runDueJobs();
    h.clock.set('2026-03-17T10:00:00.000Z');
    await engine.runDueJobs(); // the close
    await expect(cancelPulse(deps(), facilitator, world.collaborativeId, { confirmed: true, pulseId: world.pulse.id })).rejects.toMatchObject({ code: 'pulse_closed' });
    const draft = (await h.storage.pulses.create({ ...world.pulse, id: 'p9-later', status: 'draft', opensAt: '2026-04-01T09:00:00.000Z', closesAt: '2026-04-15T09:00:00.000Z', createdAt: '2026-03-17T10:00:00.000Z', openedAt: undefined, closedAt: undefined, figuresFinalAt: undefined })).value;
    await h.storage.jobs.schedule([{ ...worldScope({ ...world, pulse: draft }), name: 'close', kind: 'close', phase: 'close', dueAt: draft.closesAt!, state: 'due' }]);
    const asked = await cancelPulse(deps(), facilitator, world.collaborativeId, { confirmed: false });
    expect(asked).toMatchObject({ kind: 'confirm', view: { pulseId: 'p9-later', status: 'draft', answered: 0 } });
    await cancelPulse(deps(), facilitator, world.collaborativeId, { confirmed: true, pulseId: 'p9-later' });
    expect((await h.storage.pulses.get(world.collaborativeId, 'p9-later')).value.status).toBe('cancelled');
    h.clock.set('2026-04-16T10:00:00.000Z');
    await engine.runDueJobs();
    expect((await h.storage.pulses.get(world.collaborativeId, 'p9-later')).value.status).toBe('cancelled');
    expect(await h.storage.snapshots.list({ collaborativeId: world.collaborativeId, pulseId: 'p9-later' })).toEqual([]);
  });
});
