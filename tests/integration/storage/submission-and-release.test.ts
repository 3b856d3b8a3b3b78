import { createHmac } from 'node:crypto';
import { AlreadySubmittedError } from '../../../src/domain/model/ledger-entry';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative, aMember, aPulse, aResponse, markerOf, targetRatings } from '../../support/fixtures';
import { TEST_HMAC_KEY, testStorage } from '../../support/test-storage';
import type { PulseScope } from '../../../src/domain/model/pulse';

jest.setTimeout(30_000);

let storage: Storage;
let collaborativeId: string;
beforeAll(async () => {
  storage = await testStorage();
  collaborativeId = (await storage.collaboratives.create(aCollaborative())).value.id;
});

async function newPulse(): Promise<PulseScope> {
  const pulse = await storage.pulses.create(aPulse(collaborativeId, { status: 'open' }));
  return { collaborativeId, pulseId: pulse.value.id };
}

/** n people submit, each with a distinct marker in their answers; returns their respondent keys. */
async function submitMany(scope: PulseScope, n: number, firstMarker = 0): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = storage.respondentKey(scope, aMember(collaborativeId, i).aadObjectId);
    await storage.submissions.submit({ ...scope, respondentKey: key }, aResponse(scope, firstMarker + i));
    keys.push(key);
  }
  return keys;
}

