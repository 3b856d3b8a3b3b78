import { randomUUID } from 'node:crypto';
import { pulseStatus } from '../../../src/app/pulse';
import { SURVEY_INVITATION } from '../../../src/app/pulse/survey-card-kinds';
import { cardMessageFor } from '../../../src/delivery/card-message';
import type { EnsurePendingOptions } from '../../../src/storage/delivery-repository';
import { expectValidCard } from '../../support/adaptive-card-validator';
import { aFanOutWorld, chatOf, type FanOutWorld, TENANT, worldScope } from '../../support/delivery-fixtures';
import { callsTo, cardsTo, deliveryHarness, invitations, pulseFanOut, settled, waitFor, type DeliveryHarness } from './delivery-kit';
import type { PulseScope } from '../../../src/domain/model/pulse';

jest.setTimeout(60_000);

// Each test has its own tables, queue and connector, so engines of one never take another's cards.
let h: DeliveryHarness;
beforeEach(async () => {
  h = await deliveryHarness();
});
afterEach(() => h.stop());

/** The fan-out lines posted in the world's channel. */
const fanOutLines = (w: FanOutWorld) =>
  h.connector.activitiesIn(w.channelId).flatMap((a) => (JSON.stringify(a).match(/Survey card sent to [^"]*/g) ?? []));

const invite = (engine: Awaited<ReturnType<DeliveryHarness['engine']>>, w: FanOutWorld) => engine.deliver(invitations(w));

describe('sending a pulse’s invitations through the queue', () => {
  it('records every outcome: sent with its activity id, blocked and not found never retried, failed after six attempts, 429 retried after Retry-After', async () => {
    const engine = await h.engine();
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 12);
    const [blocked, gone, broken, throttled, ...others] = world.members.map((m) => m.aadObjectId!);
    h.connector.failAlways(chatOf(blocked!), { status: 403, code: 'MessageWritesBlocked' });
    h.connector.failAlways(chatOf(gone!), { status: 404, code: 'ConversationNotFound' });
    h.connector.failAlways(chatOf(broken!), { status: 503 });
    h.connector.failNext(chatOf(throttled!), { status: 429, retryAfterSeconds: 1 }, 2);

    expect(await invite(engine, world)).toMatchObject({ queued: 12, sent: 0 });
    await settled(h.storage, worldScope(world));

    const rows = new Map((await h.storage.deliveries.list(worldScope(world))).map((d) => [d.aadObjectId, d]));
    expect(rows.get(blocked!)).toMatchObject({ status: 'blocked', statusCode: 403, attempts: 1 });
    expect(rows.get(gone!)).toMatchObject({ status: 'not_found', statusCode: 404, attempts: 1 });
    expect(rows.get(broken!)).toMatchObject({ status: 'failed', statusCode: 503, attempts: 6 });
    expect(rows.get(throttled!)).toMatchObject({ status: 'sent', statusCode: 201, attempts: 3 });
    expect([blocked, gone, broken, throttled].map((id) => callsTo(h.connector, id!).length)).toEqual([1, 1, 6, 3]);
    // Retry-After: 1 was honoured each time.
    const tries = callsTo(h.connector, throttled!).map((c) => c.at);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(950);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(950);

    for (const id of others) {
      const [card, ...more] = cardsTo(h.connector, id!);
      expect(more).toEqual([]);
      expect(rows.get(id!)).toMatchObject({ status: 'sent', statusCode: 201, attempts: 1, activityId: card!.resultId });
      const sent = (card!.body!.attachments as { content: Record<string, unknown> }[])[0]!.content;
      expectValidCard(sent);
      expect(JSON.stringify(sent)).toContain(world.pulse.id);
      expect(rows.get(id!)!.leaseUntil).toBeUndefined();
    }
    // None of Teams' own limits was reached: the pacing kept under them.
    expect(h.connector.limits!.throttledTotal).toBe(0);

    // When the check runs (due when the fan-out should be over), one line goes to the channel, once.
    h.clock.advance(60_000);
    await engine.runDueJobs();
    await engine.runDueJobs();
    const posts = h.connector.activitiesIn(world.channelId);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0])).toContain('Survey card sent to 9 of 12 members; 2 have removed the app; 1 could not be reached just now.');
  });

  it('slows the whole tenant when Teams answers 429, in every instance, not just that card', async () => {
    // Two instances, sharing the queue.
    const engine = await h.engine();
    await h.engine();
    const world = await aFanOutWorld(h.storage, h.connector.url, [randomUUID()], 60);
    const target = world.members[8]!.aadObjectId!;
    h.connector.failNext(chatOf(target), { status: 429, retryAfterSeconds: 1 });
    await invite(engine, world);
    await settled(h.storage, worldScope(world));

    // The instance that got the 429 stops at once; the others skip the windows it took for the
    // pause, sending only the windows they had claimed before the pause reached the table (the
    // one in use and the next: about 400 ms, plus the write's own time).
    const throttledAt = callsTo(h.connector, target)[0]!.at;
    const chats = new Set(world.members.map((m) => chatOf(m.aadObjectId!)));
    const duringPause = h.connector.calls.filter((c) => chats.has(c.conversationId) && c.at > throttledAt + 700 && c.at < throttledAt + 950);
    expect(duringPause.map((c) => c.at - throttledAt)).toEqual([]);
    expect(callsTo(h.connector, target)[1]!.at - throttledAt).toBeGreaterThanOrEqual(950);
    for (const m of world.members) expect(cardsTo(h.connector, m.aadObjectId!)).toHaveLength(1);
  });

  it('puts a card Teams asks to wait long for back in the queue, hidden until then, rather than hold it', async () => {
    const engine = await h.engine();
    const world = await aFanOutWorld(h.storage, h.connector.url, [randomUUID()], 1);
    const [member] = world.members;
    h.connector.failNext(chatOf(member!.aadObjectId!), { status: 429, retryAfterSeconds: 20 });
    await invite(engine, world);
    await waitFor('the 429 to be recorded', async () => (await h.storage.deliveries.get(worldScope(world), member!.aadObjectId!)).value.statusCode === 429);
    expect((await h.storage.deliveries.get(worldScope(world), member!.aadObjectId!)).value).toMatchObject({ status: 'pending', attempts: 1, statusCode: 429 });
    // The message is back in the queue (hidden for 20 s), and nothing else is tried meanwhile.
    await waitFor('the message to be back in the queue', async () => (await h.queue.approximateCount()) === 1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(callsTo(h.connector, member!.aadObjectId!)).toHaveLength(1);
    expect(await h.queue.receive(1, 1)).toEqual([]);
  });

  it('never sends again a card whose worker stopped between claiming and recording it', async () => {
    const engine = await h.engine();
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 1);
    const [member] = world.members;
    const scope = worldScope(world);
    // What a worker that died mid-send leaves: a claim whose lease has passed, and its message.
    await h.storage.deliveries.ensurePending(scope, [member!.aadObjectId!]);
    await h.storage.deliveries.modify(scope, member!.aadObjectId!, (d) => ({ ...d, status: 'sending', attempts: 1, leaseUntil: new Date(h.clock.now().getTime() - 1000).toISOString() }));
    await h.queue.enqueue([JSON.stringify(cardMessageFor(scope, 'invite', member!, { kind: SURVEY_INVITATION, input: {} }))]);
    await settled(h.storage, scope);
    expect((await h.storage.deliveries.get(scope, member!.aadObjectId!)).value).toMatchObject({ status: 'sent', unconfirmed: true, attempts: 1 });
    expect(callsTo(h.connector, member!.aadObjectId!)).toEqual([]);
    expect(h.warnings).toContainEqual(expect.objectContaining({ message: 'a worker stopped while sending a card; recorded as sent and not sent again' }));
    void engine;
  });

  it('delivers a message queued by the version before card kinds (no kind) as the survey invitation, once', async () => {
    await h.engine();
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 1);
    const [member] = world.members;
    const scope = worldScope(world);
    await h.storage.deliveries.ensurePending(scope, [member!.aadObjectId!]);
    // As that version wrote it: v 1, no kind or input, the workgroup beside the conversation reference.
    const { kind: _kind, input: _input, ...rest } = cardMessageFor(scope, 'invite', member!, { kind: SURVEY_INVITATION, input: {} });
    await h.queue.enqueue([JSON.stringify({ ...rest, v: 1, member: { ...rest.member, workgroupId: member!.workgroupId } })]);
    await settled(h.storage, scope);
    const [card, ...more] = cardsTo(h.connector, member!.aadObjectId!);
    expect(more).toEqual([]);
    const sent = JSON.stringify((card!.body!.attachments as { content: Record<string, unknown> }[])[0]!.content);
    expect(sent).toContain(world.pulse.id);
    expect(sent).not.toContain('A gentle reminder');
    expect((await h.storage.deliveries.get(scope, member!.aadObjectId!)).value).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('logs and deletes a queue message that is not a card, and carries on with the rest', async () => {
    const engine = await h.engine();
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 2);
    await h.queue.enqueue(['not json at all', JSON.stringify({ v: 1, collaborativeId: 'x' })]);
    await invite(engine, world);
    await settled(h.storage, worldScope(world));
    for (const m of world.members) expect(cardsTo(h.connector, m.aadObjectId!)).toHaveLength(1);
    await waitFor('both bad messages to be dropped', () => h.warnings.filter((w) => w.message === 'a queue message that is not a card was deleted').length === 2);
    await waitFor('the queue to be empty', async () => (await h.queue.approximateCount()) === 0);
  });

  it('sends nothing for a pulse that closed before its card went, and records why', async () => {
    const engine = await h.engine({ runWorkers: false });
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 3);
    await invite(engine, world); // queued by an instance that does not send
    await h.storage.pulses.advance(await h.storage.pulses.get(world.collaborativeId, world.pulse.id), 'closed', h.clock.now().toISOString());
    await h.engine(); // another instance picks the cards up
    await settled(h.storage, worldScope(world));
    expect((await h.storage.deliveries.list(worldScope(world))).map((d) => d.status)).toEqual(['failed', 'failed', 'failed']);
    for (const m of world.members) expect(callsTo(h.connector, m.aadObjectId!)).toEqual([]);
  });
});

