import { evenChunks } from '../../../src/storage/batch-writer';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative, aMember } from '../../support/fixtures';
import { countRequests } from '../../support/request-counter';
import { testStorage } from '../../support/test-storage';

jest.setTimeout(30_000);

let storage: Storage;
let collaborativeId: string;
beforeAll(async () => {
  storage = await testStorage();
  collaborativeId = (await storage.collaboratives.create(aCollaborative())).value.id;
});

describe('batch chunking (pure)', () => {
  it('splits into the fewest chunks of at most 100, as even as possible, keeping every item once', () => {
    for (const n of [0, 1, 99, 100, 101, 250, 1050]) {
      const items = Array.from({ length: n }, (_, i) => i);
      const chunks = evenChunks(items);
      expect(chunks).toHaveLength(Math.ceil(n / 100));
      expect(chunks.flat()).toEqual(items);
      const sizes = chunks.map((c) => c.length);
      if (n > 0) expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      expect(sizes.every((s) => s <= 100)).toBe(true);
    }
  });
});

describe('members, workgroups and organisations (Azurite)', () => {
  it('imports a roster of 1,050 in batches of at most 100 and reads all of them back across pages of 1,000', async () => {
    const roster = Array.from({ length: 1050 }, (_, i) => aMember(collaborativeId, i));
    const counter = countRequests(storage.clients.members);
    await storage.members.upsertMany(roster);
    expect(counter.batches).toBe(11);

    // The service really returns at most 1,000 rows a page here, so the read must page.
    const firstPage = await storage.clients.members
      .listEntities({ queryOptions: { filter: `PartitionKey eq '${collaborativeId}'` } })
      .byPage({ maxPageSize: 1000 })
      .next();
    expect(firstPage.value).toHaveLength(1000);

    counter.reset();
    const members = await storage.members.list(collaborativeId);
    expect(counter.reads).toBe(2);
    expect(members).toHaveLength(1050);
    expect(new Set(members.map((m) => m.aadObjectId))).toEqual(new Set(roster.map((m) => m.aadObjectId.toLowerCase())));
    expect(members.every((m) => m.installState === 'not_installed')).toBe(true);
  });

  it('records an installation with its conversation reference, guarded by the ETag', async () => {
    const member = await storage.members.create(aMember(collaborativeId, 1));
    const reference = {
      bot: { id: '28:bot' },
      conversation: { id: 'a:1personal-chat', tenantId: 'tenant' },
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      // A long, opaque value survives intact (stored as JSON).
      extra: 'x'.repeat(5000),
    };
    await storage.members.modify(collaborativeId, member.value.id, (m) => ({
      ...m,
      installState: 'installed',
      conversationReference: reference,
    }));
    const stored = (await storage.members.get(collaborativeId, member.value.id)).value;
    expect(stored).toMatchObject({ installState: 'installed', conversationReference: reference });

    await expect(storage.members.update(member, { ...member.value, displayName: 'Stale' })).rejects.toMatchObject({
      code: 'concurrent_update',
    });
  });

  it('refuses an installed member without a conversation reference', async () => {
    await expect(storage.members.create(aMember(collaborativeId, 2, { installState: 'installed' }))).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('keeps each collaborative’s workgroups and organisations apart', async () => {
    const other = (await storage.collaboratives.create(aCollaborative())).value.id;
    await storage.organisations.upsertMany([
      { collaborativeId, id: 'lypft', name: 'Leeds and York Partnership NHS Foundation Trust' },
      { collaborativeId, id: 'humber', name: 'Humber Teaching NHS Foundation Trust' },
      { collaborativeId: other, id: 'bdct', name: 'Bradford District Care NHS Foundation Trust' },
    ]);
    await storage.workgroups.create({ collaborativeId, id: 'mbu-nursing', name: 'MBU nursing', organisationId: 'lypft' });
    await storage.workgroups.create({ collaborativeId: other, id: 'maternity', name: 'Maternity' });

    expect((await storage.organisations.list(collaborativeId)).map((o) => o.id)).toEqual(['humber', 'lypft']);
    expect((await storage.workgroups.list(other)).map((w) => w.name)).toEqual(['Maternity']);
    expect(await storage.workgroups.delete(other, 'maternity')).toBe(true);
    expect(await storage.workgroups.delete(other, 'maternity')).toBe(false);
    expect(await storage.workgroups.list(other)).toEqual([]);
  });

  it('saves a whole-list change only if the list is as read: even a row added since makes it a conflict', async () => {
    const id = (await storage.collaboratives.create(aCollaborative())).value.id;
    const empty = await storage.workgroups.readList(id);
    await storage.workgroups.saveChanges(empty, { create: [{ collaborativeId: id, id: 'maternity', name: 'Maternity' }] });
    // A second change made from the same (now old) read is refused, although it touches another row.
    await expect(
      storage.workgroups.saveChanges(empty, { create: [{ collaborativeId: id, id: 'gp', name: 'GP practice' }] }),
    ).rejects.toMatchObject({ code: 'concurrent_update' });

    const read = await storage.workgroups.readList(id);
    expect(read.rows.map((r) => r.value.id)).toEqual(['maternity']);
    await storage.workgroups.saveChanges(read, { remove: read.rows });
    // The guard row is not a workgroup: lists never show it.
    expect(await storage.workgroups.list(id)).toEqual([]);
    expect((await storage.workgroups.readList(id)).rows).toEqual([]);
  });
});