describe('ledger and drafts (Azurite)', () => {
  it('keys a person’s ledger entry and draft by an HMAC of their Entra id, never the id itself', async () => {
    const scope = await newPulse();
    const member = aMember(collaborativeId, 1);
    const respondentKey = storage.respondentKey(scope, member.aadObjectId);
    const expected = createHmac('sha256', TEST_HMAC_KEY)
      .update(`${scope.collaborativeId}\n${scope.pulseId}\n${member.aadObjectId.toLowerCase()}`)
      .digest('hex');
    expect(respondentKey).toBe(expected);

    await storage.submissions.saveProgress({ ...scope, respondentKey, step: 2, respondentWorkgroupId: 'maternity' });
    const raw = [];
    for await (const row of storage.clients.submissions.listEntities()) raw.push(row);
    const mine = raw.filter((r) => r.partitionKey === `${scope.collaborativeId}:${scope.pulseId}`);
    expect(mine.map((r) => r.rowKey).sort()).toEqual([`D:${respondentKey}`, `L:${respondentKey}`]);
    const text = JSON.stringify(mine);
    for (const identity of [member.aadObjectId, member.upn, member.displayName, member.teamsUserId!]) {
      expect(text).not.toContain(identity);
    }
    // The same person in another pulse has another key: ledgers cannot be joined across pulses.
    expect(storage.respondentKey({ ...scope, pulseId: 'another' }, member.aadObjectId)).not.toBe(respondentKey);
  });

  it('saves progress with the draft’s ETag: two devices saving at once give one success and one conflict', async () => {
    const scope = await newPulse();
    const ref = { ...scope, respondentKey: storage.respondentKey(scope, aMember(collaborativeId, 1).aadObjectId) };
    const first = await storage.submissions.saveProgress({ ...ref, step: 1 });
    const results = await Promise.allSettled([
      storage.submissions.saveProgress({ ...ref, step: 2, ratings: { maternity: { timely: 4 } } }, first),
      storage.submissions.saveProgress({ ...ref, step: 2, ratings: { maternity: { timely: 2 } } }, first),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
      code: 'concurrent_update',
    });
    const ledger = await storage.submissions.findLedgerEntry(ref);
    expect(ledger?.value).toMatchObject({ status: 'started', step: 2 });
  });

  it('submitting finishes the ledger, deletes the draft and adds one pending response, all at once', async () => {
    const scope = await newPulse();
    const ref = { ...scope, respondentKey: storage.respondentKey(scope, aMember(collaborativeId, 1).aadObjectId) };
    await storage.submissions.saveProgress({ ...ref, step: 3, ratings: { maternity: { timely: 4 } } });
    await storage.submissions.submit(ref, aResponse(scope, 7));

    expect(await storage.submissions.findDraft(ref)).toBeUndefined();
    expect((await storage.submissions.findLedgerEntry(ref))?.value).toMatchObject({ status: 'finished', step: 3 });
    const pending = await storage.submissions.listPending(scope);
    expect(pending.map((p) => markerOf(p.value))).toEqual([7]);
    expect(pending[0]!.keys.rowKey).toMatch(/^P:[0-9a-f]{32}$/);
    // The waiting row holds the answers and nothing about the person.
    const raw = await storage.clients.submissions.getEntity(pending[0]!.keys.partitionKey, pending[0]!.keys.rowKey);
    expect(Object.keys(raw).filter((k) => !/^(etag|timestamp|partitionKey|rowKey|odata\..*)$/.test(k)).sort()).toEqual(
      ['collaborativeId', 'day', 'pulseId', 'ratings', 'respondentWorkgroupId'],
    );
    expect(JSON.stringify(raw)).not.toContain(ref.respondentKey);
  });

  it('refuses a second submission, and of two submitted at once exactly one counts', async () => {
    const scope = await newPulse();
    const ref = { ...scope, respondentKey: storage.respondentKey(scope, aMember(collaborativeId, 1).aadObjectId) };
    const results = await Promise.allSettled([
      storage.submissions.submit(ref, aResponse(scope, 1)),
      storage.submissions.submit(ref, aResponse(scope, 2)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
      AlreadySubmittedError,
    );
    await expect(storage.submissions.submit(ref, aResponse(scope, 3))).rejects.toMatchObject({
      code: 'already_submitted',
      status: 409,
    });
    await expect(storage.submissions.saveProgress({ ...ref, step: 1 })).rejects.toBeInstanceOf(AlreadySubmittedError);
    expect(await storage.submissions.countPending(scope)).toBe(1);
  });

  it('refuses answers that break the model (a score of 6) and stores nothing', async () => {
    const scope = await newPulse();
    const ref = { ...scope, respondentKey: storage.respondentKey(scope, aMember(collaborativeId, 1).aadObjectId) };
    const bad = aResponse(scope, 1);
    bad.ratings.maternity = { ...targetRatings(4), timely: 6 };
    await expect(storage.submissions.submit(ref, bad)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await storage.submissions.findLedgerEntry(ref)).toBeUndefined();
    expect(await storage.submissions.countPending(scope)).toBe(0);
  });
});

describe('the intake: answers stop at the close (Azurite)', () => {
  const refOf = (scope: PulseScope, i: number) => ({ ...scope, respondentKey: storage.respondentKey(scope, aMember(collaborativeId, i).aadObjectId) });

  it('lets everyone submitting at the same moment in: the intake row makes them take turns, never turns one away', async () => {
    const scope = await newPulse();
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => storage.submissions.submit(refOf(scope, i), aResponse(scope, i))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await storage.submissions.countPending(scope)).toBe(12);
    expect(await storage.submissions.countFinished(scope)).toBe(12);
    expect(await storage.submissions.intakeState(scope)).toBe('open');
  });

  it('refuses every submit whole once the close has sealed the intake: no ledger change, no pending row, the draft kept', async () => {
    const scope = await newPulse();
    const ref = refOf(scope, 1);
    await storage.submissions.saveProgress({ ...ref, step: 3, ratings: { maternity: targetRatings(4) } });
    await storage.submissions.advanceIntake(scope, 'sealed', '2024-04-30T17:00:00.000Z');
    await expect(storage.submissions.submit(ref, aResponse(scope, 1))).rejects.toMatchObject({
      code: 'pulse_closed',
      userMessage: "This pulse has closed, so your answers can't be added. Thank you for your time.",
    });
    expect((await storage.submissions.findLedgerEntry(ref))?.value).toMatchObject({ status: 'started', step: 3 });
    expect((await storage.submissions.findDraft(ref))?.value.ratings).toEqual({ maternity: targetRatings(4) });
    expect(await storage.submissions.countPending(scope)).toBe(0);
  });

  it('a submit racing the seal either gets in before it (waiting for the close to release it) or is refused: never half', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const scope = await newPulse();
        const ref = refOf(scope, i);
        const [submitted] = await Promise.allSettled([
          storage.submissions.submit(ref, aResponse(scope, i)),
          storage.submissions.advanceIntake(scope, 'sealed', '2024-04-30T17:00:00.000Z'),
        ]);
        const pending = await storage.submissions.countPending(scope);
        const finished = (await storage.submissions.findLedgerEntry(ref))?.value.status === 'finished';
        if (submitted.status === 'fulfilled') expect([pending, finished]).toEqual([1, true]);
        else expect([submitted.reason.code, pending, finished]).toEqual(['pulse_closed', 0, false]);
        expect(await storage.submissions.intakeState(scope)).toBe('sealed');
        return submitted.status;
      }),
    );
    expect(outcomes.length).toBe(8);
  });

  it('only ever moves on: sealed, then final; sealing again never undoes final', async () => {
    const scope = await newPulse();
    expect(await storage.submissions.intakeState(scope)).toBe('open');
    await storage.submissions.advanceIntake(scope, 'final', '2024-04-30T17:00:00.000Z');
    await storage.submissions.advanceIntake(scope, 'sealed', '2024-05-01T17:00:00.000Z');
    expect(await storage.submissions.intakeState(scope)).toBe('final');
  });
});

