import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { hiddenFigure, type Figure, type PublishedFigures } from '../../../src/domain/figures';
import { DIMENSIONS } from '../../../src/domain/instrument';
import { resultSnapshotSchema } from '../../../src/domain/model/result-snapshot';
import { entityCodec } from '../../../src/storage/entity-codec';
import { snapshotKeys } from '../../../src/storage/keys/snapshot-keys';
import { ConcurrencyError } from '../../../src/storage/storage-errors';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative, aPulse } from '../../support/fixtures';
import { countRequests } from '../../support/request-counter';
import { testStorage } from '../../support/test-storage';
import type { PulseScope } from '../../../src/domain/model/pulse';

jest.setTimeout(30_000);

let storage: Storage;
let collaborativeId: string;
let scope: PulseScope;
beforeAll(async () => {
  storage = await testStorage();
  collaborativeId = (await storage.collaboratives.create(aCollaborative())).value.id;
  scope = { collaborativeId, pulseId: (await storage.pulses.create(aPulse(collaborativeId))).value.id };
});

describe('delivery repository (Azurite)', () => {
  it('adds a pending delivery per recipient in batches, and a re-run never resets one already sent', async () => {
    const recipients = Array.from({ length: 240 }, () => randomUUID());
    const counter = countRequests(storage.clients.deliveries);
    expect(await storage.deliveries.ensurePending(scope, recipients)).toHaveLength(240);
    expect(counter.batches).toBe(3);

    await storage.deliveries.modify(scope, recipients[0]!, (d) => ({
      ...d,
      status: 'sent',
      statusCode: 201,
      attempts: 1,
      activityId: '1:activity',
      updatedAt: '2024-04-16T09:00:05.000Z',
    }));
    const more = [...recipients, randomUUID()];
    expect(await storage.deliveries.ensurePending(scope, more)).toEqual([more[240]!.toLowerCase()]);

    expect((await storage.deliveries.get(scope, recipients[0]!)).value).toMatchObject({ status: 'sent', activityId: '1:activity' });
    expect(await storage.deliveries.countByStatus(scope)).toEqual({ pending: 240, sending: 0, sent: 1, blocked: 0, not_found: 0, failed: 0 });
  });

  it('for a fan-out, writes a small first batch and hears of it before any other batch is written, then the rest', async () => {
    const pulse = { collaborativeId, pulseId: (await storage.pulses.create(aPulse(collaborativeId))).value.id };
    const recipients = Array.from({ length: 240 }, () => randomUUID().toLowerCase());
    const counter = countRequests(storage.clients.deliveries);
    const heard: { size: number; batchesWritten: number }[] = [];
    const told = new Map<string, string>();
    const added = await storage.deliveries.addPending(pulse, recipients, {
      onAdded: async (etags) => {
        heard.push({ size: etags.size, batchesWritten: counter.batches });
        for (const [id, etag] of etags) told.set(id, etag);
      },
    });
    // The first 10 cards can be queued while nothing else holds the table service up.
    expect(heard[0]).toEqual({ size: 10, batchesWritten: 1 });
    // The other 230 in batches of at most 50.
    expect(heard.slice(1).map((h) => h.size)).toEqual([46, 46, 46, 46, 46]);
    expect(counter.batches).toBe(6);
    expect(told).toEqual(added);
    expect(new Set(told.keys())).toEqual(new Set(recipients));
  });

  it('of two workers recording the same send attempt, one wins and the other must reload', async () => {
    const [recipient] = await storage.deliveries.ensurePending(scope, [randomUUID()]);
    const read = await storage.deliveries.get(scope, recipient!);
    const results = await Promise.allSettled([
      storage.deliveries.update(read, { ...read.value, status: 'sent', attempts: 1 }),
      storage.deliveries.update(read, { ...read.value, status: 'blocked', statusCode: 403, attempts: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect((await storage.deliveries.get(scope, recipient!)).value.attempts).toBe(1);
  });
});

describe('snapshot repository (Azurite)', () => {
  const shown = (mean: number, n: number): Figure => ({ mean, n, ci95: [mean - 0.1, mean + 0.1], band: 'moderate', suppressed: false });
  const perDimension = (f: () => Figure) => Object.fromEntries(DIMENSIONS.map((d) => [d, f()])) as PublishedFigures['dimensions'];
  const figures = (n: number, ties: PublishedFigures['ties'] = []): PublishedFigures => ({
    k: 5,
    minItems: 4,
    respondents: n,
    overall: shown(3.9, n),
    overallBetween: hiddenFigure(),
    dimensions: perDimension(() => shown(3.8, n)),
    indices: { communication: shown(3.7, n), relationship: hiddenFigure() },
    ties,
    workgroups: [{ workgroup: 'mbu', respondents: n, outgoing: shown(3.6, n), incoming: hiddenFigure() }],
    alpha: { value: 0.84, rows: n * 2 },
    workgroupNames: { mbu: 'Mother and baby unit' },
  });

  it('returns the latest publication and keeps the earlier ones', async () => {
    expect(await storage.snapshots.latest(scope)).toBeUndefined();
    await storage.snapshots.publish({ ...scope, respondents: 5, figures: figures(5), publishedAt: '2024-04-17T10:00:00.000Z' });
    await storage.snapshots.publish({ ...scope, respondents: 12, figures: figures(12), publishedAt: '2024-04-19T10:00:00.000Z' });

    expect((await storage.snapshots.latest(scope))?.respondents).toBe(12);
    expect((await storage.snapshots.list(scope)).map((s) => s.respondents)).toEqual([12, 5]);
  });

  it('refuses a second publication at the same count, so two instances cannot both publish', async () => {
    await expect(
      storage.snapshots.publish({ ...scope, respondents: 12, figures: figures(99), publishedAt: '2024-04-19T10:00:01.000Z' }),
    ).rejects.toMatchObject({ code: 'already_exists' });
    expect((await storage.snapshots.latest(scope))?.figures).toEqual(figures(12));
    const published = (await storage.snapshots.latest(scope))!;
    await expect(
      storage.snapshots.update({ value: published, etag: '*' }, { ...published, figures: figures(1) }),
    ).rejects.toMatchObject({ code: 'illegal_state' });
    expect((await storage.snapshots.latest(scope))?.figures).toEqual(figures(12));
  });

  it('refuses figures that are not a score report, so nothing half-formed is ever published', async () => {
    const other = { ...scope, pulseId: 'not-a-report' };
    const notReport = { k: 5, respondents: 7, overall: { mean: 3.9, n: 7, suppressed: false } } as unknown as PublishedFigures;
    await expect(storage.snapshots.publish({ ...other, respondents: 7, figures: notReport, publishedAt: '2024-04-19T10:00:00.000Z' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await storage.snapshots.latest(other)).toBeUndefined();
  });

  it('stores figures larger than one table property (split and joined again)', async () => {
    const other = { ...scope, pulseId: 'big-figures' };
    const ties = Array.from({ length: 400 }, (_, i) => ({ from: `g${i}`, to: 'Mother and baby unit ☕', ...shown(i / 7, 9), dimensions: perDimension(() => shown(3, 9)) }));
    const big = figures(40, ties);
    expect(JSON.stringify(big).length).toBeGreaterThan(60_000);
    await storage.snapshots.publish({ ...other, respondents: 40, figures: big, publishedAt: '2024-04-19T10:00:00.000Z' });
    expect((await storage.snapshots.latest(other))?.figures).toEqual(big);
  });

  it('reads a publication written before figures had a schema of their own, as the same figures', async () => {
    // Written exactly as the earlier version wrote it: figures as free JSON, without workgroup names.
    const older = resultSnapshotSchema.extend({ figures: z.record(z.string(), z.unknown()) });
    const codec = entityCodec('result snapshot', older, ['figures']);
    const other = { ...scope, pulseId: 'written-before' };
    const { workgroupNames: _names, ...report } = figures(8);
    const row = { ...other, respondents: 8, figures: { ...report }, publishedAt: '2024-04-19T10:00:00.000Z' };
    await storage.clients.snapshots.createEntity(codec.toEntity(snapshotKeys(other, 8), row));
    const read = await storage.snapshots.latest(other);
    expect(read).toEqual({ ...row, figures: { ...report, workgroupNames: {} } });
  });
});

describe('audit repository (Azurite)', () => {
  it('lists entries newest first, up to a limit', async () => {
    const at = (minute: number) => `2024-04-16T09:${String(minute).padStart(2, '0')}:00.000Z`;
    for (const minute of [1, 3, 2]) {
      await storage.audit.record({ collaborativeId, at: at(minute), actorId: 'cli', action: 'pulse.opened', subject: `p${minute}` });
    }
    await storage.audit.record({ collaborativeId, at: at(3), actorId: 'cli', action: 'pulse.closed', subject: 'p3' });

    const entries = await storage.audit.list(collaborativeId, 3);
    expect(entries.map((e) => e.at)).toEqual([at(3), at(3), at(2)]);
    await expect(storage.audit.record({ collaborativeId, at: at(4), actorId: 'cli', action: 'Opened pulse' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
