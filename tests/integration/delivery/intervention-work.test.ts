import { dueRound, interventionScope } from '../../../src/app/interventions/intervention-card-kinds';
import { interventionsJob, INTERVENTIONS_JOB } from '../../../src/app/interventions/intervention-jobs';
import { interventionSchema, type Intervention } from '../../../src/domain/model/intervention';
import type { Member } from '../../../src/domain/model/member';
import { aFanOutWorld, TENANT, type FanOutWorld } from '../../support/delivery-fixtures';
import { WORKGROUPS } from '../../support/fixtures';
import { cardsTo, deliveryHarness, waitFor, type DeliveryHarness } from './delivery-kit';

jest.setTimeout(60_000);

/**
 * A collaborative's interventions' timed work through the real engine on Azurite, with two
 * instances: the owners' reminder a few days before a due date (once per owner per due date,
 * never in quiet hours, never for one done or dropped) and the weekly digest in the channel
 * (once a week, only when turned on). UK time equals UTC in early March 2026.
 */

let h: DeliveryHarness;
beforeEach(async () => {
  h = await deliveryHarness();
});
afterEach(() => h.stop());

const AUTHOR = { authorId: '0a0a0a0a-0000-4000-8000-000000000001', authorName: 'Fran Facilitator' };

/** A stored intervention of the world's collaborative, in whatever state the test needs. */
async function anIntervention(world: FanOutWorld, over: Partial<Intervention> & Pick<Intervention, 'id' | 'title'>): Promise<Intervention> {
  const at = over.createdAt ?? '2026-02-02T10:00:00.000Z';
  const value = interventionSchema.parse({
    collaborativeId: world.collaborativeId,
    description: '',
    kind: 'structural',
    ties: [{ from: WORKGROUPS[0], to: WORKGROUPS[1] }],
    dimensions: [],
    ownerIds: [],
    status: 'agreed',
    createdAt: at,
    updatedAt: at,
    updates: [{ at, ...AUTHOR, text: 'Recorded as agreed.' }],
    ...over,
  });
  return (await h.storage.interventions.create(value)).value;
}

const reminders = (m: Member) => cardsTo(h.connector, m.aadObjectId!).filter((c) => JSON.stringify(c.body).includes('An intervention you own is due'));
const digests = (world: FanOutWorld) =>
  h.connector.calls.filter((c) => c.kind === 'send' && c.status === 201 && c.conversationId === world.channelId && JSON.stringify(c.body).includes('Interventions: the week in brief'));
const job = async (world: FanOutWorld) => (await h.storage.jobs.find({ collaborativeId: world.collaborativeId }, INTERVENTIONS_JOB))!.value;

/** Makes the collaborative's job due now and lets every instance look for due work at once. */
async function runOnBoth(world: FanOutWorld, engines: { runDueJobs(): Promise<number> }[]): Promise<void> {
  await h.storage.jobs.dueBy(interventionsJob(world.collaborativeId, h.clock.now()));
  await Promise.all(engines.map((e) => e.runDueJobs()));
}

describe("owners' reminders", () => {
  it('reach each owner once, across two runs on two instances, after quiet hours, and never for one done, dropped or due later', async () => {
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 5, {}, '2026-03-02T09:00:00.000Z');
    const [owner1, owner2, doneOwner, laterOwner, bystander] = world.members as [Member, Member, Member, Member, Member];
    const due = await anIntervention(world, { id: 'iv-huddle', title: 'Joint discharge huddle', ownerIds: [owner1.aadObjectId!, owner2.aadObjectId!], dueOn: '2026-03-09' });
    await anIntervention(world, {
      id: 'iv-done', title: 'Finished pilot', ownerIds: [doneOwner.aadObjectId!], dueOn: '2026-03-08', status: 'done', startOn: '2026-02-03', completedAt: '2026-03-01T10:00:00.000Z',
    });
    await anIntervention(world, { id: 'iv-dropped', title: 'Dropped idea', ownerIds: [doneOwner.aadObjectId!], dueOn: '2026-03-07', status: 'dropped' });
    await anIntervention(world, { id: 'iv-later', title: 'Shared tracker', ownerIds: [laterOwner.aadObjectId!], dueOn: '2026-03-20' });
    const engines = [await h.engine({}, 'one'), await h.engine({}, 'two')];

    // Thursday 21:30: quiet hours. Nothing is queued; the run moves to 08:00 on Friday.
    h.clock.set('2026-03-05T21:30:00.000Z');
    await runOnBoth(world, engines);
    expect(await job(world)).toMatchObject({ state: 'due', dueAt: '2026-03-06T08:00:00.000Z' });
    const scope = interventionScope(world.collaborativeId, due.id);
    expect(await h.storage.deliveries.list(scope, dueRound('2026-03-09'))).toEqual([]);

    // Friday 09:00, three days before the due date: one instance runs it, and the owners are reminded.
    h.clock.set('2026-03-06T09:00:00.000Z');
    await runOnBoth(world, engines);
    await waitFor('both owners to be reminded', () => reminders(owner1).length + reminders(owner2).length === 2);
    expect(await job(world)).toMatchObject({ state: 'due', dueAt: '2026-03-07T09:00:00.000Z' });

    // Run again (Saturday is quiet, so straight to Monday 09:00), and once more on both at once: nobody twice.
    h.clock.set('2026-03-09T09:00:00.000Z');
    await runOnBoth(world, engines);
    await runOnBoth(world, engines);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(reminders(owner1)).toHaveLength(1);
    expect(reminders(owner2)).toHaveLength(1);
    expect(JSON.stringify(reminders(owner1)[0]!.body)).toContain('Joint discharge huddle');
    for (const m of [doneOwner, laterOwner, bystander]) expect(reminders(m)).toEqual([]);
    // One row per owner for that due date, keyed by who they are.
    const rows = await h.storage.deliveries.list(scope, dueRound('2026-03-09'));
    expect(rows.map((r) => [r.aadObjectId, r.status]).sort()).toEqual([[owner1.aadObjectId, 'sent'], [owner2.aadObjectId, 'sent']].sort());
  });

  it('sends nothing for an intervention marked done after its reminders were queued', async () => {
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 2, {}, '2026-03-02T09:00:00.000Z');
    const [owner] = world.members as [Member];
    const iv = await anIntervention(world, { id: 'iv-soon', title: 'Shadowing visits', ownerIds: [owner.aadObjectId!], dueOn: '2026-03-10', status: 'in_progress', startOn: '2026-02-10' });
    h.clock.set('2026-03-09T09:00:00.000Z');
    // An instance that only runs timed work queues the reminder; nobody sends it yet.
    const queuer = await h.engine({ runWorkers: false }, 'queuer');
    await runOnBoth(world, [queuer]);
    const scope = interventionScope(world.collaborativeId, iv.id);
    expect((await h.storage.deliveries.list(scope, dueRound('2026-03-10'))).map((r) => r.status)).toEqual(['pending']);
    const stored = (await h.storage.interventions.get(world.collaborativeId, iv.id))!;
    await h.storage.interventions.update(stored, { ...stored.value, status: 'done', completedAt: '2026-03-09T09:00:10.000Z', updatedAt: '2026-03-09T09:00:10.000Z', updates: [...stored.value.updates, { at: '2026-03-09T09:00:10.000Z', ...AUTHOR, text: 'Done.', statusChange: { from: 'in_progress', to: 'done' } }] });
    await h.engine({}, 'sender');
    await waitFor('the reminder to be withdrawn', async () => (await h.storage.deliveries.list(scope, dueRound('2026-03-10'))).length === 0);
    expect(reminders(owner)).toEqual([]);
  });
});

