import { StorageError } from '../../../src/storage/storage-errors';
import type { Storage } from '../../../src/storage/storage';
import { azuriteConnectionString } from '../../support/azurite';
import { FaultProxy } from '../../support/fault-proxy';
import { aCollaborative, aMember, aPulse, aResponse, markerOf } from '../../support/fixtures';
import { testStorage, uniquePrefix } from '../../support/test-storage';
import type { PulseScope } from '../../../src/domain/model/pulse';

jest.setTimeout(30_000);

const TRY_TIMEOUT = 300;
let proxy: FaultProxy;
/** Storage reached through the fault proxy. */
let faulty: Storage;
/** The same tables, reached directly: what is really stored. */
let direct: Storage;
let collaborativeId: string;

beforeAll(async () => {
  proxy = await FaultProxy.start(Number(process.env.AZURITE_TABLE_PORT));
  const prefix = uniquePrefix();
  direct = await testStorage({ prefix });
  faulty = await testStorage({
    prefix,
    connectionString: azuriteConnectionString(proxy.port, Number(process.env.AZURITE_QUEUE_PORT)),
    client: { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 20, tryTimeoutInMs: TRY_TIMEOUT },
  });
  collaborativeId = (await direct.collaboratives.create(aCollaborative())).value.id;
});
afterAll(() => proxy.close());
beforeEach(() => proxy.reset());

async function newPulse(): Promise<PulseScope> {
  const pulse = await direct.pulses.create(aPulse(collaborativeId, { status: 'open' }));
  return { collaborativeId, pulseId: pulse.value.id };
}

function refFor(scope: PulseScope, i: number) {
  return { ...scope, respondentKey: direct.respondentKey(scope, aMember(collaborativeId, i).aadObjectId) };
}

describe('transient storage faults are retried by the SDK policy', () => {
  it.each(['status503', 'status500'] as const)('a write that meets %s twice is retried and stored once', async (fault) => {
    proxy.inject(fault, { fail: 2 });
    const created = await faulty.collaboratives.create(aCollaborative());

    expect(proxy.faulted).toBe(2);
    expect(proxy.seen).toHaveLength(3);
    expect((await direct.collaboratives.get(created.value.id)).value).toEqual(created.value);
  });

  it('a create whose answer is lost is retried by the SDK and reported as done, not as a conflict', async () => {
    proxy.inject('drop-response', { fail: 1 });
    const created = await faulty.collaboratives.create(aCollaborative());

    expect(proxy.seen.filter((s) => s.method === 'POST')).toHaveLength(2);
    expect((await direct.collaboratives.get(created.value.id)).value).toEqual(created.value);
  });

  it('a read that stalls past the attempt timeout is retried and succeeds', async () => {
    proxy.inject('stall', { fail: 1 });
    const started = Date.now();
    const read = await faulty.collaboratives.get(collaborativeId);
    expect(read.value.id).toBe(collaborativeId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TRY_TIMEOUT - 20);
    expect(proxy.seen).toHaveLength(2);
  });

  it('a batch whose answer is lost after it was applied is not applied twice', async () => {
    const scope = await newPulse();
    const ref = refFor(scope, 1);
    await direct.submissions.saveProgress({ ...ref, step: 2 });
    // Three reads (ledger, draft, intake) pass; the submit transaction reaches storage but its answer is dropped.
    proxy.inject('drop-response', { pass: 3, fail: 1 });
    await faulty.submissions.submit(ref, aResponse(scope, 7));

    expect(proxy.faulted).toBe(1);
    // The SDK sent the transaction again; that attempt lost to the first, which had committed.
    expect(proxy.seen.filter((s) => s.method === 'POST')).toHaveLength(2);
    expect((await direct.submissions.listPending(scope)).map((p) => markerOf(p.value))).toEqual([7]);
    expect((await direct.submissions.findLedgerEntry(ref))?.value.status).toBe('finished');
    expect(await direct.submissions.findDraft(ref)).toBeUndefined();
  });
});

describe('persistent faults surface as one typed error, with nothing half-written', () => {
  it('a batch of workgroups fails as StorageError (unavailable) and none of them is stored', async () => {
    const other = (await direct.collaboratives.create(aCollaborative())).value.id;
    proxy.inject('status503');
    const rows = Array.from({ length: 60 }, (_, i) => ({ collaborativeId: other, id: `wg-${i}`, name: `Workgroup ${i}` }));
    const error = await faulty.workgroups.upsertMany(rows).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'storage_unavailable', status: 503, isOperational: true });
    expect((error as StorageError).userMessage).toMatch(/try again/);
    expect(proxy.seen).toHaveLength(4); // the first try and three retries
    expect(await direct.workgroups.list(other)).toEqual([]);
  });

  it('a stalled submission fails as StorageError and leaves draft, ledger and pending area as they were', async () => {
    const scope = await newPulse();
    const ref = refFor(scope, 2);
    await direct.submissions.saveProgress({ ...ref, step: 4, ratings: { maternity: { timely: 3 } } });
    // Three reads (ledger, draft, intake) pass; the submit transaction stalls.
    proxy.inject('stall', { pass: 3 });
    await expect(faulty.submissions.submit(ref, aResponse(scope, 1))).rejects.toMatchObject({ code: 'storage_unavailable' });

    expect((await direct.submissions.findLedgerEntry(ref))?.value).toMatchObject({ status: 'started', step: 4 });
    expect((await direct.submissions.findDraft(ref))?.value.ratings).toEqual({ maternity: { timely: 3 } });
    expect(await direct.submissions.countPending(scope)).toBe(0);
  });
});

describe('a release that crashes between its steps loses nothing and never double counts', () => {
  // A release of 30 sends: 2 reads (the pending rows, the intake), 1 claim batch, 1 write batch, 1 delete batch.
  it.each([
    [2, 'after reading, before claiming'],
    [3, 'after claiming, before writing the responses'],
    [4, 'after writing the responses, before deleting the pending rows'],
  ])('storage fails for good after %i request(s) (%s); the next release finishes the job', async (pass) => {
    const scope = await newPulse();
    for (let i = 0; i < 30; i++) await direct.submissions.submit(refFor(scope, i), aResponse(scope, i));

    proxy.inject('status503', { pass });
    await expect(faulty.releasePending(scope, { k: 5 })).rejects.toBeInstanceOf(StorageError);
    proxy.reset();

    // Where it stopped: rows claimed from step 1 on, responses written from step 2 on.
    const pending = await direct.submissions.listPending(scope);
    expect(pending).toHaveLength(30);
    expect(pending.filter((p) => p.value.releasedAs !== undefined)).toHaveLength(pass >= 3 ? 30 : 0);
    expect(await direct.responses.count(scope)).toBe(pass === 4 ? 30 : 0);

    const result = await faulty.releasePending(scope, { k: 5 });
    expect(result).toEqual({ released: 30, waiting: 0 });
    expect(await direct.submissions.countPending(scope)).toBe(0);
    expect((await direct.responses.list(scope)).map(markerOf).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i),
    );
  });
});
