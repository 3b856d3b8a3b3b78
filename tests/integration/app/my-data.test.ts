import { myData, NotOnAnyListError } from '../../../src/app/survey';
import { myDataCard } from '../../../src/cards/my-data-card';
import type { Storage } from '../../../src/storage/storage';
import { checked } from '../../support/adaptive-card-validator';
import { testStorage } from '../../support/test-storage';
import { actorOf, answerAndSubmit, aWorld, start } from './app-test-kit';

jest.setTimeout(30_000);

let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

describe('my data', () => {
  it('shows what is kept about the person, and whether they have answered the open pulse', async () => {
    const world = await aWorld(storage, { people: 2, k: 3 });
    await storage.organisations.upsertMany([{ collaborativeId: world.collaborative.id, id: 'lypft', name: 'Leeds and York Partnership NHS FT' }]);
    const person = world.people[0]!;

    const before = await myData(world.deps, actorOf(person), world.collaborative.id);
    expect(before).toEqual({
      displayName: person.displayName,
      email: person.upn,
      organisationName: 'Leeds and York Partnership NHS FT',
      workgroupName: 'MBU nursing',
      isFacilitator: false,
      k: 3,
    });

    await start(world);
    expect(await myData(world.deps, actorOf(person))).toMatchObject({ answeredOpenPulse: false });
    await answerAndSubmit(world, person);
    const after = await myData(world.deps, actorOf(person));
    expect(after).toMatchObject({ answeredOpenPulse: true });
    const card = JSON.stringify(checked(myDataCard(after)));
    expect(card).toContain('you have sent your answers');
    expect(card).toContain('Your name, e-mail or Teams id next to your answers.');
  });

  it('tells a facilitator they are one', async () => {
    const world = await aWorld(storage, { people: 1 });
    expect(await myData(world.deps, world.facilitator, world.collaborative.id)).toMatchObject({ isFacilitator: true, displayName: 'Fran Facilitator' });
  });

  it('says plainly when the person is on no list', async () => {
    const world = await aWorld(storage, { people: 1 });
    const stranger = { aadObjectId: '0b5a9a44-6f1d-4b55-9a0e-3f1b3c0e7a11' };
    await expect(myData(world.deps, stranger, world.collaborative.id)).rejects.toBeInstanceOf(NotOnAnyListError);
  });
});
