import { closeTransition, registerTransitionJobs, transitionCheckView, transitionsSummary, type StartTransitionResult } from '../../../src/app/transitions';
import { JobKindRegistry } from '../../../src/delivery/job-kinds';
import { JobWorker } from '../../../src/delivery/job-worker';
import { FAMILIES_WORKGROUP_ID, type FamilySharing } from '../../../src/domain/model/family';
import type { Member } from '../../../src/domain/model/member';
import { targetRatings } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { aTransitionWorld, familyAnswers, scopeOfCheck, startCheck, type TransitionWorld } from './transitions-kit';

jest.setTimeout(60_000);

/** A member of staff's answers through the submission path (the card flow is tested elsewhere). */
async function staffSubmits(world: TransitionWorld, started: StartTransitionResult, member: Member, score: number): Promise<void> {
  const scope = scopeOfCheck(started);
  const role = started.check.staff.find((s) => s.aadObjectId === member.aadObjectId)!.workgroupId;
  const others = [...new Set(started.check.staff.map((s) => s.workgroupId))].filter((w) => w !== role);
  await world.storage.submissions.submit(
    { ...scope, respondentKey: world.storage.respondentKey(scope, member.aadObjectId!) },
    { ...scope, respondentWorkgroupId: role, ratings: Object.fromEntries(others.map((o) => [o, targetRatings(score)])), day: '2026-03-03' },
  );
}

/** A check in which the three staff answer `score` and each family link answers as given; closed by the facilitator. */
async function closedCheck(world: TransitionWorld, type: string, score: number, families: [FamilySharing, number][] = [], reference = 'Ward 3 transfer 7') {
  const started = await startCheck(world, world.people.slice(0, 3), { type, reference, familyLinks: families.length });
  for (const m of world.people.slice(0, 3)) await staffSubmits(world, started, m, score);
  for (const [i, [sharing, s]] of families.entries()) await familyAnswers(world, scopeOfCheck(started), started.familyLinks[i]!, sharing, s);
  if ((await world.storage.transitions.get(started.check.collaborativeId, started.check.id)).value.status === 'open') await closeTransition(world.tdeps, world.facilitator, scopeOfCheck(started));
  return started;
}

describe('retention of family answers', () => {
  it('deletes a check’s family answers, their ledger rows and its links after the period, and keeps the rest', async () => {
    const storage = await testStorage();
    const world = await aTransitionWorld(storage, { people: 3 });
    const kinds = new JobKindRegistry();
    registerTransitionJobs(kinds, world.tdeps);
    const worker = new JobWorker({ jobs: storage.jobs, kinds, clock: () => world.clock.now, log: world.log, pollMs: 1000, leaseMs: 60_000 });
    const started = await closedCheck(world, 'discharge', 4, [['shared_with_team', 5]]);
    const scope = scopeOfCheck(started);
    const before = (await transitionCheckView(world.tdeps, scope)).published!.publication;
    const familyRows = async () => (await storage.responses.list(scope)).filter((r) => r.respondentWorkgroupId === FAMILIES_WORKGROUP_ID).length;
    expect(await familyRows()).toBe(1);
    expect(await storage.familyLinks.listForPulse(scope)).toHaveLength(1);

    // Eleven months on (default period 12 months): the daily look deletes nothing.
    world.clock.now = new Date('2027-02-01T09:00:00.000Z');
    await worker.tick();
    expect(await familyRows()).toBe(1);
    expect((await storage.jobs.find(scope, 'transition-retention'))?.value).toMatchObject({ state: 'due', dueAt: '2027-02-02T09:00:00.000Z' });
    // A day after twelve months: deleted.
    world.clock.now = new Date(Date.parse(started.check.openedAt) + 366 * 86_400_000);
    await worker.tick();
    expect(await familyRows()).toBe(0);
    expect(await storage.familyLinks.listForPulse(scope)).toEqual([]);
    expect(await storage.submissions.countFinished(scope)).toBe(3);
    expect((await storage.responses.list(scope)).length).toBe(3);
    const after = await storage.transitions.get(scope.collaborativeId, scope.pulseId);
    expect(after.value.familyDeletedAt).toBeDefined();
    expect(after.value.publication).toEqual(before);
    expect((await storage.jobs.find(scope, 'transition-retention'))?.value.state).toBe('done');
  });

  it('follows the collaborative’s setting: a shorter period deletes sooner', async () => {
    const storage = await testStorage();
    const world = await aTransitionWorld(storage, { people: 3 });
    await storage.collaboratives.modify(world.collaborative.id, (c) => ({ ...c, familyRetentionMonths: 1 }));
    const started = await closedCheck(world, 'admission', 4, [['overall_only', 3]]);
    const { purgeFamilyAnswersIfDue } = await import('../../../src/app/transitions');
    world.clock.now = new Date(Date.parse(started.check.openedAt) + 20 * 86_400_000);
    expect((await purgeFamilyAnswersIfDue(world.tdeps, scopeOfCheck(started))).kind).toBe('later');
    world.clock.now = new Date(Date.parse(started.check.openedAt) + 32 * 86_400_000);
    expect(await purgeFamilyAnswersIfDue(world.tdeps, scopeOfCheck(started))).toMatchObject({ kind: 'deleted', answers: 1, links: 1, ledger: 1 });
  });
});

