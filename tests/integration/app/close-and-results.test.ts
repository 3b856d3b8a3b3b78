import { randomBytes } from 'node:crypto';
import { closePulse, pulseResults } from '../../../src/app/pulse';
import { closePulseConfirmCard } from '../../../src/cards/pulse-status-card';
import { resultsCard } from '../../../src/cards/results-card';
import { ForbiddenError } from '../../../src/domain/errors';
import type { Response } from '../../../src/domain/model/response';
import type { PulseScope } from '../../../src/storage/keys/key-rules';
import type { Storage } from '../../../src/storage/storage';
import { checked } from '../../support/adaptive-card-validator';
import { targetRatings } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { actorOf, answerAndSubmit, aWorld, start, TAB_URL, WORKGROUPS, type World } from './app-test-kit';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

const close = (world: World, options: { confirmed?: boolean; pulseId?: string } = {}) =>
  closePulse(world.deps, world.facilitator, world.collaborative.id, { confirmed: true, tabUrl: TAB_URL, ...options });
const results = (world: World) => pulseResults(world.deps, world.facilitator, world.collaborative.id, { tabUrl: TAB_URL });

/** A released response written straight into the Responses table, as a release would. */
async function releasedResponse(scope: PulseScope): Promise<void> {
  const ratings = Object.fromEntries(WORKGROUPS.map((w) => [w.id, targetRatings(3)]));
  const response: Response = { ...scope, respondentWorkgroupId: 'mbu-nursing', ratings, day: '2026-03-03' };
  await storage.responses.writeReleased([{ releasedAs: randomBytes(16).toString('hex'), response }]);
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
});

describe('results', () => {
  it('follows the snapshot rule while a pulse is open: published first at k, then only after k more', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };

    const none = await results(world);
    expect(none).toMatchObject({ status: 'open', respondents: 0, overall: { suppressed: true }, strongest: [], weakest: [] });
    expect(none.asOfResponses).toBeUndefined();
    expect(JSON.stringify(checked(resultsCard(none)))).toContain('Too few people have answered so far');

    for (const person of world.people) await answerAndSubmit(world, person, { workgroupId: 'mbu-nursing' });
    const first = await results(world);
    expect(first).toMatchObject({ status: 'open', respondents: 3, asOfResponses: 3, overall: { mean: 4, suppressed: false } });
    expect(JSON.stringify(checked(resultsCard(first)))).toContain('Early results, as of 3 responses.');

    // Two more (fewer than k since the last publication): the published figures stay as they were.
    await releasedResponse(scope);
    await releasedResponse(scope);
    expect(await results(world)).toEqual(first);
    expect(await storage.snapshots.list(scope)).toHaveLength(1);

    // A third: k more than at the last publication, so the figures are published again.
    await releasedResponse(scope);
    const second = await results(world);
    expect(second).toMatchObject({ respondents: 6, asOfResponses: 6, overall: { mean: 3.5 } });
    expect(await storage.snapshots.list(scope)).toHaveLength(2);
  });

  it('shows the latest closed pulse’s final figures while a new pulse has nothing published', async () => {
    const world = await aWorld(storage, { people: 3, k: 3 });
    const { pulse } = await start(world);
    for (const person of world.people) await answerAndSubmit(world, person);
    await close(world);
    await start(world);
    const view = await results(world);
    expect(view).toMatchObject({ status: 'closed', respondents: 3, focalProcess: pulse.focalProcess });
    expect(JSON.stringify(checked(resultsCard(view)))).toContain('Final results');
  });

  it('finishes a close that stopped half-way: waiting responses are released and the final figures stored', async () => {
    const world = await aWorld(storage, { people: 2, k: 3 });
    const { pulse } = await start(world);
    const scope = { collaborativeId: world.collaborative.id, pulseId: pulse.id };
    await answerAndSubmit(world, world.people[0]!);
    // The close moved the pulse to closed and then the process stopped.
    await storage.pulses.transition(await storage.pulses.get(scope.collaborativeId, scope.pulseId), 'closed', '2026-03-03T09:00:00.000Z');
    const view = await results(world);
    expect(view).toMatchObject({ status: 'closed', respondents: 1, overall: { suppressed: true } });
    expect(await storage.submissions.countPending(scope)).toBe(0);
    expect(await storage.snapshots.latest(scope)).toMatchObject({ respondents: 1 });
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
