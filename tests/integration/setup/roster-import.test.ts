import { randomUUID } from 'node:crypto';
import { createCollaborative } from '../../../src/app/setup/create-collaborative';
import { importRoster } from '../../../src/app/setup/import-roster';
import { RosterFileError } from '../../../src/app/setup/roster-file-error';
import { setOrganisations } from '../../../src/app/setup/set-organisations';
import { setWorkgroups } from '../../../src/app/setup/set-workgroups';
import type { Storage } from '../../../src/storage/storage';
import { countRequests } from '../../support/request-counter';
import { testStorage } from '../../support/test-storage';
import { fixedClock, setupDeps, TRUSTS } from './setup-support';

jest.setTimeout(30_000);

const HEADER = 'name,email,organisation,workgroup\n';
let storage: Storage;
beforeAll(async () => {
  storage = await testStorage();
});

let made = 0;
async function readyCollaborative(): Promise<string> {
  made += 1;
  const id = (await createCollaborative(setupDeps(storage), { name: `Roster tests ${made}`, focalProcess: 'admission' })).value.id;
  await setOrganisations(setupDeps(storage), { collaborativeId: id, organisations: TRUSTS });
  await setWorkgroups(setupDeps(storage), { collaborativeId: id, workgroups: [{ name: 'MBU nursing' }, { name: 'Community perinatal team' }] });
  return id;
}

