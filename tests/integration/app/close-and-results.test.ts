import { randomBytes } from 'node:crypto';
import { closePulse, pulseResults } from '../../../src/app/pulse';
import { entityCodec } from '../../../src/storage/entity-codec';
import { newPendingKeys } from '../../../src/storage/keys/submission-keys';
import { pendingResponseSchema } from '../../../src/storage/pending-response';
import { closePulseConfirmCard } from '../../../src/cards/pulse-status-card';
import { resultsCard } from '../../../src/cards/results-card';
import { ForbiddenError } from '../../../src/domain/errors';
import type { Response } from '../../../src/domain/model/response';
import type { Storage } from '../../../src/storage/storage';
import { checked } from '../../support/adaptive-card-validator';
import { targetRatings } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { actorOf, answerAndSubmit, answerEverything, aWorld, buttonData, send, start, TAB_URL, WORKGROUPS, type World } from './app-test-kit';
import type { PulseScope } from '../../../src/domain/model/pulse';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

const close = (world: World, options: { confirmed?: boolean; pulseId?: string } = {}) =>
  closePulse(world.deps, world.facilitator, world.collaborative.id, { confirmed: true, tabUrl: TAB_URL, ...options });
const results = (world: World) => pulseResults(world.deps, world.facilitator, world.collaborative.id, { tabUrl: TAB_URL });

/** A response scored 3 on everything. */
function aResponse(scope: PulseScope): Response {
  const ratings = Object.fromEntries(WORKGROUPS.map((w) => [w.id, targetRatings(3)]));
  return { ...scope, respondentWorkgroupId: 'mbu-nursing', ratings, day: '2026-03-03' };
}

/** A released response written straight into the Responses table, as a release would. */
async function releasedResponse(scope: PulseScope): Promise<void> {
  await storage.responses.writeReleased([{ releasedAs: randomBytes(16).toString('hex'), response: aResponse(scope) }]);
}

/** Every row of the tables answers and figures live in, with its ETag: any write changes this. */
async function answerRows(): Promise<string[]> {
  const rows: string[] = [];
  for (const role of ['submissions', 'responses', 'snapshots', 'pulses'] as const) {
    for await (const row of storage.clients[role].listEntities()) rows.push(`${role} ${row.partitionKey} ${row.rowKey} ${row.etag}`);
  }
  return rows.sort();
}