describe('a fan-out started in a bot turn (which Teams allows 15 s)', () => {
  /** A queue whose first batch goes at once and whose later ones wait for `later` (or fail). */
  function gatedQueue(later: Promise<void>) {
    const texts: string[] = [];
    return {
      texts,
      enqueue: async (batch: readonly string[]) => {
        if (texts.length > 0) await later;
        texts.push(...batch);
      },
    };
  }
  const turnFanOut = (queue: { enqueue(texts: readonly string[]): Promise<void> }, warnings: string[]) =>
    pulseFanOut(h, { queue, log: { warn: (message) => warnings.push(message) } }, { answerEarly: true });

  it('answers once the first invitations are queued, and queues everyone else after', async () => {
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 120);
    let release = (): void => undefined;
    const queue = gatedQueue(new Promise<void>((resolve) => (release = resolve)));
    const summary = await turnFanOut(queue, [])(invitations(world));
    expect(summary).toMatchObject({ queued: 120, sent: 0 });
    // It answered with only the first batch queued; the rest were waiting on the queue.
    expect(queue.texts).toHaveLength(10);
    release();
    await waitFor('every invitation to be queued', () => queue.texts.length === 120);
    const people = queue.texts.map((text) => (JSON.parse(text) as { member: { aadObjectId: string } }).member.aadObjectId);
    expect(new Set(people)).toEqual(new Set(world.members.map((m) => m.aadObjectId)));
    expect(await h.storage.deliveries.list(worldScope(world))).toHaveLength(120);
  });

  it('when the queue fails after it answered, says so in the log, still writes every row, and leaves the invitation check to queue them', async () => {
    // Enough people for more batches of rows than are written at once (10, then 50s, 4 at a time).
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 300);
    const warnings: string[] = [];
    const unavailable = Promise.reject(new Error('the queue service is unavailable'));
    unavailable.catch(() => undefined); // awaited by the later batches, not here
    const queue = gatedQueue(unavailable);
    expect(await turnFanOut(queue, warnings)(invitations(world))).toMatchObject({ queued: 300 });
    await waitFor('the failure to be logged', () => warnings.length === 1);
    expect(warnings[0]).toMatch(/invitation check queues what is missing/);
    const rows = await h.storage.deliveries.list(worldScope(world));
    expect(rows).toHaveLength(300);
    expect(rows.every((d) => d.status === 'pending')).toBe(true);
    expect((await h.storage.jobs.listForPulse(worldScope(world))).map((j) => j.kind)).toContain('invite-check');
  });

  it('when the queue fails after it answered, the invitation check a minute on queues the rest, once each, then posts the fan-out line once', async () => {
    const engine = await h.engine();
    const opened = '2026-03-02T09:00:00.000Z';
    h.clock.set(opened);
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 120, {}, opened);
    let batches = 0;
    const stopsAfterFirstBatch = {
      enqueue: async (texts: readonly string[], delaySeconds?: number, parallel?: number) => {
        if (batches++ > 0) throw new Error('the queue service is unavailable');
        await h.queue.enqueue(texts, delaySeconds, parallel);
      },
    };
    await pulseFanOut(h, { queue: stopsAfterFirstBatch, clock: h.clock.now, log: h.log }, { answerEarly: true })(invitations(world));
    await waitFor('the first batch to be sent', () => world.members.filter((m) => cardsTo(h.connector, m.aadObjectId!).length === 1).length === 10);
    await waitFor('the failure to be logged', () => h.warnings.some((w) => /invitation check queues what is missing/.test(w.message)));

    // When the cards should have gone, 110 still wait, but their rows are too new to call lost.
    h.clock.set('2026-03-02T09:00:10.000Z');
    await engine.runDueJobs();
    expect((await h.storage.deliveries.countByStatus(worldScope(world))).pending).toBe(110);
    h.clock.set('2026-03-02T09:01:30.000Z');
    await engine.runDueJobs();
    await settled(h.storage, worldScope(world));
    for (const m of world.members) expect(cardsTo(h.connector, m.aadObjectId!)).toHaveLength(1);

    h.clock.set('2026-03-02T09:03:00.000Z');
    await engine.runDueJobs();
    expect(fanOutLines(world)).toEqual(['Survey card sent to 120 of 120 members.']);
    expect((await h.storage.jobs.find(worldScope(world), 'invite-check'))!.value.state).toBe('done');
  });

  it('when the instance stops half-way through writing the rows, the invitation check a minute on invites everyone it had not reached, once each, and the status card counts them as waiting till then', async () => {
    const engine = await h.engine();
    const opened = '2026-03-02T09:00:00.000Z';
    h.clock.set(opened);
    const world = await aFanOutWorld(h.storage, h.connector.url, [TENANT], 120, {}, opened);
    // Its rows stop after the first batch: the instance writing them stopped there.
    const stopsAfterFirstRows = {
      list: (scope: PulseScope) => h.storage.deliveries.list(scope),
      addPending: async (scope: PulseScope, ids: readonly string[], options?: EnsurePendingOptions) => {
        await h.storage.deliveries.addPending(scope, ids.slice(0, 10), options);
        throw new Error('the instance stopped');
      },
    };
    await pulseFanOut(h, { deliveries: stopsAfterFirstRows, clock: h.clock.now, log: h.log }, { answerEarly: true })(invitations(world));
    await waitFor('the first rows to be sent', () => world.members.filter((m) => cardsTo(h.connector, m.aadObjectId!).length === 1).length === 10);
    await settled(h.storage, worldScope(world));
    expect(await h.storage.deliveries.list(worldScope(world))).toHaveLength(10);

    // The facilitator's status card counts the 110 it never reached as waiting, not as nobody.
    const facilitator = { aadObjectId: world.members[0]!.aadObjectId! };
    await h.storage.collaboratives.modify(world.collaborativeId, (c) => ({ ...c, facilitatorIds: [facilitator.aadObjectId] }));
    const status = () => pulseStatus({ ...h.storage, clock: h.clock.now }, facilitator, world.collaborativeId);
    expect(await status()).toMatchObject({ invited: 120, delivery: { sent: 10, pending: 110, failed: 0, blocked: 0 } });

    // Every row has ended, but the pulse's members are not all invited: no line in the channel
    // yet, and a look again once the fan-out has had a minute.
    h.clock.set('2026-03-02T09:00:10.000Z');
    await engine.runDueJobs();
    expect(fanOutLines(world)).toEqual([]);
    expect(await h.storage.deliveries.list(worldScope(world))).toHaveLength(10);
    const check = (await h.storage.jobs.find(worldScope(world), 'invite-check'))!.value;
    expect(check).toMatchObject({ state: 'due', dueAt: '2026-03-02T09:01:01.000Z' });

    h.clock.set('2026-03-02T09:01:01.000Z');
    await engine.runDueJobs();
    expect(h.warnings.map((w) => w.message)).toContain('invited members with no invitation yet (they can be reached since, or the fan-out stopped half-way)');
    await settled(h.storage, worldScope(world));
    for (const m of world.members) expect(cardsTo(h.connector, m.aadObjectId!)).toHaveLength(1);
    expect(await h.storage.deliveries.list(worldScope(world))).toHaveLength(120);

    h.clock.set('2026-03-02T09:03:00.000Z');
    await engine.runDueJobs();
    expect(fanOutLines(world)).toEqual(['Survey card sent to 120 of 120 members.']);
    expect(await status()).toMatchObject({ invited: 120, delivery: { sent: 120, pending: 0 } });
  });
});