describe('the transitions summary', () => {
  it('counts checks, their team RC over time and the weak share by type, and names no reference', async () => {
    const storage = await testStorage();
    const world = await aTransitionWorld(storage, { people: 3 });
    await closedCheck(world, 'admission', 2, [], 'MBU admission 14');
    await closedCheck(world, 'admission', 5, [], 'MBU admission 15');
    await startCheck(world, world.people.slice(0, 3), { type: 'discharge', reference: 'Discharge Leeds 2', familyLinks: 0 });
    const summary = await transitionsSummary(world.tdeps, world.collaborative.id);
    expect(summary).toMatchObject({ k: 3, total: 3, open: 1, closed: 2 });
    expect(summary.byType.find((t) => t.type === 'admission')).toEqual({ type: 'admission', checks: 2, open: 0, closed: 2, withTeamRc: 2, weak: 1, weakShare: 0.5 });
    expect(summary.overTime.map((p) => p.teamRc?.mean)).toEqual([2, 5]);
    const text = JSON.stringify(summary);
    for (const reference of ['MBU admission 14', 'MBU admission 15', 'Discharge Leeds 2']) expect(text).not.toContain(reference);
    expect(text).not.toMatch(/t-[0-9a-f]{16}/);
  });

  it('shows the families’ view of a finished month only over k, and never so that an overall_only answer could be subtracted', async () => {
    const storage = await testStorage();
    const world = await aTransitionWorld(storage, { people: 3 });
    const summaryWith = async (overallOnlyScore: number) => {
      const s = await testStorage();
      const w = await aTransitionWorld(s, { people: 3 });
      // Two families share with the team (each check shows its own, with n), one counts only overall.
      await closedCheck(w, 'admission', 4, [['shared_with_team', 4], ['shared_with_team', 2]]);
      await closedCheck(w, 'transfer', 4, [['overall_only', overallOnlyScore]]);
      w.clock.now = new Date('2026-04-02T09:00:00.000Z');
      return transitionsSummary(w.tdeps, w.collaborative.id);
    };
    const [low, high] = [await summaryWith(1), await summaryWith(5)];
    // Three family answers (k) but one overall_only: shown, it and the checks' shared views would give it back.
    expect(low.familyByMonth).toEqual([{ month: '2026-03', figure: null }]);
    expect({ ...high, overTime: [] }).toEqual({ ...low, overTime: [] });

    // Three overall_only answers: an aggregate of k, so the month may show them.
    await closedCheck(world, 'admission', 4, [['overall_only', 4], ['overall_only', 2], ['overall_only', 3]]);
    const sameMonth = await transitionsSummary(world.tdeps, world.collaborative.id);
    expect(sameMonth.familyByMonth).toEqual([]); // the month is not over: nothing yet
    world.clock.now = new Date('2026-04-02T09:00:00.000Z');
    const later = await transitionsSummary(world.tdeps, world.collaborative.id);
    expect(later.familyByMonth).toEqual([{ month: '2026-03', figure: expect.objectContaining({ mean: 3, n: 3 }) }]);
  });
});