describe('importing a roster', () => {
  it('adds everyone on a good file, matched to organisations and workgroups, not yet installed in Teams', async () => {
    const id = await readyCollaborative();
    const result = await importRoster(setupDeps(storage), {
      collaborativeId: id,
      csv: `${HEADER}Aisha Khan,Aisha.Khan@nhs.net,lypft,MBU nursing\n"Barker, Ben",ben.barker@nhs.net,Humber Teaching NHS Foundation Trust,\n`,
    });
    expect(result).toEqual({ lines: 2, added: 2, updated: 0, unchanged: 0 });
    const members = await storage.members.list(id);
    expect(members.map((m) => [m.displayName, m.email, m.organisationId, m.workgroupId ?? null, m.installState, m.aadObjectId ?? null]).sort()).toEqual([
      ['Aisha Khan', 'aisha.khan@nhs.net', 'lypft', 'mbu-nursing', 'not_installed', null],
      ['Barker, Ben', 'ben.barker@nhs.net', 'humber', null, 'not_installed', null],
    ]);
    const entry = (await storage.audit.list(id)).find((e) => e.action === 'roster.imported');
    expect(entry).toMatchObject({ action: 'roster.imported', details: { lines: 2, added: 2, updated: 0, unchanged: 0 } });
    expect(JSON.stringify(entry)).not.toContain('Aisha');
  });

  it('imports nothing when one line is bad, and names every bad line with its column', async () => {
    const id = await readyCollaborative();
    const csv =
      'email,name,organisation,workgroup\n' +
      'aisha.khan@nhs.net,Aisha Khan,lypft,MBU nursing\n' +
      'no-at-sign,,lypft,MBU nursing\n' +
      'ben@nhs.net,Ben Barker,Unknown Trust,MBU nursing\n' +
      'chloe@nhs.net,Chloe Clarke,humber,Astronauts\n' +
      'AISHA.KHAN@nhs.net,Aisha Again,lypft,\n';
    const error = await importRoster(setupDeps(storage), { collaborativeId: id, csv }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RosterFileError);
    expect((error as RosterFileError).problems).toEqual([
      'line 3, column 1 (email): "no-at-sign" is not an e-mail address or user principal name (name@organisation); column 2 (name): name is empty',
      'line 4, column 3 (organisation): "Unknown Trust" is not a partner organisation of this collaborative',
      'line 5, column 4 (workgroup): "Astronauts" is not a workgroup of this collaborative',
      'line 6, column 1 (email): aisha.khan@nhs.net is already on line 2',
    ]);
    expect((error as RosterFileError).userMessage).toBe('Nothing was imported: 4 lines of the roster need correcting first.');
    expect(await storage.members.list(id)).toEqual([]);
    expect((await storage.audit.list(id)).map((e) => e.action)).not.toContain('roster.imported');
  });

  it('re-importing updates people instead of adding them twice, and keeps what Teams gave installed members', async () => {
    const id = await readyCollaborative();
    await importRoster(setupDeps(storage), {
      collaborativeId: id,
      csv: `${HEADER}Aisha Khan,aisha.khan@nhs.net,lypft,MBU nursing\nBen Barker,ben.barker@nhs.net,humber,Community perinatal team\nChloe Clarke,chloe.clarke@nhs.net,humber,\n`,
    });
    // Aisha installs the app: Teams gives her Entra object id and a conversation reference.
    const aisha = (await storage.members.findByUpnOrEmail(id, 'aisha.khan@nhs.net'))!;
    const aadObjectId = randomUUID();
    const reference = { conversation: { id: 'a:1personal' }, serviceUrl: 'https://smba.trafficmanager.net/uk/' };
    await storage.members.update(aisha, { ...aisha.value, aadObjectId, upn: 'aisha.khan@nhs.net', installState: 'installed', conversationReference: reference });
    // Chloe picks her workgroup in the survey; the roster leaves it empty.
    await storage.members.modify(id, (await storage.members.findByUpnOrEmail(id, 'chloe.clarke@nhs.net'))!.value.id, (m) => ({ ...m, workgroupId: 'mbu-nursing' }));

    const counter = countRequests(storage.clients.members);
    const again = await importRoster(setupDeps(storage, fixedClock('2024-05-02T10:00:00.000Z')), {
      collaborativeId: id,
      csv: `${HEADER}Aisha Khan-Smith,AISHA.KHAN@NHS.NET,lypft,Community perinatal team\nBen Barker,ben.barker@nhs.net,humber,Community perinatal team\nChloe Clarke,chloe.clarke@nhs.net,humber,\nDan Dawson,dan.dawson@nhs.net,lypft,MBU nursing\n`,
    });
    expect(again).toEqual({ lines: 4, added: 1, updated: 1, unchanged: 2 });
    expect(counter.batches).toBe(1);

    const members = await storage.members.list(id);
    expect(members).toHaveLength(4);
    const byEmail = new Map(members.map((m) => [m.email, m]));
    expect(byEmail.get('aisha.khan@nhs.net')).toMatchObject({
      id: aisha.value.id, displayName: 'Aisha Khan-Smith', workgroupId: 'community-perinatal-team',
      aadObjectId: aadObjectId.toLowerCase(), installState: 'installed', conversationReference: reference,
    });
    expect(byEmail.get('chloe.clarke@nhs.net')?.workgroupId).toBe('mbu-nursing');
  });

  it('matches a person Teams added first by their UPN, so roster and Teams meet on one member', async () => {
    const id = await readyCollaborative();
    const aadObjectId = randomUUID();
    await storage.members.create({
      collaborativeId: id, id: 'from-teams', aadObjectId, upn: 'ellie.evans@nhs.net', displayName: 'Ellie Evans (Teams)',
      organisationId: 'lypft', installState: 'installed', conversationReference: { conversation: { id: 'a:2' } },
    });
    const result = await importRoster(setupDeps(storage), { collaborativeId: id, csv: `${HEADER}Ellie Evans,Ellie.Evans@nhs.net,humber,MBU nursing\n` });
    expect(result).toMatchObject({ added: 0, updated: 1 });
    expect(await storage.members.list(id)).toEqual([
      expect.objectContaining({ id: 'from-teams', aadObjectId, email: 'ellie.evans@nhs.net', organisationId: 'humber', installState: 'installed' }),
    ]);
  });

  it('a member changed by the bot while the import runs keeps that change (the import reads again)', async () => {
    const id = await readyCollaborative();
    await importRoster(setupDeps(storage), { collaborativeId: id, csv: `${HEADER}Farah Hussain,farah@nhs.net,lypft,\n` });
    const farah = (await storage.members.findByUpnOrEmail(id, 'farah@nhs.net'))!;
    const aadObjectId = randomUUID();
    // The bot saves her installation between the import's read and its write.
    const racing = { ...storage, members: Object.create(storage.members) as Storage['members'] };
    let raced = false;
    racing.members.listVersioned = async (cId: string) => {
      const read = await storage.members.listVersioned(cId);
      if (!raced) {
        raced = true;
        await storage.members.update(farah, { ...farah.value, aadObjectId, installState: 'installed', conversationReference: { conversation: { id: 'a:3' } } });
      }
      return read;
    };
    const result = await importRoster({ ...setupDeps(storage), storage: racing }, { collaborativeId: id, csv: `${HEADER}Farah Hussain,farah@nhs.net,lypft,MBU nursing\n` });
    expect(result).toMatchObject({ updated: 1 });
    expect((await storage.members.get(id, farah.value.id)).value).toMatchObject({ aadObjectId, installState: 'installed', workgroupId: 'mbu-nursing' });
  });

  it('imports 250 people in batches of at most 100', async () => {
    const id = await readyCollaborative();
    const lines = Array.from({ length: 250 }, (_, i) => `Person ${i},person.${i}@nhs.net,${i % 2 ? 'lypft' : 'humber'},MBU nursing\n`);
    const counter = countRequests(storage.clients.members);
    expect(await importRoster(setupDeps(storage), { collaborativeId: id, csv: HEADER + lines.join('') })).toMatchObject({ added: 250 });
    expect(counter.batches).toBe(3);
    expect(await storage.members.list(id)).toHaveLength(250);
  });
});
