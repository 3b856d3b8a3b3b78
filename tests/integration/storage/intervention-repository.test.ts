import { randomUUID } from 'node:crypto';
import { IllegalStateError } from '../../../src/domain/errors';
import {
  appendUpdate,
  applyInterventionChange,
  createIntervention,
  type Intervention,
  type InterventionContext,
} from '../../../src/domain/model/intervention';
import type { Versioned } from '../../../src/storage/entity-table';
import { InterventionVersionConflict } from '../../../src/storage/intervention-repository';
import { interventionKeys, interventionUpdateKeys } from '../../../src/storage/keys/intervention-keys';
import { ConcurrencyError, StorageError } from '../../../src/storage/storage-errors';
import type { Storage } from '../../../src/storage/storage';
import { testStorage } from '../../support/test-storage';

jest.setTimeout(30_000);

const SAM = { id: '11111111-1111-4111-8111-111111111111', name: 'Sam Patel' };
const JO = { id: '22222222-2222-4222-8222-222222222222', name: 'Jo Evans' };
const context: InterventionContext = { workgroupIds: ['mbu', 'community', 'maternity'], memberIds: [SAM.id, JO.id], author: SAM };
const T0 = '2024-06-03T15:00:00.000Z';
const at = (day: number) => `2024-07-${String(day).padStart(2, '0')}T09:00:00.000Z`;

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

/** A new intervention (proposed, one log entry) in a collaborative of its own. */
function anIntervention(extra: Record<string, unknown> = {}): Intervention {
  const body = { title: 'Joint discharge planning', kind: 'structural', ties: [{ from: 'mbu', to: 'community' }], dimensions: ['timely'], ownerIds: [SAM.id], ...extra };
  return createIntervention(body, { id: `iv-${randomUUID().slice(0, 8)}`, collaborativeId: `c-${randomUUID().slice(0, 8)}` }, T0, context);
}

/** Every raw row of an intervention's partition, without the service's Timestamp. */
async function rawPartition(collaborativeId: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const row of storage.clients.interventions.listEntities({ queryOptions: { filter: `PartitionKey eq '${collaborativeId}'` } })) {
    const { timestamp: _t, ...rest } = row as Record<string, unknown>;
    rows.push(rest);
  }
  return rows;
}

