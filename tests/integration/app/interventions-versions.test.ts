import { addInterventionUpdate, InterventionChangedError, updateIntervention, type InterventionDetail } from '../../../src/app/interventions';
import { ValidationError } from '../../../src/domain/errors';
import { ConcurrencyError } from '../../../src/storage/storage-errors';
import type { Storage } from '../../../src/storage/storage';
import { testStorage } from '../../support/test-storage';
import { aKit, edit, recorded, rejection, type Kit } from './interventions-kit';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

describe('two people at once', () => {
  it('refuses an edit made from an old version, hands back the other person’s version, and stores nothing', async () => {
    const kit = await aKit(storage);
    const seenByBoth = await recorded(kit);
    const theirs = await edit(kit, 'facilitator', seenByBoth, { title: 'Discharge planning together' });
    const before = await kit.snapshot();

    const error = await rejection(edit(kit, 'owner', seenByBoth, { dueOn: '2024-12-31' }));
    expect(error).toBeInstanceOf(InterventionChangedError);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ code: 'concurrent_update', status: 409 });
    expect((error as InterventionChangedError).current).toEqual({ ...theirs, mine: true });
    expect((error as InterventionChangedError).userMessage).toMatch(/^Someone else changed this intervention since you opened it/);
    expect(await kit.snapshot()).toEqual(before);

    // Made again from their version, it goes through and keeps both changes.
    const again = await edit(kit, 'owner', (error as InterventionChangedError).current, { dueOn: '2024-12-31' });
    expect(again).toMatchObject({ title: 'Discharge planning together', dueOn: '2024-12-31' });
  });

  it('of two edits made from the same version at the same moment, one wins and the other gets the winner’s version', async () => {
    const kit = await aKit(storage);
    const v1 = await recorded(kit);
    const results = await Promise.allSettled([edit(kit, 'facilitator', v1, { title: 'One' }), edit(kit, 'owner', v1, { title: 'Two' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<InterventionDetail>).value;
    const loser = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as InterventionChangedError;
    expect(loser).toBeInstanceOf(InterventionChangedError);
    expect(loser.current).toMatchObject({ title: winner.title, etag: winner.etag, updates: winner.updates });
  });

  it('an update added while someone else saves is added to their version, not lost', async () => {
    const kit = await aKit(storage);
    const v1 = await recorded(kit);
    const facilitator = await kit.access('facilitator');
    // The first save of the update races an edit that lands just before it.
    let raced = false;
    const interventions = Object.create(storage.interventions) as Storage['interventions'];
    interventions.update = async (previous, next) => {
      if (!raced) {
        raced = true;
        await updateIntervention(kit.deps, facilitator, v1.id, { title: 'Renamed meanwhile' }, v1.etag);
      }
      return storage.interventions.update(previous, next);
    };
    const noted = await addInterventionUpdate({ ...kit.deps, storage: { ...storage, interventions } }, await kit.access('viewer'), v1.id, { text: 'A note.' });
    expect(noted.title).toBe('Renamed meanwhile');
    expect(noted.updates.map((u) => u.text)).toEqual(['Recorded as proposed.', 'A note.']);
  });

  it('refuses an edit that does not say which version it was made from', async () => {
    const kit = await aKit(storage);
    const v1 = await recorded(kit);
    for (const etag of [undefined, '', '   ', 42]) {
      const error = await rejection(updateIntervention(kit.deps, await kit.access('facilitator'), v1.id, { title: 'x' }, etag));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).userMessage).toMatch(/^Please reload the intervention/);
    }
  });

  it.each<[string, (kit: Kit) => unknown]>([
    ['an unknown field', () => ({ colour: 'red' })],
    ['a __proto__ key', () => JSON.parse('{"__proto__":{"polluted":true},"title":"x"}')],
    ['nothing to change', () => ({})],
    ['an owner not on the list', () => ({ ownerIds: ['55555555-5555-4555-8555-555555555555'] })],
    ['a tie to a retired group', () => ({ ties: [{ from: 'mbu', to: 'old-liaison' }] })],
    ['a due date before the start', () => ({ startOn: '2024-09-01', dueOn: '2024-08-01' })],
    ['an update of 2,001 characters', () => ({ note: 'x'.repeat(2001) })],
  ])('refuses an edit with %s, and stores nothing', async (_what, patch) => {
    const kit = await aKit(storage);
    const v1 = await recorded(kit);
    const before = await kit.snapshot();
    expect(await rejection(edit(kit, 'facilitator', v1, patch(kit)))).toBeInstanceOf(ValidationError);
    expect(await rejection(addInterventionUpdate(kit.deps, await kit.access('facilitator'), v1.id, patch(kit)))).toBeInstanceOf(ValidationError);
    expect(await kit.snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