describe('release from pending (Azurite)', () => {
  it('releases nothing while fewer than k wait, then all of them, shuffled, once k wait', async () => {
    const scope = await newPulse();
    await submitMany(scope, 4);
    expect(await storage.releasePending(scope, { k: 5 })).toEqual({ released: 0, waiting: 4 });
    expect(await storage.responses.count(scope)).toBe(0);

    await submitMany(scope, 26, 4);
    expect(await storage.releasePending(scope, { k: 5 })).toEqual({ released: 30, waiting: 0 });
    expect(await storage.submissions.countPending(scope)).toBe(0);

    const released = await storage.responses.list(scope);
    const markers = released.map(markerOf);
    expect([...markers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    // Stored order (by the random row key) is not the order people submitted in.
    expect(markers).not.toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('releases the few left when the pulse closes (force), and nothing twice', async () => {
    const scope = await newPulse();
    await submitMany(scope, 6);
    await storage.releasePending(scope, { k: 5 });
    await submitMany(scope, 2, 6);
    expect(await storage.releasePending(scope, { k: 5 })).toEqual({ released: 0, waiting: 2 });
    expect(await storage.releasePending(scope, { k: 5, force: true })).toEqual({ released: 2, waiting: 0 });
    expect(await storage.releasePending(scope, { k: 5, force: true })).toEqual({ released: 0, waiting: 0 });
    expect((await storage.responses.list(scope)).map(markerOf).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('releases more than 100 in batches and under new random keys unrelated to the pending keys', async () => {
    const scope = await newPulse();
    await submitMany(scope, 130);
    const pendingKeys = (await storage.submissions.listPending(scope)).map((p) => p.keys.rowKey.slice(2));
    expect(await storage.releasePending(scope, { k: 5 })).toEqual({ released: 130, waiting: 0 });

    const rows = [];
    for await (const row of storage.clients.responses.listEntities({
      queryOptions: { filter: `PartitionKey eq '${scope.collaborativeId}:${scope.pulseId}'` },
    })) {
      rows.push(row);
    }
    expect(rows).toHaveLength(130);
    expect(rows.every((r) => /^[0-9a-f]{32}$/.test(r.rowKey!))).toBe(true);
    expect(rows.filter((r) => pendingKeys.includes(r.rowKey!))).toEqual([]);
  });

  it('two instances releasing at once still count every response exactly once', async () => {
    const scope = await newPulse();
    await submitMany(scope, 40);
    const results = await Promise.all([
      storage.releasePending(scope, { k: 5 }),
      storage.releasePending(scope, { k: 5 }),
      storage.releasePending(scope, { k: 5 }),
    ]);
    expect(Math.max(...results.map((r) => r.released))).toBeGreaterThan(0);
    expect(await storage.submissions.countPending(scope)).toBe(0);
    expect((await storage.responses.list(scope)).map(markerOf).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i),
    );
  });

  it('stores the day of RELEASE, shared by every response released together, never the day each was submitted', async () => {
    const scope = await newPulse();
    const submitted = ['2024-04-16', '2024-04-17', '2024-04-18', '2024-04-19', '2024-04-20', '2024-04-21'];
    for (const [i, day] of submitted.entries()) {
      const respondentKey = storage.respondentKey(scope, aMember(collaborativeId, i).aadObjectId);
      await storage.submissions.submit({ ...scope, respondentKey }, aResponse(scope, i, day));
    }
    await storage.releasePending(scope, { k: 5, now: new Date('2024-04-22T23:59:59.999Z') });
    const released = await storage.responses.list(scope);
    expect(released).toHaveLength(6);
    expect(new Set(released.map((r) => r.day))).toEqual(new Set(['2024-04-22']));

    // A release claimed on one day and finished after a crash on a later one keeps the claim's day.
    await submitMany(scope, 5, 100);
    await storage.submissions.claimPending(await storage.submissions.listPending(scope), '2024-04-23');
    await storage.releasePending(scope, { k: 5, now: new Date('2024-04-25T08:00:00.000Z') });
    const later = (await storage.responses.list(scope)).filter((r) => markerOf(r) >= 100);
    expect(later.map((r) => r.day)).toEqual(Array(5).fill('2024-04-23'));
  });

  it('stores a released response with no user id, name, conversation id, respondent key or time of day', async () => {
    const scope = await newPulse();
    const people = Array.from({ length: 5 }, (_, i) => aMember(collaborativeId, i));
    const keys: string[] = [];
    for (const [i, person] of people.entries()) {
      const respondentKey = storage.respondentKey(scope, person.aadObjectId);
      keys.push(respondentKey);
      await storage.submissions.saveProgress({ ...scope, respondentKey, step: 1 });
      await storage.submissions.submit({ ...scope, respondentKey }, aResponse(scope, i, '2024-04-16'));
    }
    const releasedFrom = new Date();
    await storage.releasePending(scope, { k: 5 });

    const raw = [];
    for await (const row of storage.clients.responses.listEntities({
      queryOptions: { filter: `PartitionKey eq '${scope.collaborativeId}:${scope.pulseId}'` },
    })) {
      raw.push(row);
    }
    expect(raw).toHaveLength(5);
    for (const row of raw) {
      const { etag, timestamp, ...stored } = row as Record<string, unknown>;
      expect(Object.keys(stored).sort()).toEqual(
        ['collaborativeId', 'day', 'partitionKey', 'pulseId', 'ratings', 'respondentWorkgroupId', 'rowKey'].sort(),
      );
      expect(stored.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const text = JSON.stringify(stored);
      expect(text).not.toMatch(/\d{2}:\d{2}/); // no time of day anywhere in what we store
      for (const p of people) {
        for (const identity of [p.aadObjectId, p.upn, p.displayName, p.teamsUserId!, 'conversation']) {
          expect(text).not.toContain(identity);
        }
      }
      for (const k of keys) expect(text).not.toContain(k);
      // The only time on the row is the service's own stamp: the release, not the submission.
      expect(Date.parse(String(timestamp))).toBeGreaterThanOrEqual(releasedFrom.getTime() - 1000);
      expect(etag).toBeDefined();
    }
  });
});
