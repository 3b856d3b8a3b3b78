import { randomBytes, randomUUID } from 'node:crypto';
import { retentionJob, RETENTION_JOB } from '../../../src/app/data-protection/retention-job';
import { updateCollaborativeSettings } from '../../../src/app/setup/update-collaborative-settings';
import { DEFAULT_RETENTION } from '../../../src/domain/model/retention';
import type { Pulse, PulseInput, PulseScope } from '../../../src/domain/model/pulse';
import { scopePartitionKey } from '../../../src/storage/keys/key-rules';
import { aCollaborative, aPulse, targetRatings, WORKGROUPS } from '../../support/fixtures';
import { deliveryHarness, waitFor, type DeliveryHarness } from '../delivery/delivery-kit';

jest.setTimeout(60_000);

/**
 * Retention applied by the nightly job, on the real engine with two instances and a clock
 * set years ahead: what is past its period goes (sending rows and ledger 90 days after a
 * close; a whole pulse 5 years after, a transition check's too), the rest stays,
 * and two instances looking for due work at once apply it once.
 */

let h: DeliveryHarness;
beforeEach(async () => {
  h = await deliveryHarness();
});
afterEach(() => h.stop());

const NOW = '2031-03-04T12:00:00.000Z';
const daysBefore = (days: number) => new Date(Date.parse(NOW) - days * 86_400_000).toISOString();

/** A pulse closed at `closedAt` with everything a pulse leaves: invitations, a reminder round, ledger, answers, figures. */
async function aClosedPulse(collaborativeId: string, closedAt: string, over: Partial<PulseInput> = {}): Promise<Pulse> {
  const pulse = (await h.storage.pulses.create(aPulse(collaborativeId, { status: 'closed', openedAt: daysBefore(4000), closedAt, figuresFinalAt: closedAt, ...over }))).value;
  const scope: PulseScope = { collaborativeId, pulseId: pulse.id };
  const people = [randomUUID(), randomUUID()];
  await h.storage.deliveries.ensurePending(scope, people);
  await h.storage.reminders.addPending(scope, 'remind-day3', people.map((p) => h.storage.respondentKey(scope, p)));
  for (const p of people) await h.storage.submissions.saveProgress({ ...scope, respondentKey: h.storage.respondentKey(scope, p), step: 1 });
  const ratings = Object.fromEntries(WORKGROUPS.map((w) => [w, targetRatings(4)]));
  await h.storage.responses.writeReleased(
    [0, 1].map(() => ({ releasedAs: randomBytes(16).toString('hex'), response: { ...scope, respondentWorkgroupId: WORKGROUPS[0], ratings, day: closedAt.slice(0, 10) } })),
  );
  // A published figure's row and the rates kept beside it (their content does not matter here).
  await h.storage.clients.snapshots.createEntity({ partitionKey: scopePartitionKey(scope), rowKey: '999999998', figures: '{}' });
  await h.storage.clients.snapshots.createEntity({ partitionKey: `${scopePartitionKey(scope)}:rates`, rowKey: '000000001', rates: '{}' });
  return pulse;
}

/** What is left of a pulse, table by table. */
async function left(pulse: Pulse) {
  const scope = { collaborativeId: pulse.collaborativeId, pulseId: pulse.id };
  const pk = scopePartitionKey(scope);
  const count = async (role: 'deliveries' | 'snapshots', partition: string) => {
    let n = 0;
    for await (const _ of h.storage.clients[role].listEntities({ queryOptions: { filter: `PartitionKey eq '${partition}'` } })) n++;
    return n;
  };
  return {
    pulse: (await h.storage.pulses.find(pulse.collaborativeId, pulse.id)) !== undefined,
    invitations: await count('deliveries', pk),
    reminders: await count('deliveries', `${pk}:remind-day3`),
    ledger: (await h.storage.submissions.listLedger(scope)).length,
    responses: await h.storage.responses.count(scope),
    figures: (await count('snapshots', pk)) + (await count('snapshots', `${pk}:rates`)),
  };
}

const ALL = { pulse: true, invitations: 2, reminders: 2, ledger: 2, responses: 2, figures: 2 };
const NOTHING = { pulse: false, invitations: 0, reminders: 0, ledger: 0, responses: 0, figures: 0 };

