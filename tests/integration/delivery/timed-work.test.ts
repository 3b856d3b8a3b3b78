import { odata } from '@azure/data-tables';
import { closePulse, remindPulse } from '../../../src/app/pulse';
import type { DeliverPulseCards } from '../../../src/app/pulse/deliver-pulse-cards';
import { deliveryPartitionKey } from '../../../src/storage/keys/delivery-keys';
import type { Member } from '../../../src/domain/model/member';
import { aFanOutWorld, type FanOutWorld, TENANT, worldScope } from '../../support/delivery-fixtures';
import { aResponse } from '../../support/fixtures';
import { cardsTo, deliveryHarness, invitations, pulseFanOut, settled, TAB_URL, waitFor, type DeliveryHarness } from './delivery-kit';

jest.setTimeout(60_000);

/** UK time equals UTC in early March 2026 (summer time starts on the 29th). Monday 2 March, 09:00. */
const OPENED = '2026-03-02T09:00:00.000Z';
const CLOSES = '2026-03-16T09:00:00.000Z';

let h: DeliveryHarness;
beforeEach(async () => {
  h = await deliveryHarness();
  // Before any engine starts: its first look for due work must not see the real date, long
  // after these pulses close, and close one before the test has answered.
  h.clock.set(OPENED);
});
afterEach(() => h.stop());

/** A pulse opened on Monday 2 March with reminders on days 3 and 6, its invitations delivered. */
async function openedPulse(engine: Awaited<ReturnType<DeliveryHarness['engine']>>, people = 6): Promise<FanOutWorld> {
  h.clock.set(OPENED);
  const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], people, { reminderDays: [3, 6], closesAt: CLOSES }, OPENED);
  await engine.scheduler.pulseOpened(world.pulse);
  await engine.deliver(invitations(world));
  await settled(h.storage, worldScope(world));
  return world;
}

/** The person submits their answers (ledger finished, response waiting for release). */
async function answer(world: FanOutWorld, member: Member, marker: number): Promise<void> {
  const scope = worldScope(world);
  await h.storage.submissions.submit({ ...scope, respondentKey: h.storage.respondentKey(scope, member.aadObjectId!) }, aResponse(scope, marker, '2026-03-03'));
}

const reminders = (member: Member) => cardsTo(h.connector, member.aadObjectId!).filter((c) => JSON.stringify(c.body).includes('A gentle reminder'));

/** Makes the pulse's first member its facilitator, the one who reminds or closes it by hand. */
async function facilitatorOf(world: FanOutWorld): Promise<Member> {
  const facilitator = world.members[0]!;
  await h.storage.collaboratives.modify(world.collaborativeId, (c) => ({ ...c, facilitatorIds: [facilitator.aadObjectId!] }));
  return facilitator;
}

/** What the use-cases a facilitator calls need, with the fan-out given (the engine's, or one of a test's). */
const useCaseDeps = (deliver?: DeliverPulseCards) => ({ ...h.storage, sender: h.sender, clock: h.clock.now, log: h.log, ...(deliver ? { deliver } : {}) });

async function job(world: FanOutWorld, name: string) {
  return (await h.storage.jobs.find(worldScope(world), name))!;
}

