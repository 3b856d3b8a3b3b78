import { DEFAULT_INSTRUMENT } from '../../../src/domain/instrument';
import { ValidationError } from '../../../src/domain/errors';
import { ConcurrencyError, StorageError } from '../../../src/storage/storage-errors';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

describe('collaborative repository (Azurite)', () => {
  it('stores a collaborative with the contract defaults and reads it back with an ETag', async () => {
    const input = aCollaborative({ allowedTenantIds: ['3D2A1C1E-0000-4000-8000-000000000001'] });
    const created = await storage.collaboratives.create(input);
    const read = await storage.collaboratives.get(input.id);

    expect(read.value).toEqual(created.value);
    expect(read.etag).toBe(created.etag);
    expect(read.value).toMatchObject({ k: 5, minItems: 4, bands: { moderate: 3.5, strong: 4.0 } });
    expect(read.value.instrument).toEqual(DEFAULT_INSTRUMENT);
    // GUIDs are kept in one case so that comparisons with Teams' ids work.
    expect(read.value.allowedTenantIds).toEqual(['3d2a1c1e-0000-4000-8000-000000000001']);
  });

  it('updates with the ETag it read and hands back a new ETag', async () => {
    const created = await storage.collaboratives.create(aCollaborative());
    const updated = await storage.collaboratives.update(created, { ...created.value, k: 7, teamsTeamId: '19:team@thread.tacv2' });

    expect(updated.etag).not.toBe(created.etag);
    expect((await storage.collaboratives.get(created.value.id)).value.k).toBe(7);
    expect((await storage.collaboratives.findByTeamsTeam('19:team@thread.tacv2'))?.value.id).toBe(created.value.id);
  });

  it('when two facilitators edit one collaborative at once, exactly one wins and the other gets a conflict; nothing is lost', async () => {
    const created = await storage.collaboratives.create(aCollaborative());
    const [a, b] = await Promise.allSettled([
      storage.collaboratives.update(created, { ...created.value, name: 'Renamed collaborative' }),
      storage.collaboratives.update(created, { ...created.value, k: 10 }),
    ]);

    const outcomes = [a.status, b.status].sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const loser = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(ConcurrencyError);
    expect(loser.reason).toMatchObject({ code: 'concurrent_update', status: 409, isOperational: true });

    // The loser reloads and applies its change again: both changes are kept.
    const retried = await storage.collaboratives.modify(created.value.id, (current) =>
      a.status === 'rejected' ? { ...current, name: 'Renamed collaborative' } : { ...current, k: 10 },
    );
    expect(retried.value).toMatchObject({ name: 'Renamed collaborative', k: 10 });
  });

  it('refuses a second collaborative with the same id, leaving the first as it was', async () => {
    const input = aCollaborative();
    await storage.collaboratives.create(input);
    await expect(storage.collaboratives.create({ ...input, name: 'Impostor' })).rejects.toMatchObject({
      code: 'already_exists',
    });
    expect((await storage.collaboratives.get(input.id)).value.name).toBe(input.name);
  });

  it('refuses settings outside the contract (k 3-25, minItems 1-7, ordered bands) and writes nothing', async () => {
    const input = aCollaborative({ k: 2, minItems: 8, bands: { moderate: 4.2, strong: 4.0 } });
    const error = await storage.collaboratives.create(input).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((p) => p.split(':')[0])).toEqual(['k', 'minItems', 'bands.strong']);
    expect(await storage.collaboratives.find(input.id)).toBeUndefined();
  });

  it('reports a row that no longer matches the model as corrupt instead of returning it', async () => {
    const storage = await testStorage(); // its own tables: the broken row must not upset other tests
    const input = aCollaborative();
    await storage.collaboratives.create(input);
    await storage.clients.collaboratives.updateEntity({ partitionKey: input.id, rowKey: 'collaborative', k: 99 }, 'Merge');

    const error = await storage.collaboratives.get(input.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'corrupt_row', isOperational: false });
    expect((error as StorageError).userMessage).not.toMatch(/collaborative|99/);
    await expect(storage.collaboratives.list()).rejects.toMatchObject({ code: 'corrupt_row' });
  });

  it('lists every collaborative', async () => {
    const ids = [aCollaborative(), aCollaborative()].map((c) => c.id);
    for (const id of ids) await storage.collaboratives.create(aCollaborative({ id }));
    const listed = (await storage.collaboratives.list()).map((c) => c.id);
    expect(listed).toEqual(expect.arrayContaining(ids));
  });
});