describe('closing a pulse', () => {
  it('asks first, and closes nothing until confirmed', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    await answerAndSubmit(world, world.people[0]!);
    const asked = await close(world, { confirmed: false });
    expect(asked).toEqual({ kind: 'confirm', view: { pulseId: pulse.id, focalProcess: pulse.focalProcess, answered: 1, k: 3 } });
    if (asked.kind === 'confirm') expect(JSON.stringify(checked(closePulseConfirmCard({ ...asked.view, collaborativeId: world.collaborative.id })))).toContain('fewer than 3 people have answered');
    expect((await storage.pulses.get(world.collaborative.id, pulse.id)).value.status).toBe('open');
  });

  it('releases every waiting response, stores the final figures and posts them in the channel', async () => {
    const world = await aWorld(storage, { people: 4, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    for (const person of world.people) await answerAndSubmit(world, person, { workgroupId: 'mbu-nursing' });
    expect([await storage.responses.count(scope), await storage.submissions.countPending(scope)]).toEqual([3, 1]);

    const closed = await close(world);
    if (closed.kind !== 'closed') throw new Error('expected the pulse to close');
    expect(closed).toMatchObject({ alreadyClosed: false, channel: { status: 'sent' }, pulse: { status: 'closed', closedAt: '2026-03-02T09:00:00.000Z' } });
    expect([await storage.responses.count(scope), await storage.submissions.countPending(scope)]).toEqual([4, 0]);
    const final = await storage.snapshots.latest(scope);
    expect(final).toMatchObject({ respondents: 4, figures: { k: 3, respondents: 4, overall: { mean: 4, n: 4, suppressed: false } } });
    expect((await storage.snapshots.keptRates(scope, 4))?.rates.total).toMatchObject({ invited: 5, answered: 4 });
    expect(await storage.submissions.intakeState(scope)).toBe('final');
    expect((await storage.pulses.get(scope.collaborativeId, scope.pulseId)).value.figuresFinalAt).toBe('2026-03-02T09:00:00.000Z');

    expect(world.sender.toChannel).toHaveLength(1);
    const card = JSON.stringify(world.sender.toChannel[0]!.card);
    expect(card).toContain('Final results: the pulse has closed.');
    expect(card).toContain('4.00 (strong)');
    expect(card).toContain('4 of 5 people answered (80%).');
    expect(card).toContain('"text":"MBU nursing"');
    // Entries at the same instant have no order: find it by what happened.
    const audit = (await storage.audit.list(world.collaborative.id)).find((a) => a.action === 'pulse.closed');
    expect(audit).toMatchObject({ action: 'pulse.closed', subject: pulse.id, details: { respondents: 4 } });

    // Pressing "Yes, close it" again answers with the same results and posts nothing more.
    const again = await close(world, { pulseId: pulse.id });
    expect(again).toMatchObject({ kind: 'closed', alreadyClosed: true, results: { respondents: 4, status: 'closed' } });
    expect(world.sender.toChannel).toHaveLength(1);
  });

  it('scores a pulse with the method it opened with, whatever the collaborative changes meanwhile', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    expect(pulse).toMatchObject({ k: 3, minItems: 4, bands: { moderate: 3.5, strong: 4 }, instrument: { id: 'rc7' } });
    for (const person of world.people) await answerAndSubmit(world, person);
    const now = await storage.collaboratives.get(world.collaborative.id);
    await storage.collaboratives.update(now, { ...now.value, k: 5, minItems: 7, bands: { moderate: 4.2, strong: 4.5 } });
    await close(world);
    const final = await storage.snapshots.latest(scope);
    // k 3, minItems 4 and bands 3.5 / 4.0, as when it opened: a mean of 4 is strong (by the new bands it would be weak).
    expect(final?.figures).toMatchObject({ k: 3, minItems: 4, overall: { mean: 4, n: 3, band: 'strong', suppressed: false } });
  });

  it('posts the "too few answered" summary, with no figures, when fewer than k answered', async () => {
    const world = await aWorld(storage, { people: 4, k: 3 });
    await start(world);
    await answerAndSubmit(world, world.people[0]!);
    await answerAndSubmit(world, world.people[1]!);
    await close(world);
    const card = JSON.stringify(world.sender.toChannel[0]!.card);
    expect(card).toContain('Too few people answered for figures to be shown.');
    expect(card).toContain('Fewer than 3 of 5 people answered.');
    expect(card).toContain('fewer than 3 responses');
    expect(card).not.toMatch(/\d\.\d\d/);
  });

  it('is for facilitators only', async () => {
    const world = await aWorld(storage, { people: 1 });
    await start(world);
    const attempt = closePulse(world.deps, actorOf(world.people[0]!), world.collaborative.id, { confirmed: true, tabUrl: TAB_URL });
    await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses a submit that arrives once the close has computed the figures, kindly, and stores nothing", async () => {
    const world = await aWorld(storage, { people: 4, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    for (const person of world.people.slice(0, 3)) await answerAndSubmit(world, person);
    expect(await storage.responses.count(scope)).toBe(3);
    const late = world.people[3]!;
    const review = await answerEverything(world, late);
    // The late submit passed every check while the pulse was open (each read the survey makes
    // still sees it open, as on an instance that read it a moment earlier); the whole close
    // runs before its transaction: only the transaction itself can tell.
    const openPulse = (await storage.pulses.get(scope.collaborativeId, scope.pulseId)).value;
    const deps = world.deps;
    let before: string[] = [];
    const submit = deps.submissions.submit.bind(deps.submissions);
    world.deps = {
      ...deps,
      pulses: Object.assign(Object.create(deps.pulses) as typeof deps.pulses, { find: async () => ({ value: openPulse, etag: 'read-before-the-close' }) }),
      submissions: Object.assign(Object.create(deps.submissions) as typeof deps.submissions, {
        submit: async (...args: Parameters<typeof submit>) => {
          await closePulse(deps, world.facilitator, world.collaborative.id, { confirmed: true, tabUrl: TAB_URL });
          before = await answerRows();
          return submit(...args);
        },
      }),
    };
    const { verb, data } = buttonData(review, 'Submit');
    const reply = await send(world, late, verb, data);
    world.deps = deps;
    expect(reply.outcome).toBe('closed');
    expect(JSON.stringify(reply.card)).toContain("This pulse has closed, so your answers can't be added. Thank you for your time.");
    expect(before.length).toBeGreaterThan(0);
    expect(await answerRows()).toEqual(before);
    expect(await storage.responses.count(scope)).toBe(3);
  });

  it('counts a submit that committed after the pulse closed but before the close sealed it', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    await answerAndSubmit(world, world.people[0]!);
    await answerAndSubmit(world, world.people[1]!);
    const late = { ...scope, respondentKey: storage.respondentKey(scope, world.people[2]!.aadObjectId!) };
    // The third submit passed its checks while the pulse was open and commits just as the close seals it.
    const deps = world.deps;
    const racing = Object.assign(Object.create(deps.submissions) as typeof deps.submissions, {
      advanceIntake: async (...args: Parameters<typeof deps.submissions.advanceIntake>) => {
        if (args[1] === 'sealed') await storage.submissions.submit(late, aResponse(scope));
        return deps.submissions.advanceIntake(...args);
      },
    });
    world.deps = { ...deps, submissions: racing };
    await close(world);
    world.deps = deps;
    expect(await storage.responses.count(scope)).toBe(3);
    expect(await storage.snapshots.latest(scope)).toMatchObject({ respondents: 3 });
    expect(await storage.submissions.countPending(scope)).toBe(0);
  });

  it('refuses a submit that would commit after the close released the answers, rather than thank someone it then leaves out', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    await answerAndSubmit(world, world.people[0]!);
    await answerAndSubmit(world, world.people[1]!);
    const late = world.people[2]!;
    const review = await answerEverything(world, late);
    const openPulse = (await storage.pulses.get(scope.collaborativeId, scope.pulseId)).value;
    const deps = world.deps;
    const submitting = { ...deps, pulses: Object.assign(Object.create(deps.pulses) as typeof deps.pulses, { find: async () => ({ value: openPulse, etag: 'before-close' }) }) };
    let outcome = '';
    const racing = {
      ...deps,
      // Between the close's release and its figures, a submit that read the pulse open tries to commit.
      releasePending: async (...args: Parameters<typeof deps.releasePending>) => {
        const released = await deps.releasePending(...args);
        if (!outcome) {
          world.deps = submitting;
          outcome = (await send(world, late, buttonData(review, 'Submit').verb, buttonData(review, 'Submit').data)).outcome;
          world.deps = deps;
        }
        return released;
      },
    };
    await closePulse(racing, world.facilitator, world.collaborative.id, { confirmed: true, tabUrl: TAB_URL });
    expect(outcome).toBe('closed');
    expect(await storage.snapshots.latest(scope)).toMatchObject({ respondents: 2 });
    expect(await storage.submissions.countPending(scope)).toBe(0);
    expect(await storage.responses.count(scope)).toBe(2);
  });

  it('never adds an answer to a published pulse: one that got into the pending area afterwards is deleted uncounted', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    for (const person of world.people) await answerAndSubmit(world, person);
    await close(world);
    const published = await results(world);
    // As an older version's submit could, without the intake check; then the sweep runs.
    const older = entityCodec('pending response', pendingResponseSchema, ['ratings']);
    await storage.clients.submissions.createEntity(older.toEntity(newPendingKeys(scope), aResponse(scope)));
    expect(await storage.releasePending(scope, { k: 3, force: true })).toEqual({ released: 0, waiting: 0, discarded: 1 });
    expect(await storage.responses.count(scope)).toBe(3);
    expect(await storage.submissions.countPending(scope)).toBe(0);
    expect(await results(world)).toEqual(published);
  });
});