describe('reminders at the pulse’s schedule', () => {
  it('waits out quiet hours, then reminds once everyone who has not answered, never those who have', async () => {
    const engine = await h.engine();
    const world = await openedPulse(engine);
    const [done1, done2, started, ...waiting] = world.members;
    await answer(world, done1!, 1);
    await answer(world, done2!, 2);
    await h.storage.submissions.saveProgress({ ...worldScope(world), respondentKey: h.storage.respondentKey(worldScope(world), started!.aadObjectId!), step: 1, ratings: {} });

    // Day 3 fell due at 09:00 on Thursday, but nobody looked until 21:30: quiet hours. It moves to 08:00 on Friday.
    h.clock.set('2026-03-05T21:30:00.000Z');
    await engine.runDueJobs();
    expect((await job(world, 'remind-day3')).value).toMatchObject({ state: 'due', dueAt: '2026-03-06T08:00:00.000Z' });
    expect(await h.storage.reminders.list(worldScope(world), 'remind-day3')).toEqual([]);

    h.clock.set('2026-03-06T08:00:30.000Z');
    await engine.runDueJobs();
    await settled(h.storage, worldScope(world), 'remind-day3');
    for (const m of [started!, ...waiting]) expect(reminders(m)).toHaveLength(1);
    for (const m of [done1!, done2!]) expect(reminders(m)).toEqual([]);
    expect((await job(world, 'remind-day3')).value.state).toBe('done');

    // Who was reminded (so had not answered) is kept as the ledger keeps it, by respondent key:
    // no reminder row names anyone, and nothing keyed by a person changed when reminders went.
    const raw: unknown[] = [];
    const partitionKey = deliveryPartitionKey(worldScope(world), 'remind-day3');
    for await (const row of h.storage.clients.deliveries.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) raw.push(row);
    expect(raw).toHaveLength(1 + waiting.length);
    for (const m of world.members) expect(JSON.stringify(raw)).not.toContain(m.aadObjectId!);
    for (const invitation of await h.storage.deliveries.list(worldScope(world))) expect(invitation.updatedAt! < '2026-03-03').toBe(true);

    // Taken again (as if its instance had died before marking it done): nobody gets a second one.
    const again = await job(world, 'remind-day3');
    await h.storage.jobs.update(again, { ...again.value, state: 'due' });
    await engine.runDueJobs();
    await settled(h.storage, worldScope(world), 'remind-day3');
    for (const m of [started!, ...waiting]) expect(reminders(m)).toHaveLength(1);
  });

  it('moves a reminder that falls on a weekend to Monday morning', async () => {
    const engine = await h.engine();
    const world = await openedPulse(engine, 2);
    h.clock.set('2026-03-08T10:00:00.000Z'); // Sunday: day 6 is due, and day 3 (Thursday) already went
    await engine.runDueJobs();
    expect((await job(world, 'remind-day6')).value).toMatchObject({ state: 'due', dueAt: '2026-03-09T08:00:00.000Z' });
  });

  it('holds a facilitator’s reminder asked for in quiet hours until they end', async () => {
    const engine = await h.engine();
    const world = await openedPulse(engine, 2);
    const facilitator = await facilitatorOf(world);
    h.clock.set('2026-03-04T20:15:00.000Z');
    const result = await remindPulse(useCaseDeps(engine.deliver), { aadObjectId: facilitator.aadObjectId! }, world.collaborativeId);
    // 2 of 2 reminded: below k = 3, so the reply reads "fewer than 3".
    expect(result).toMatchObject({ reminded: { fewerThan: 3 }, queued: true, notBefore: '2026-03-05T08:00:00.000Z' });
    // Asked again later that evening: one round already waits for the morning, and rounds go an hour apart.
    h.clock.set('2026-03-04T21:30:00.000Z');
    await expect(remindPulse(useCaseDeps(engine.deliver), { aadObjectId: facilitator.aadObjectId! }, world.collaborativeId)).rejects.toMatchObject({
      code: 'remind_too_soon',
      userMessage: expect.stringMatching(/^A reminder is already waiting to go at 08:00 on .+5 March.*, when quiet hours end\. .*The next one can go at 09:00 on .+5 March/),
    });
    // Until then only a timed job is kept: nothing names who has not answered.
    await engine.runDueJobs();
    expect(await h.queue.approximateCount()).toBe(0);
    const round = (await h.storage.jobs.listForPulse(worldScope(world))).find((j) => j.name.startsWith('remind-m'))!;
    expect(round).toMatchObject({ kind: 'remind', dueAt: '2026-03-05T08:00:00.000Z', state: 'due' });
    for (const m of world.members) expect(reminders(m)).toEqual([]);

    h.clock.set('2026-03-05T08:00:10.000Z');
    await engine.runDueJobs();
    await settled(h.storage, worldScope(world), round.name);
    for (const m of world.members) expect(reminders(m)).toHaveLength(1);
  });
});

describe('a facilitator’s reminder round asked for in a bot turn (which Teams allows 15 s)', () => {
  it('answers once the first reminders are queued; if queuing stops half-way, a re-run a minute after the round should have gone reaches the rest, once each', async () => {
    const engine = await h.engine();
    const world = await openedPulse(engine, 60);
    const facilitator = await facilitatorOf(world);
    h.clock.set('2026-03-04T10:00:00.000Z');
    // The queue takes the first batch of messages, then fails, as if this instance had stopped.
    let batches = 0;
    const stopsAfterFirstBatch = {
      enqueue: async (texts: readonly string[], delaySeconds?: number, parallel?: number) => {
        if (batches++ > 0) throw new Error('the queue service is unavailable');
        await h.queue.enqueue(texts, delaySeconds, parallel);
      },
    };
    const deliver = pulseFanOut(h, { queue: stopsAfterFirstBatch, clock: h.clock.now, log: h.log }, { answerEarly: true });
    const result = await remindPulse(useCaseDeps(deliver), { aadObjectId: facilitator.aadObjectId! }, world.collaborativeId);
    expect(result).toMatchObject({ reminded: { n: 60 }, queued: true });
    await waitFor('the failure to be logged', () => h.warnings.some((w) => /a re-run of the round queues what is missing/.test(w.message)));
    const round = (await h.storage.jobs.listForPulse(worldScope(world))).find((j) => j.name.startsWith('remind-m'))!;
    // 60 people at 50 a second take 1.2 s (2, rounded up): looked at again a minute after twice that.
    expect(round).toMatchObject({ kind: 'remind', state: 'due' });
    expect(Date.parse(round.dueAt) - Date.parse('2026-03-04T10:01:04.000Z')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(round.dueAt) - Date.parse('2026-03-04T10:01:04.000Z')).toBeLessThan(1000);
    await waitFor('the first batch to be sent', () => world.members.filter((m) => reminders(m).length === 1).length === 10);
    expect((await h.storage.reminders.countByStatus(worldScope(world), round.name)).pending).toBe(50);

    h.clock.set('2026-03-04T10:01:05.000Z');
    await engine.runDueJobs();
    await settled(h.storage, worldScope(world), round.name);
    for (const m of world.members) expect(reminders(m)).toHaveLength(1);
    expect((await h.storage.jobs.find(worldScope(world), round.name))!.value.state).toBe('done');
    const entries = (await h.storage.audit.list(world.collaborativeId)).filter((e) => e.action === 'pulse.reminded');
    expect(entries.map((e) => [e.actorId, e.details?.reminded])).toEqual(expect.arrayContaining([[facilitator.aadObjectId, 60], ['system', 50]]));
    expect(entries).toHaveLength(2);
  });

  it('adds nothing to the audit trail when the re-run finds every reminder already on its way', async () => {
    const engine = await h.engine();
    const world = await openedPulse(engine, 3);
    const facilitator = await facilitatorOf(world);
    h.clock.set('2026-03-04T10:00:00.000Z');
    await remindPulse(useCaseDeps(engine.deliver), { aadObjectId: facilitator.aadObjectId! }, world.collaborativeId);
    const round = (await h.storage.jobs.listForPulse(worldScope(world))).find((j) => j.name.startsWith('remind-m'))!;
    await settled(h.storage, worldScope(world), round.name);
    h.clock.set(round.dueAt);
    await engine.runDueJobs();
    for (const m of world.members) expect(reminders(m)).toHaveLength(1);
    expect((await h.storage.jobs.find(worldScope(world), round.name))!.value.state).toBe('done');
    expect((await h.storage.audit.list(world.collaborativeId)).filter((e) => e.action === 'pulse.reminded')).toHaveLength(1);
  });
});

