import { randomUUID } from 'node:crypto';
import { memberIdFor } from '../../../src/storage/keys/member-keys';
import type { Storage } from '../../../src/storage/storage';
import { aCollaborative, aMember } from '../../support/fixtures';
import { testStorage } from '../../support/test-storage';

jest.setTimeout(30_000);

let storage: Storage;
let collaborativeId: string;
let otherId: string;
beforeAll(async () => {
  storage = await testStorage();
  collaborativeId = (await storage.collaboratives.create(aCollaborative())).value.id;
  otherId = (await storage.collaboratives.create(aCollaborative())).value.id;
});

describe('member identity (Azurite)', () => {
  it('stores a member from a roster before Teams has given an Entra object id', async () => {
    const id = memberIdFor(collaborativeId, 'Aisha.Khan@nhs.net');
    await storage.members.create({ collaborativeId, id, email: 'Aisha.Khan@NHS.net', displayName: 'Aisha Khan', organisationId: 'lypft' });
    const stored = (await storage.members.get(collaborativeId, id)).value;
    expect(stored).toMatchObject({ id, email: 'aisha.khan@nhs.net', installState: 'not_installed' });
    expect(stored.aadObjectId).toBeUndefined();
    // The key does not depend on case or spaces, and differs between collaboratives.
    expect(memberIdFor(collaborativeId, ' aisha.khan@nhs.net ')).toBe(id);
    expect(memberIdFor(otherId, 'aisha.khan@nhs.net')).not.toBe(id);
  });

  it('finds a member by Entra object id in any case, only within their collaborative', async () => {
    const member = aMember(collaborativeId, 10);
    await storage.members.create(member);
    const found = await storage.members.findByAadObjectId(collaborativeId, member.aadObjectId.toUpperCase());
    expect(found?.value.id).toBe(member.id);
    expect(found?.etag).toBeTruthy();
    expect(await storage.members.findByAadObjectId(otherId, member.aadObjectId)).toBeUndefined();
    expect(await storage.members.findByAadObjectId(collaborativeId, randomUUID())).toBeUndefined();
    expect(await storage.members.findByAadObjectId(collaborativeId, 'not-a-guid')).toBeUndefined();
  });

  it('finds a member by UPN or by e-mail, whichever property holds it, in any case', async () => {
    const fromTeams = aMember(collaborativeId, 11, { upn: 'ben.barker@nhs.net', email: 'b.barker@bdct.nhs.uk' });
    await storage.members.create(fromTeams);
    const fromRoster = { collaborativeId, id: memberIdFor(collaborativeId, 'chloe.clarke@nhs.net'), email: 'chloe.clarke@nhs.net', displayName: 'Chloe Clarke', organisationId: 'humber' };
    await storage.members.create(fromRoster);

    expect((await storage.members.findByUpnOrEmail(collaborativeId, 'BEN.BARKER@nhs.net'))?.value.id).toBe(fromTeams.id);
    expect((await storage.members.findByUpnOrEmail(collaborativeId, 'B.Barker@BDCT.nhs.uk'))?.value.id).toBe(fromTeams.id);
    expect((await storage.members.findByUpnOrEmail(collaborativeId, ' chloe.clarke@nhs.net '))?.value.id).toBe(fromRoster.id);
    expect(await storage.members.findByUpnOrEmail(otherId, 'chloe.clarke@nhs.net')).toBeUndefined();
    expect(await storage.members.findByUpnOrEmail(collaborativeId, 'nobody@nhs.net')).toBeUndefined();
    expect(await storage.members.findByUpnOrEmail(collaborativeId, "o'brien' or 'a'='a")).toBeUndefined();
  });

  it('when Teams brings the Entra object id of a roster member, the same row gains it and keeps its key', async () => {
    const id = memberIdFor(collaborativeId, 'dan.dawson@nhs.net');
    await storage.members.create({ collaborativeId, id, email: 'dan.dawson@nhs.net', displayName: 'Dan Dawson', organisationId: 'lypft' });
    const aadObjectId = randomUUID();
    const found = await storage.members.findByIdentity(collaborativeId, { aadObjectId, upn: 'Dan.Dawson@nhs.net' });
    expect(found?.value.id).toBe(id);
    await storage.members.update(found!, {
      ...found!.value, aadObjectId, upn: 'dan.dawson@nhs.net', installState: 'installed', conversationReference: { conversation: { id: 'a:1' } },
    });

    const byAad = await storage.members.findByIdentity(collaborativeId, { aadObjectId });
    expect(byAad?.value).toMatchObject({ id, aadObjectId: aadObjectId.toLowerCase(), installState: 'installed' });
    expect((await storage.members.list(collaborativeId)).filter((m) => m.displayName === 'Dan Dawson')).toHaveLength(1);
  });

  it('refuses a member with no identity at all, and an installed member without an Entra object id', async () => {
    const base = { collaborativeId, id: 'no-identity', displayName: 'Nobody', organisationId: 'lypft' };
    await expect(storage.members.create(base)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      storage.members.create({ ...base, email: 'x@nhs.net', installState: 'installed', conversationReference: { a: 1 } }),
    ).rejects.toMatchObject({ code: 'invalid_input', problems: [expect.stringMatching(/^aadObjectId: an installed member needs an Entra object id/)] });
    expect(await storage.members.find(collaborativeId, 'no-identity')).toBeUndefined();
  });

  it('saves a set of member changes only if none changed since read: a stale one fails the batch', async () => {
    const a = await storage.members.create(aMember(collaborativeId, 20));
    const b = await storage.members.create(aMember(collaborativeId, 21));
    await storage.members.modify(collaborativeId, b.value.id, (m) => ({ ...m, displayName: 'Changed meanwhile' }));
    await expect(
      storage.members.saveChanges({
        replace: [
          { previous: a, next: { ...a.value, displayName: 'A renamed' } },
          { previous: b, next: { ...b.value, displayName: 'B renamed' } },
        ],
      }),
    ).rejects.toMatchObject({ code: 'concurrent_update' });
    expect((await storage.members.get(collaborativeId, a.value.id)).value.displayName).toBe(a.value.displayName);
    expect((await storage.members.get(collaborativeId, b.value.id)).value.displayName).toBe('Changed meanwhile');
  });
});