describe('results', () => {
  it('shows no figure while a pulse is open, however many have answered: only when figures appear and the count', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };

    const none = await results(world);
    expect(none).toEqual({ focalProcess: pulse.focalProcess, k: 3, status: 'open', respondents: 0, invited: 4, closesAt: pulse.closesAt, tabUrl: TAB_URL });
    expect(JSON.stringify(checked(resultsCard(none)))).toContain('Figures appear when the pulse closes on Monday 16 March. So far fewer than 3 of 4 people have answered.');

    for (const person of world.people) await answerAndSubmit(world, person, { workgroupId: 'mbu-nursing' });
    await releasedResponse(scope);
    const some = await results(world);
    expect(some).toMatchObject({ status: 'open', respondents: 4 });
    expect(some).not.toHaveProperty('overall');
    const card = JSON.stringify(checked(resultsCard(some)));
    expect(card).toContain('So far 4 of 4 people have answered (100%).');
    expect(card).not.toMatch(/\d\.\d\d/);
    expect(await storage.snapshots.list(scope)).toEqual([]);
  });

  it('shows the latest closed pulse’s final figures while a new pulse is open', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    for (const person of world.people) await answerAndSubmit(world, person);
    await close(world);
    await start(world);
    const view = await results(world);
    expect(view).toMatchObject({ status: 'closed', respondents: 3, focalProcess: pulse.focalProcess });
    expect(JSON.stringify(checked(resultsCard(view)))).toContain('Final results');
  });

  it('says the figures of a close that stopped half-way are being prepared, writes nothing, and the close run again finishes it', async () => {
    const world = await aWorld(storage, { people: 4, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    // Three released, the fourth still waiting (fewer than k).
    for (const person of world.people) await answerAndSubmit(world, person);
    expect(await storage.submissions.countPending(scope)).toBe(1);
    // The close moved the pulse to closed and then the process stopped.
    await storage.pulses.advance(await storage.pulses.get(scope.collaborativeId, scope.pulseId), 'closed', '2026-03-03T09:00:00.000Z');
    const before = await answerRows();
    const view = await results(world);
    expect(view).toMatchObject({ status: 'preparing', respondents: 4 });
    expect(view).not.toHaveProperty('overall');
    expect(JSON.stringify(checked(resultsCard(view)))).toContain('Its figures are being prepared');
    expect(await answerRows()).toEqual(before);

    const finished = await close(world, { pulseId: pulse.id });
    expect(finished).toMatchObject({ kind: 'closed', alreadyClosed: true, results: { status: 'closed', respondents: 4 } });
    expect(await results(world)).toMatchObject({ status: 'closed', respondents: 4, overall: { n: 4, suppressed: false } });
  });

  it('is for the people on the collaborative’s list, and says so kindly when there is no pulse yet', async () => {
    const world = await aWorld(storage, { people: 1 });
    await expect(results(world)).rejects.toMatchObject({ code: 'no_pulse', userMessage: expect.stringContaining('pulse start') });
    const outsider = { aadObjectId: '0b5a9a44-6f1d-4b55-9a0e-3f1b3c0e7a11' };
    await expect(pulseResults(world.deps, outsider, world.collaborative.id, { tabUrl: TAB_URL })).rejects.toBeInstanceOf(ForbiddenError);
    // A member who is not a facilitator may see them.
    await start(world);
    await expect(pulseResults(world.deps, actorOf(world.people[0]!), world.collaborative.id, { tabUrl: TAB_URL })).resolves.toMatchObject({ status: 'open' });
  });
});
