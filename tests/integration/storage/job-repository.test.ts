import { randomUUID } from 'node:crypto';
import type { JobInput } from '../../../src/domain/model/job';
import { ConcurrencyError } from '../../../src/storage/storage-errors';
import type { Storage } from '../../../src/storage/storage';
import { testStorage } from '../../support/test-storage';

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

const scope = () => ({ collaborativeId: `c-${randomUUID().slice(0, 8)}`, pulseId: `p-${randomUUID().slice(0, 8)}` });
const check = (s: { collaborativeId: string; pulseId: string }, dueAt: string): JobInput => ({ ...s, name: 'invite-check', kind: 'invite-check', dueAt, state: 'due' });

describe('making timed work due again (Azurite)', () => {
  it('adds a job that does not exist, and brings one due later forward, but never puts one off', async () => {
    const s = scope();
    await storage.jobs.dueBy(check(s, '2026-03-02T09:10:00.000Z'));
    expect((await storage.jobs.find(s, 'invite-check'))!.value).toMatchObject({ state: 'due', dueAt: '2026-03-02T09:10:00.000Z', runs: 0 });

    await storage.jobs.dueBy(check(s, '2026-03-02T09:05:00.000Z'));
    expect((await storage.jobs.find(s, 'invite-check'))!.value.dueAt).toBe('2026-03-02T09:05:00.000Z');

    await storage.jobs.dueBy(check(s, '2026-03-02T09:30:00.000Z'));
    expect((await storage.jobs.find(s, 'invite-check'))!.value.dueAt).toBe('2026-03-02T09:05:00.000Z');
    expect(await storage.jobs.listForPulse(s)).toHaveLength(1);
  });

  it('wakes a job that was done, keeping its run count and a lease still held, so it runs once at a time', async () => {
    const s = scope();
    await storage.jobs.schedule([check(s, '2026-03-02T09:00:00.000Z')]);
    const scheduled = (await storage.jobs.find(s, 'invite-check'))!;
    const running = await storage.jobs.update(scheduled, { ...scheduled.value, runs: 2, leaseUntil: '2026-03-02T09:05:00.000Z' });
    await storage.jobs.update(running, { ...running.value, state: 'done', doneAt: '2026-03-02T09:01:00.000Z' });

    await storage.jobs.dueBy(check(s, '2026-03-02T12:00:00.000Z'));
    const woken = (await storage.jobs.find(s, 'invite-check'))!.value;
    expect(woken).toMatchObject({ state: 'due', dueAt: '2026-03-02T12:00:00.000Z', runs: 2, leaseUntil: '2026-03-02T09:05:00.000Z' });
    expect(woken.doneAt).toBeUndefined();
    expect((await storage.jobs.listDue(new Date('2026-03-02T12:00:00.000Z'), 500)).some((j) => j.value.pulseId === s.pulseId)).toBe(true);

    // The instance that ran it records its result with the version it claimed: that fails, and the wake stands.
    await expect(storage.jobs.update(running, { ...running.value, state: 'done' })).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await storage.jobs.find(s, 'invite-check'))!.value.state).toBe('due');
  });
});