describe('closing at the pulse’s closing time', () => {
  it('closes, stores the final figures, deletes drafts and posts the summary in the channel once', async () => {
    const engine = await h.engine();
    const second = await h.engine(); // another instance looks for due work at the same moment
    const world = await openedPulse(engine, 5);
    const [a, b, c, d] = world.members;
    for (const [i, m] of [a!, b!, c!].entries()) await answer(world, m, i);
    await h.storage.submissions.saveProgress({ ...worldScope(world), respondentKey: h.storage.respondentKey(worldScope(world), d!.aadObjectId!), step: 2, ratings: {} });

    h.clock.set('2026-03-16T09:00:30.000Z');
    await Promise.all([engine.runDueJobs(), second.runDueJobs()]);
    expect((await h.storage.pulses.get(world.collaborativeId, world.pulse.id)).value.status).toBe('closed');
    expect(await h.storage.snapshots.latest(worldScope(world))).toMatchObject({ respondents: 3 });
    expect(await h.storage.submissions.findDraft({ ...worldScope(world), respondentKey: h.storage.respondentKey(worldScope(world), d!.aadObjectId!) })).toBeUndefined();
    const posts = h.connector.activitiesIn(world.channelId).map((p) => JSON.stringify(p));
    expect(posts.filter((p) => p.includes('Final results'))).toHaveLength(1);
    expect(posts.find((p) => p.includes('Final results'))).toContain('3 of 5 people answered (60%).');
    expect((await job(world, 'close')).value).toMatchObject({ state: 'due', phase: 'sweep' });

    // The sweep a little later, then nothing more.
    h.clock.advance(11 * 60_000);
    await engine.runDueJobs();
    expect((await job(world, 'close')).value.state).toBe('done');
    expect(h.connector.activitiesIn(world.channelId).filter((p) => JSON.stringify(p).includes('Final results'))).toHaveLength(1);
  });

  it('posts nothing more at closing time when a facilitator closed the pulse earlier', async () => {
    const engine = await h.engine();
    const world = await openedPulse(engine, 3);
    const facilitator = await facilitatorOf(world);
    h.clock.set('2026-03-10T10:00:00.000Z');
    await closePulse(useCaseDeps(), { aadObjectId: facilitator.aadObjectId! }, world.collaborativeId, { confirmed: true, tabUrl: TAB_URL });
    const summaries = () => h.connector.activitiesIn(world.channelId).filter((p) => JSON.stringify(p).includes('The pulse has closed.'));
    expect(summaries()).toHaveLength(1);
    h.clock.set('2026-03-16T09:00:30.000Z');
    await engine.runDueJobs();
    expect(summaries()).toHaveLength(1);
    expect((await job(world, 'close')).value).toMatchObject({ phase: 'sweep' });
  });

  it('posts that too few answered, with no figures, when fewer than k did', async () => {
    const engine = await h.engine();
    const world = await openedPulse(engine, 4);
    await answer(world, world.members[0]!, 0);
    h.clock.set('2026-03-16T09:01:00.000Z');
    await engine.runDueJobs();
    const posts = h.connector.activitiesIn(world.channelId).map((p) => JSON.stringify(p));
    const post = posts.find((p) => p.includes('Too few people answered for figures to be shown.'));
    expect(posts.filter((p) => p.includes('Survey card sent to'))).toHaveLength(1);
    expect(post).toContain('Fewer than 3 of 4 people answered.');
    expect(post).not.toMatch(/\d\.\d\d/);
  });
});
