import { createCollaborative } from '../../../src/app/setup/create-collaborative';
import { updateCollaborativeSettings } from '../../../src/app/setup/update-collaborative-settings';
import { ValidationError } from '../../../src/domain/errors';
import { ConcurrencyError } from '../../../src/storage/storage-errors';
import type { Storage } from '../../../src/storage/storage';
import { testStorage } from '../../support/test-storage';
import { FACILITATOR, fixedClock, setupDeps } from './setup-support';

jest.setTimeout(30_000);

const FOCAL = 'admission to the mother and baby unit';
const GUEST_TENANT = '3d2a1c1e-0000-4000-8000-000000000001';
let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

describe('creating a collaborative', () => {
  it('stores it with the contract defaults, an id made from its name, and an audit row saying who and when', async () => {
    const clock = fixedClock('2024-04-02T09:30:00.000Z');
    const created = await createCollaborative(setupDeps(storage, clock), {
      name: 'Yorkshire & Humber PMH Collaborative',
      focalProcess: FOCAL,
      allowedTenantIds: [GUEST_TENANT.toUpperCase()],
      facilitatorIds: [FACILITATOR.id],
    });
    expect(created.value).toMatchObject({
      id: 'yorkshire-and-humber-pmh-collaborative', k: 5, minItems: 4, createdAt: '2024-04-02T09:30:00.000Z',
      allowedTenantIds: [GUEST_TENANT], facilitatorIds: [FACILITATOR.id],
    });
    expect((await storage.collaboratives.get(created.value.id)).value).toEqual(created.value);

    const [entry] = await storage.audit.list(created.value.id);
    expect(entry).toMatchObject({
      action: 'collaborative.created', actorId: FACILITATOR.id, actorName: FACILITATOR.name,
      at: '2024-04-02T09:30:00.000Z', subject: created.value.id, details: { k: 5, minItems: 4, focalProcess: FOCAL },
    });

    // A second collaborative with the same name gets the next free id, not an error.
    const again = await createCollaborative(setupDeps(storage), { name: 'Yorkshire & Humber PMH Collaborative', focalProcess: FOCAL });
    expect(again.value.id).toBe('yorkshire-and-humber-pmh-collaborative-2');
  });

  it('refuses k or minItems outside the contract and a taken id, storing and auditing nothing', async () => {
    const error = await createCollaborative(setupDeps(storage), { id: 'bad-one', name: 'Bad', focalProcess: FOCAL, k: 2, minItems: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual(['k: k is at least 3', 'minItems: minItems is 1 to 7']);
    expect(await storage.collaboratives.find('bad-one')).toBeUndefined();
    expect(await storage.audit.list('bad-one')).toEqual([]);

    await createCollaborative(setupDeps(storage), { id: 'taken', name: 'First', focalProcess: FOCAL, k: 25, minItems: 1 });
    await expect(createCollaborative(setupDeps(storage), { id: 'taken', name: 'Second', focalProcess: FOCAL })).rejects.toMatchObject({ code: 'already_exists' });
    expect((await storage.collaboratives.get('taken')).value).toMatchObject({ name: 'First', k: 25, minItems: 1 });
    expect(await storage.audit.list('taken')).toHaveLength(1);
  });
});

describe('changing a collaborative’s settings', () => {
  it('changes only the settings given and audits each one with its old and new value', async () => {
    const { value } = await createCollaborative(setupDeps(storage), { name: 'Settings test', focalProcess: FOCAL });
    const clock = fixedClock('2024-05-02T14:00:00.000Z');
    const result = await updateCollaborativeSettings(setupDeps(storage, clock), {
      collaborativeId: value.id, k: 7, minItems: 5, focalProcess: 'discharge from the mother and baby unit', facilitatorIds: [FACILITATOR.id],
    });
    expect(result.changed).toEqual(['focalProcess', 'k', 'minItems', 'facilitatorIds']);
    expect((await storage.collaboratives.get(value.id)).value).toMatchObject({
      ...value, k: 7, minItems: 5, focalProcess: 'discharge from the mother and baby unit', facilitatorIds: [FACILITATOR.id],
    });
    const [latest] = await storage.audit.list(value.id);
    expect(latest).toMatchObject({
      action: 'collaborative.settings_changed', at: '2024-05-02T14:00:00.000Z', actorId: FACILITATOR.id,
      details: { k: { from: 5, to: 7 }, minItems: { from: 4, to: 5 }, facilitatorIds: { from: [], to: [FACILITATOR.id] } },
    });

    // Saving the values they already have writes nothing and records nothing.
    const same = await updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id, k: 7 });
    expect(same.changed).toEqual([]);
    expect(same.collaborative.etag).toBe(result.collaborative.etag);
    expect(await storage.audit.list(value.id)).toHaveLength(2);
  });

  it('keeps the interventions digest off until it is turned on, and audits turning it on and off', async () => {
    const { value } = await createCollaborative(setupDeps(storage), { name: 'Digest test', focalProcess: FOCAL });
    expect(value.interventionDigest).toBe(false);
    const on = await updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id, interventionDigest: true });
    expect(on.changed).toEqual(['interventionDigest']);
    expect((await storage.collaboratives.get(value.id)).value.interventionDigest).toBe(true);
    await updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id, interventionDigest: false });
    expect((await storage.collaboratives.get(value.id)).value.interventionDigest).toBe(false);
    const audit = await storage.audit.list(value.id);
    expect(audit.filter((a) => a.action === 'collaborative.settings_changed').map((a) => a.details)).toEqual(
      expect.arrayContaining([{ interventionDigest: { from: false, to: true } }, { interventionDigest: { from: true, to: false } }]),
    );
  });

  it('when two facilitators edit from the same version at once, one wins and the other gets a conflict with nothing saved', async () => {
    const { value, etag } = await createCollaborative(setupDeps(storage), { name: 'Race test', focalProcess: FOCAL });
    const results = await Promise.allSettled([
      updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id, etag, k: 10 }),
      updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id, etag, minItems: 2 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(ConcurrencyError);
    expect(loser.reason).toMatchObject({ code: 'concurrent_update', status: 409 });

    const stored = (await storage.collaboratives.get(value.id)).value;
    const kWon = results[0].status === 'fulfilled';
    expect(stored).toMatchObject(kWon ? { k: 10, minItems: 4 } : { k: 5, minItems: 2 });
    const actions = (await storage.audit.list(value.id)).map((e) => e.action);
    expect(actions.sort()).toEqual(['collaborative.created', 'collaborative.settings_changed']);
    // An edit made from an old version is refused even if it changes nothing new.
    await expect(updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id, etag, k: 10 })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('explains what is wrong: nothing to change, k out of range, a facilitator that is not an Entra id, no such collaborative', async () => {
    const { value } = await createCollaborative(setupDeps(storage), { name: 'Checks', focalProcess: FOCAL });
    await expect(updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id })).rejects.toMatchObject({
      problems: ['settings: give at least one setting to change: focal process, k, minItems, facilitators, tenants, instrument, the interventions digest or the family retention period'],
    });
    await expect(updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id, k: 26, facilitatorIds: ['fran@nhs.net'] })).rejects.toMatchObject({
      code: 'invalid_input',
      problems: ['k: k is at most 25', expect.stringMatching(/^facilitatorIds\.0: expected a GUID/)],
    });
    await expect(updateCollaborativeSettings(setupDeps(storage), { collaborativeId: 'no-such-thing', k: 6 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps family answers of transition checks 12 months unless changed, within 1 to 84 months', async () => {
    const { value } = await createCollaborative(setupDeps(storage), { name: 'Retention', focalProcess: FOCAL });
    expect(value.familyRetentionMonths).toBe(12);
    for (const months of [0, 85, 1.5]) {
      await expect(updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id, familyRetentionMonths: months })).rejects.toMatchObject({ code: 'invalid_input' });
    }
    const changed = await updateCollaborativeSettings(setupDeps(storage), { collaborativeId: value.id, familyRetentionMonths: 24 });
    expect(changed.changed).toEqual(['familyRetentionMonths']);
    expect((await storage.collaboratives.get(value.id)).value.familyRetentionMonths).toBe(24);
  });
});