describe('the weekly digest', () => {
  async function aWorldWithAWeek(digest: boolean): Promise<FanOutWorld> {
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 2, {}, '2026-03-02T09:00:00.000Z');
    await h.storage.collaboratives.modify(world.collaborativeId, (c) => ({ ...c, interventionDigest: digest }));
    const [owner] = world.members as [Member];
    await anIntervention(world, { id: 'iv-new', title: 'Shared referral tracker', createdAt: '2026-03-04T10:00:00.000Z', ownerIds: [owner.aadObjectId!] });
    await anIntervention(world, {
      id: 'iv-moved', title: 'Joint discharge huddle', status: 'in_progress', startOn: '2026-03-05', ownerIds: [owner.aadObjectId!],
      updates: [
        { at: '2026-02-02T10:00:00.000Z', ...AUTHOR, text: 'Recorded as agreed.' },
        { at: '2026-03-05T11:00:00.000Z', ...AUTHOR, text: 'First huddle held on the unit.', statusChange: { from: 'agreed', to: 'in_progress' } },
      ],
    });
    return world;
  }

  it('is posted once on Monday morning, whichever instance runs it and however often, not before 09:00 and not in quiet hours', async () => {
    const world = await aWorldWithAWeek(true);
    const engines = [await h.engine({}, 'one'), await h.engine({}, 'two')];
    // Monday 07:30 is quiet: the run moves to 08:00; at 08:00 it is too early for the digest.
    h.clock.set('2026-03-09T07:30:00.000Z');
    await runOnBoth(world, engines);
    expect(await job(world)).toMatchObject({ dueAt: '2026-03-09T08:00:00.000Z' });
    h.clock.set('2026-03-09T08:00:00.000Z');
    await runOnBoth(world, engines);
    expect(digests(world)).toEqual([]);
    expect(await job(world)).toMatchObject({ dueAt: '2026-03-09T09:00:00.000Z' });

    h.clock.set('2026-03-09T09:00:00.000Z');
    await runOnBoth(world, engines);
    await runOnBoth(world, engines);
    h.clock.set('2026-03-09T15:00:00.000Z');
    await runOnBoth(world, engines);
    expect(digests(world)).toHaveLength(1);
    const card = JSON.stringify(digests(world)[0]!.body);
    expect(card).toContain('Shared referral tracker');
    expect(card).toContain('Recorded this week.');
    expect(card).toContain('Moved agreed → in progress, 1 update.');
    expect(card).toContain('First huddle held on the unit.');

    // The next Monday, with something new that week, it is posted again; with nothing new it is not.
    const stored = (await h.storage.interventions.get(world.collaborativeId, 'iv-moved'))!;
    await h.storage.interventions.update(stored, { ...stored.value, updatedAt: '2026-03-12T10:00:00.000Z', updates: [...stored.value.updates, { at: '2026-03-12T10:00:00.000Z', ...AUTHOR, text: 'Second huddle.' }] });
    h.clock.set('2026-03-16T09:00:00.000Z');
    await runOnBoth(world, engines);
    expect(digests(world)).toHaveLength(2);
    h.clock.set('2026-03-30T09:00:00.000Z');
    await runOnBoth(world, engines);
    expect(digests(world)).toHaveLength(2);
  });

  it('is never posted while the collaborative has it turned off', async () => {
    const world = await aWorldWithAWeek(false);
    const engine = await h.engine();
    h.clock.set('2026-03-09T09:00:00.000Z');
    await runOnBoth(world, [engine]);
    expect(digests(world)).toEqual([]);
    expect(await h.storage.jobs.hasOnce({ collaborativeId: world.collaborativeId }, 'digest-2026-03-09')).toBe(false);
  });
});
