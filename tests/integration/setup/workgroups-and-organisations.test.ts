import { createCollaborative } from '../../../src/app/setup/create-collaborative';
import { setOrganisations } from '../../../src/app/setup/set-organisations';
import { setWorkgroups } from '../../../src/app/setup/set-workgroups';
import { ValidationError } from '../../../src/domain/errors';
import { ConcurrencyError } from '../../../src/storage/storage-errors';
import type { Storage } from '../../../src/storage/storage';
import { aMember, aPulse } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';
import { fixedClock, setupDeps, TRUSTS } from './setup-support';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

let made = 0;
async function newCollaborative(): Promise<string> {
  made += 1;
  return (await createCollaborative(setupDeps(storage), { name: `Workgroup tests ${made}`, focalProcess: 'discharge' })).value.id;
}

const names = async (id: string) => (await storage.workgroups.list(id)).map((w) => [w.id, w.name, w.retiredAt ?? null]);

describe('setting the workgroups', () => {
  it('adds workgroups with ids made from their names, and renames one named by its id', async () => {
    const id = await newCollaborative();
    const first = await setWorkgroups(setupDeps(storage), { collaborativeId: id, workgroups: [{ name: 'MBU nursing' }, { name: 'Health visiting' }] });
    expect(first.workgroups.map((w) => w.id)).toEqual(['mbu-nursing', 'health-visiting']);
    expect(first.summary.added).toEqual(['mbu-nursing', 'health-visiting']);

    const second = await setWorkgroups(setupDeps(storage), {
      collaborativeId: id,
      workgroups: [{ id: 'mbu-nursing', name: 'Mother and baby unit nursing' }, { name: 'health VISITING' }, { name: 'Maternity' }],
    });
    expect(second.summary).toEqual({
      added: ['maternity'], renamed: [
        { id: 'mbu-nursing', from: 'MBU nursing', to: 'Mother and baby unit nursing' },
        { id: 'health-visiting', from: 'Health visiting', to: 'health VISITING' },
      ], restored: [], retired: [], deleted: [],
    });
    expect(await names(id)).toEqual([
      ['health-visiting', 'health VISITING', null], ['maternity', 'Maternity', null], ['mbu-nursing', 'Mother and baby unit nursing', null],
    ]);
    const audit = await storage.audit.list(id);
    expect(audit.filter((e) => e.action === 'workgroups.set')).toHaveLength(2);
  });

  it('retires a workgroup that a pulse or a member refers to, deletes one nobody refers to, and brings a retired one back', async () => {
    const id = await newCollaborative();
    await setWorkgroups(setupDeps(storage), { collaborativeId: id, workgroups: ['Asked', 'Member’s', 'Unused', 'Kept'].map((name) => ({ name })) });
    await storage.pulses.create(aPulse(id, { targetWorkgroupIds: ['asked', 'kept'] }));
    await storage.members.create(aMember(id, 1, { workgroupId: 'member-s' }));

    const clock = fixedClock('2024-06-03T12:00:00.000Z');
    const result = await setWorkgroups(setupDeps(storage, clock), { collaborativeId: id, workgroups: [{ name: 'Kept' }] });
    expect(result.summary).toMatchObject({ retired: ['asked', 'member-s'], deleted: ['unused'] });
    expect(await names(id)).toEqual([
      ['asked', 'Asked', '2024-06-03T12:00:00.000Z'], ['kept', 'Kept', null], ['member-s', 'Member’s', '2024-06-03T12:00:00.000Z'],
    ]);
    expect(result.workgroups.map((w) => w.id)).toEqual(['kept']);

    // Listing a retired workgroup by name (or id) brings it back, with nothing new added.
    const back = await setWorkgroups(setupDeps(storage), { collaborativeId: id, workgroups: [{ name: 'Kept' }, { name: 'asked' }] });
    expect(back.summary).toMatchObject({ restored: ['asked'], added: [], renamed: [{ id: 'asked', from: 'Asked', to: 'asked' }] });
    expect((await storage.workgroups.get(id, 'asked')).value.retiredAt).toBeUndefined();
  });

  it('names every problem and changes nothing: a name listed twice, a name that a retired workgroup keeps', async () => {
    const id = await newCollaborative();
    await setWorkgroups(setupDeps(storage), { collaborativeId: id, workgroups: [{ name: 'Maternity' }, { name: 'GP practice' }] });
    await storage.pulses.create(aPulse(id, { targetWorkgroupIds: ['maternity'] }));
    await setWorkgroups(setupDeps(storage), { collaborativeId: id, workgroups: [{ name: 'GP practice' }] });
    const before = await names(id);

    const error = await setWorkgroups(setupDeps(storage), {
      collaborativeId: id,
      workgroups: [{ name: 'GP practice' }, { name: 'gp practice' }, { id: 'new-one', name: 'MATERNITY' }, { name: '' }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual(['workgroups.3.name: a name is needed']);

    const clash = await setWorkgroups(setupDeps(storage), {
      collaborativeId: id,
      workgroups: [{ name: 'GP practice' }, { name: 'gp practice' }, { id: 'new-one', name: 'MATERNITY' }],
    }).catch((e: unknown) => e);
    expect((clash as ValidationError).problems).toEqual([
      '"gp practice" is listed twice (entries 1 and 2)',
      expect.stringMatching(/^"MATERNITY" is already the name of workgroup maternity, which is kept \(retired\)/),
    ]);
    expect(await names(id)).toEqual(before);
  });

  it('when two facilitators set the list at once, one wins and the other gets a conflict with nothing saved', async () => {
    const id = await newCollaborative();
    const results = await Promise.allSettled([
      setWorkgroups(setupDeps(storage), { collaborativeId: id, workgroups: [{ name: 'MBU nursing' }, { name: 'Maternity' }] }),
      setWorkgroups(setupDeps(storage), { collaborativeId: id, workgroups: [{ name: 'MBU nursing' }, { name: 'Health visiting' }] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ workgroups: { id: string }[] }>).value;
    expect((await storage.workgroups.list(id)).map((w) => w.id).sort()).toEqual(winner.workgroups.map((w) => w.id).sort());
    expect((await storage.audit.list(id)).filter((e) => e.action === 'workgroups.set')).toHaveLength(1);
  });

  it('refuses a collaborative that does not exist', async () => {
    await expect(setWorkgroups(setupDeps(storage), { collaborativeId: 'missing', workgroups: [{ name: 'A' }] })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('setting the organisations', () => {
  it('adds partner Trusts with the ids given, and retires one that members still belong to', async () => {
    const id = await newCollaborative();
    const result = await setOrganisations(setupDeps(storage), { collaborativeId: id, organisations: [...TRUSTS, { id: 'bdct', name: 'Bradford District Care NHS Foundation Trust' }] });
    expect(result.summary.added).toEqual(['lypft', 'humber', 'bdct']);
    await storage.members.create(aMember(id, 1, { organisationId: 'humber' }));

    const next = await setOrganisations(setupDeps(storage, fixedClock('2024-07-01T09:00:00.000Z')), { collaborativeId: id, organisations: [TRUSTS[0]!] });
    expect(next.summary).toMatchObject({ retired: ['humber'], deleted: ['bdct'] });
    expect((await storage.organisations.list(id)).map((o) => [o.id, o.retiredAt !== undefined])).toEqual([['humber', true], ['lypft', false]]);
    const [latest] = await storage.audit.list(id);
    expect(latest).toMatchObject({ action: 'organisations.set', details: { retired: ['humber'], deleted: ['bdct'] } });
  });
});