describe('intervention repository (Azurite)', () => {
  it('stores an intervention and reads it back, with its log, by id and in the list', async () => {
    const iv = anIntervention({ agreedIn: { meeting: 'Intervention workshop', on: '2024-06-03' }, status: 'agreed', dueOn: '2024-09-30' });
    const created = await storage.interventions.create(iv);
    const read = await storage.interventions.get(iv.collaborativeId, iv.id);

    expect(read).toEqual(created);
    expect(read.value).toEqual(iv);
    expect(await storage.interventions.list(iv.collaborativeId)).toEqual([created]);
    expect(await storage.interventions.find(iv.collaborativeId, 'no-such-one')).toBeUndefined();
    await expect(storage.interventions.get(iv.collaborativeId, 'no-such-one')).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });

  it('lists only the collaborative’s own interventions, each with its own log', async () => {
    const a = anIntervention();
    const b = { ...anIntervention({ title: 'Perinatal liaison' }), collaborativeId: a.collaborativeId };
    const elsewhere = anIntervention();
    const storedA = await storage.interventions.create(a);
    await storage.interventions.create(b);
    await storage.interventions.create(elsewhere);
    const movedA = await storage.interventions.update(storedA, appendUpdate(a, { text: 'First huddle held.' }, at(8), JO));

    const listed = await storage.interventions.list(a.collaborativeId);
    expect(listed.map((x) => x.value.id).sort()).toEqual([a.id, b.id].sort());
    expect(listed.find((x) => x.value.id === a.id)).toEqual(movedA);
    expect(listed.find((x) => x.value.id === b.id)!.value.updates).toEqual(b.updates);
  });

  it('refuses a second intervention with the same id and different content, and takes a repeated create as done', async () => {
    const iv = anIntervention();
    const first = await storage.interventions.create(iv);
    expect(await storage.interventions.create(iv)).toEqual(first);
    await expect(storage.interventions.create({ ...iv, title: 'Impostor' })).rejects.toMatchObject({ code: 'already_exists' });
    expect((await storage.interventions.get(iv.collaborativeId, iv.id)).value.title).toBe('Joint discharge planning');
  });

  it('when two people save changes made from the same version, one wins and the other gets the winner’s version; nothing is lost', async () => {
    const stored = await storage.interventions.create(anIntervention());
    const mine = applyInterventionChange(stored.value, { title: 'Discharge huddles', note: 'Renamed after the pilot.' }, at(2), context);
    const theirs = applyInterventionChange(stored.value, { status: 'agreed' }, at(2), { ...context, author: JO });
    const [a, b] = await Promise.allSettled([storage.interventions.update(stored, mine), storage.interventions.update(stored, theirs)]);

    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const winner = ([a, b].find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Versioned<Intervention>>).value;
    const loser = ([a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as InterventionVersionConflict;
    expect(loser).toBeInstanceOf(InterventionVersionConflict);
    expect(loser).toBeInstanceOf(ConcurrencyError);
    expect(loser).toMatchObject({ code: 'concurrent_update', status: 409 });
    expect(loser.current).toEqual(winner);
    expect(await storage.interventions.get(stored.value.collaborativeId, stored.value.id)).toEqual(winner);
    expect(winner.value.updates).toHaveLength(2);
  });

  it('refuses a save from an old version even when nothing else races it, and hands back the current one', async () => {
    const v1 = await storage.interventions.create(anIntervention());
    const v2 = await storage.interventions.update(v1, appendUpdate(v1.value, { text: 'Met the unit team.' }, at(3), JO));
    const before = await rawPartition(v1.value.collaborativeId);

    const stale = await storage.interventions.update(v1, applyInterventionChange(v1.value, { title: 'Old idea' }, at(4), context)).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(InterventionVersionConflict);
    expect((stale as InterventionVersionConflict).current).toEqual(v2);
    expect(await rawPartition(v1.value.collaborativeId)).toEqual(before);
  });

  it('keeps the log in the order entries were added, each entry in a row of its own', async () => {
    let current = await storage.interventions.create(anIntervention());
    const texts = ['Agreed at the workshop.', 'First joint meeting.', 'Second joint meeting.', 'Review with the unit.'];
    for (const [i, text] of texts.entries()) current = await storage.interventions.update(current, appendUpdate(current.value, { text }, at(10 - i), JO));

    const read = await storage.interventions.get(current.value.collaborativeId, current.value.id);
    // Entries are kept in the order added, even though their times here run backwards.
    expect(read.value.updates.map((u) => u.text)).toEqual(['Recorded as proposed.', ...texts]);
    const { id, collaborativeId } = current.value;
    const row = await storage.clients.interventions.getEntity(collaborativeId, interventionKeys(collaborativeId, id).rowKey);
    expect(row).not.toHaveProperty('updates');
    expect(row.updateCount).toBe(5);
    const entry = await storage.clients.interventions.getEntity(collaborativeId, interventionUpdateKeys(collaborativeId, id, 3).rowKey);
    expect(entry).toMatchObject({ text: 'Second joint meeting.', authorId: JO.id, at: at(8) });
  });

  it.each([
    ['an entry edited', (iv: Intervention) => ({ ...iv, updates: iv.updates.map((u, i) => (i === 1 ? { ...u, text: 'Rewritten history.' } : u)) })],
    ['an entry removed', (iv: Intervention) => ({ ...iv, updates: iv.updates.slice(1) })],
    ['the entries reordered', (iv: Intervention) => ({ ...iv, updates: [...iv.updates].reverse() })],
  ])('refuses a save with %s, and writes nothing', async (_what, tamper) => {
    let current = await storage.interventions.create(anIntervention());
    current = await storage.interventions.update(current, appendUpdate(current.value, { text: 'A note to keep.' }, at(5), JO));
    const before = await rawPartition(current.value.collaborativeId);

    const error = await storage.interventions.update(current, tamper(current.value)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IllegalStateError);
    expect(await rawPartition(current.value.collaborativeId)).toEqual(before);
  });

  it('refuses an illegal status move, and writes nothing', async () => {
    const stored = await storage.interventions.create(anIntervention());
    const before = await rawPartition(stored.value.collaborativeId);
    const jumped = { ...stored.value, status: 'done' as const, startOn: '2024-07-01', completedAt: at(9), updatedAt: at(9) };

    await expect(storage.interventions.update(stored, jumped)).rejects.toBeInstanceOf(IllegalStateError);
    expect(await rawPartition(stored.value.collaborativeId)).toEqual(before);
  });

  it('never overwrites a log row: a save whose next entry’s row is taken fails whole, the row and the intervention untouched', async () => {
    const stored = await storage.interventions.create(anIntervention());
    const { id, collaborativeId } = stored.value;
    // A row already where the next entry would go, as a writer that ignored the ETag would leave it.
    const squatter = { ...interventionUpdateKeys(collaborativeId, id, 1), at: at(1), authorId: JO.id, authorName: JO.name, text: 'Written first.' };
    await storage.clients.interventions.createEntity(squatter);
    const before = await rawPartition(collaborativeId);

    const error = await storage.interventions.update(stored, appendUpdate(stored.value, { text: 'Written second.' }, at(2), SAM)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(await rawPartition(collaborativeId)).toEqual(before);
    const row = await storage.clients.interventions.getEntity(collaborativeId, squatter.rowKey);
    expect(row.text).toBe('Written first.');
  });

  it('keeps a long log of long entries that would never fit in one entity (1 MiB, 255 properties)', async () => {
    // 2,000 characters each (the most an entry may have), none of them trimmed away.
    const text = (i: number) => `${String(i).padStart(3, '0')}:${'Notes-from-the-joint-review.'.repeat(72)}`.slice(0, 2000);
    let current = await storage.interventions.create(anIntervention({ description: 'd'.repeat(2000) }));
    for (const count of [99, 99, 1]) {
      let next = current.value;
      for (let i = 0; i < count; i++) next = appendUpdate(next, { text: text(next.updates.length) }, at(20), JO);
      current = await storage.interventions.update(current, next);
    }

    const read = await storage.interventions.get(current.value.collaborativeId, current.value.id);
    expect(read.value.updates).toHaveLength(200);
    // Compared as a list of mismatches, so a failure does not print 400,000 characters.
    const wrong = read.value.updates.slice(1).flatMap((u, i) => (u.text === text(i + 1) ? [] : [i + 1]));
    expect(wrong).toEqual([]);
    expect(JSON.stringify(read.value.updates).length).toBeGreaterThan(400_000);
    const row = await storage.clients.interventions.getEntity(current.value.collaborativeId, interventionKeys(current.value.collaborativeId, current.value.id).rowKey);
    expect(Object.keys(row).length).toBeLessThan(30);
  });

  it('reports an intervention whose log has lost a row as corrupt rather than showing a shortened log', async () => {
    let current = await storage.interventions.create(anIntervention());
    current = await storage.interventions.update(current, appendUpdate(current.value, { text: 'Kept?' }, at(6), JO));
    const { id, collaborativeId } = current.value;
    await storage.clients.interventions.deleteEntity(collaborativeId, interventionUpdateKeys(collaborativeId, id, 1).rowKey);

    for (const read of [() => storage.interventions.get(collaborativeId, id), () => storage.interventions.list(collaborativeId)]) {
      const error = await read().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect(error).toMatchObject({ code: 'corrupt_row' });
    }
  });

  it('reports a row that breaks the model (an owner-less intervention in progress) as corrupt', async () => {
    const stored = await storage.interventions.create(anIntervention());
    const { id, collaborativeId } = stored.value;
    await storage.clients.interventions.updateEntity({ ...interventionKeys(collaborativeId, id), status: 'in_progress', ownerIds: '[]' }, 'Merge');
    await expect(storage.interventions.get(collaborativeId, id)).rejects.toMatchObject({ code: 'corrupt_row' });
  });
});
