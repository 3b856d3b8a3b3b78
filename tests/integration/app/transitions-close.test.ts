import { closeTransition, registerTransitionJobs, transitionCheckView } from '../../../src/app/transitions';
import { ForbiddenError, IllegalStateError } from '../../../src/domain/errors';
import { JobKindRegistry } from '../../../src/delivery/job-kinds';
import { JobWorker } from '../../../src/delivery/job-worker';
import type { Storage } from '../../../src/storage/storage';
import { actorOf } from './app-test-kit';
import { testStorage } from '../../support/test-storage';
import { aTransitionWorld, familyAnswers, scopeOfCheck, staffAnswers, startCheck, type TransitionWorld } from './transitions-kit';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

const closedEntries = async (world: TransitionWorld) => (await storage.audit.list(world.collaborative.id)).filter((e) => e.action === 'transition.closed');

describe('closing a transition check', () => {
  it('closes and publishes as soon as every member of staff and every family link has answered, not before', async () => {
    const world = await aTransitionWorld(storage, { people: 3 });
    const started = await startCheck(world, world.people, { familyLinks: 1 });
    const scope = scopeOfCheck(started);
    for (const m of world.people) await staffAnswers(world, m, '4');
    // Staff all answered, the family has not: still open, progress only.
    const open = await transitionCheckView(world.tdeps, scope);
    expect(open.check.status).toBe('open');
    expect(open.published).toBeNull();
    expect(open.reach).toMatchObject({ invited: 4, answered: 3 });

    await familyAnswers(world, scope, started.familyLinks[0]!, 'shared_with_team', 5);
    const closed = await transitionCheckView(world.tdeps, scope);
    expect(closed.check).toMatchObject({ status: 'closed', closeReason: 'all_answered' });
    expect(closed.published?.publication.teamRc).toMatchObject({ mean: 4, n: 3 });
    expect(closed.published?.publication.familyView).toMatchObject({ mean: 5, n: 1 });
    expect(await closedEntries(world)).toHaveLength(1);
    // The check's own pulse is closed with its intake final: a late answer cannot change the figures.
    expect((await storage.pulses.get(scope.collaborativeId, scope.pulseId)).value).toMatchObject({ status: 'closed' });
    expect(await storage.submissions.intakeState(scope)).toBe('final');
  });

  it('closes at the end of its window from the timed job, once, however many instances look', async () => {
    // Storage of its own: no other check's timed work is due in it.
    const storage = await testStorage();
    const world = await aTransitionWorld(storage, { people: 3 });
    const closedEntries = async () => (await storage.audit.list(world.collaborative.id)).filter((e) => e.action === 'transition.closed');
    const started = await startCheck(world, world.people, { familyLinks: 0, windowDays: 2 });
    const scope = scopeOfCheck(started);
    await staffAnswers(world, world.people[0]!, '3');
    const workers = [1, 2].map(() => {
      const kinds = new JobKindRegistry();
      registerTransitionJobs(kinds, world.tdeps);
      return new JobWorker({ jobs: storage.jobs, kinds, clock: () => world.clock.now, log: world.log, pollMs: 1000, leaseMs: 60_000 });
    });
    // Before the end of the window nothing runs.
    expect(await Promise.all(workers.map((w) => w.tick()))).toEqual([0, 0]);
    expect((await transitionCheckView(world.tdeps, scope)).check.status).toBe('open');

    // A restart in between loses nothing: the job is a row. Two instances look at the same moment.
    world.clock.now = new Date(Date.parse(started.check.closesAt) + 1000);
    const ran = await Promise.all(workers.map((w) => w.tick()));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(1);
    const view = await transitionCheckView(world.tdeps, scope);
    expect(view.check).toMatchObject({ status: 'closed', closeReason: 'window_ended' });
    // One staff answer: below k = 3, so no team RC (and no count beside it).
    expect(view.published?.publication.teamRc).toBeNull();
    expect(view.published?.staffAnswered).toBeNull();
    expect(await closedEntries()).toHaveLength(1);
    expect((await storage.jobs.find(scope, 'transition-close'))?.value.state).toBe('done');
    expect(await Promise.all(workers.map((w) => w.tick()))).toEqual([0, 0]);
  });

  it('closes by command for its starter or a facilitator only, and refuses a second close', async () => {
    const world = await aTransitionWorld(storage, { people: 4 });
    const staff = world.people.slice(0, 3);
    const started = await startTransitionAs(world, staff[0]!.aadObjectId!, staff);
    const scope = scopeOfCheck(started);
    // Someone on the list who neither started it nor facilitates.
    await expect(closeTransition(world.tdeps, actorOf(world.people[3]!), scope)).rejects.toThrow(ForbiddenError);
    await expect(closeTransition(world.tdeps, actorOf(staff[1]!), scope)).rejects.toThrow(ForbiddenError);
    const closed = await closeTransition(world.tdeps, actorOf(staff[0]!), scope);
    expect(closed.check).toMatchObject({ status: 'closed', closeReason: 'closed_by_command' });
    const again = closeTransition(world.tdeps, world.facilitator, scope);
    await expect(again).rejects.toThrow(IllegalStateError);
    await expect(again).rejects.toMatchObject({ code: 'transition_closed' });
    expect(await closedEntries(world)).toHaveLength(1);
  });

  it('refuses an answer that arrives after the close, and the figures stay as published', async () => {
    const world = await aTransitionWorld(storage, { people: 3 });
    const started = await startCheck(world, world.people, { familyLinks: 0 });
    const scope = scopeOfCheck(started);
    const card = world.sender.cardsFor(world.people[2]!.aadObjectId!)[0]!;
    for (const m of world.people.slice(0, 2)) await staffAnswers(world, m, '4');
    const first = await closeTransition(world.tdeps, world.facilitator, scope);
    world.sender.toMembers.push({ aadObjectId: world.people[2]!.aadObjectId!, card });
    const late = await staffAnswers(world, world.people[2]!, '1').catch((e: Error) => e.message);
    expect(late).toMatch(/closed/);
    expect((await transitionCheckView(world.tdeps, scope)).published?.publication).toEqual(first.publication);
    expect(await storage.responses.count(scope)).toBe(2);
  });
});

/** Starts a check as one of its own staff (a clinician on the list). */
async function startTransitionAs(world: TransitionWorld, aadObjectId: string, staff: TransitionWorld['people']) {
  const { startTransition } = await import('../../../src/app/transitions');
  const { aBody } = await import('./transitions-kit');
  return startTransition(world.tdeps, { aadObjectId }, world.collaborative.id, aBody(staff, { familyLinks: 0 }));
}