describe('the retention job', () => {
  it('deletes what is past retention, keeps the rest, and runs once across two instances', async () => {
    h.clock.set(NOW);
    // The instances start first: their start-up upkeep finds nothing, so the job runs only when made due below.
    const engines = [await h.engine({}, 'one'), await h.engine({}, 'two')];
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const c = (await h.storage.collaboratives.create(aCollaborative())).value;
    expect(c.retention).toEqual({ sendingDays: 90, responsesMonths: 60, transitionMonths: 12 });
    const recent = await aClosedPulse(c.id, daysBefore(89));
    const pastSending = await aClosedPulse(c.id, daysBefore(91));
    const fourYears = await aClosedPulse(c.id, '2027-03-05T12:00:00.000Z');
    const fiveYears = await aClosedPulse(c.id, '2026-03-04T11:59:00.000Z');
    const transitionRecent = await aClosedPulse(c.id, daysBefore(300), { kind: 'transition', reference: 'MBU-adm-17' });
    const transitionOld = await aClosedPulse(c.id, '2030-03-04T12:00:00.000Z', { kind: 'transition', reference: 'MBU-adm-02' });
    const draft = (await h.storage.pulses.create(aPulse(c.id))).value;
    // Another collaborative whose pulse is as old: its own retention, its own job.
    const other = (await h.storage.collaboratives.create(aCollaborative({ retention: { ...DEFAULT_RETENTION, responsesMonths: 120 } }))).value;
    const otherOld = await aClosedPulse(other.id, '2026-03-04T11:59:00.000Z');

    await h.storage.jobs.dueBy(retentionJob(c.id, new Date(NOW)));
    await h.storage.jobs.dueBy(retentionJob(other.id, new Date(NOW)));
    await Promise.all(engines.map((e) => e.runDueJobs()));
    await Promise.all(engines.map((e) => e.runDueJobs()));
    const job = async () => (await h.storage.jobs.find({ collaborativeId: c.id }, RETENTION_JOB))!.value;
    await waitFor('the run to finish', async () => (await job()).dueAt === '2031-03-05T03:00:00.000Z');

    expect(await left(recent)).toEqual(ALL);
    expect(await left(pastSending)).toEqual({ ...ALL, invitations: 0, reminders: 0, ledger: 0 });
    expect(await left(fourYears)).toEqual({ ...ALL, invitations: 0, reminders: 0, ledger: 0 });
    expect(await left(fiveYears)).toEqual(NOTHING);
    expect(await left(transitionRecent)).toEqual({ ...ALL, invitations: 0, reminders: 0, ledger: 0 });
    // A year on, a transition check's staff answers are kept like any pulse's (five years); only
    // its family answers and links go at 12 months, by the check's own job (transitions-retention-summary.test.ts).
    expect(await left(transitionOld)).toEqual({ ...ALL, invitations: 0, reminders: 0, ledger: 0 });
    expect((await h.storage.pulses.find(c.id, draft.id))?.value.status).toBe('draft');
    expect(await left(otherOld)).toEqual({ ...ALL, invitations: 0, reminders: 0, ledger: 0 });

    // Once: one entry per pulse it deleted from, one claim of the job, next due at 03:00 UK time.
    const applied = (await h.storage.audit.list(c.id)).filter((e) => e.action === 'retention.applied');
    expect(applied.map((e) => e.subject).sort()).toEqual([pastSending.id, fourYears.id, fiveYears.id, transitionRecent.id, transitionOld.id].sort());
    expect(applied.find((e) => e.subject === fiveYears.id)).toMatchObject({ actorId: 'system', details: { deleted: 'pulse', responses: 2, snapshots: 2, deliveries: 4 } });
    expect(await job()).toMatchObject({ state: 'due', runs: 1, dueAt: '2031-03-05T03:00:00.000Z' });

    // The next night there is nothing more to delete, and nothing more is recorded.
    h.clock.set('2031-03-05T03:00:00.000Z');
    await Promise.all(engines.map((e) => e.runDueJobs()));
    expect((await h.storage.audit.list(c.id)).filter((e) => e.action === 'retention.applied')).toHaveLength(5);
    expect(await left(recent)).toEqual(ALL);
  });

  it('follows the settings a facilitator changed, period by period, within bounds', async () => {
    h.clock.set(NOW);
    const c = (await h.storage.collaboratives.create(aCollaborative())).value;
    const deps = { storage: h.storage, clock: () => new Date(NOW), actor: { id: 'cli' } };
    const changed = await updateCollaborativeSettings(deps, { collaborativeId: c.id, retention: { sendingDays: 30 } });
    expect(changed.collaborative.value.retention).toEqual({ sendingDays: 30, responsesMonths: 60, transitionMonths: 12 });
    expect((await h.storage.audit.list(c.id))[0]).toMatchObject({ action: 'collaborative.settings_changed', details: { retention: { from: DEFAULT_RETENTION, to: { ...DEFAULT_RETENTION, sendingDays: 30 } } } });
    await expect(updateCollaborativeSettings(deps, { collaborativeId: c.id, retention: { responsesMonths: 6 } })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(updateCollaborativeSettings(deps, { collaborativeId: c.id, retention: { sendingDays: 10_000 } })).rejects.toMatchObject({ code: 'invalid_input' });

    const pulse = await aClosedPulse(c.id, daysBefore(31));
    const engine = await h.engine();
    await h.storage.jobs.dueBy(retentionJob(c.id, new Date(NOW)));
    await engine.runDueJobs();
    // The engine's own start-up look for due work may be the one that runs it: wait for either.
    await waitFor('the sending rows to go', async () => (await left(pulse)).invitations === 0);
    expect(await left(pulse)).toEqual({ ...ALL, invitations: 0, reminders: 0, ledger: 0 });
  });
});
