import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { parseAuthConfig } from '../../../src/config/auth-config';
import { membersResponseSchema } from '../../../src/contract/members-contract';
import { registerApiRoutes } from '../../../src/http/api-routes';
import { createServer } from '../../../src/http/server';
import type { Member } from '../../../src/domain/model/member';
import { testStorage } from '../../support/test-storage';
import { aWorld, RETIRED_WORKGROUP, type World } from '../app/app-test-kit';
import { APP_ID_URI, CLIENT_ID, getJson, OTHER_TENANT, startKeyServer, TENANT, type KeyServer } from './api-harness';

// GET /api/collaboratives/:id/members, the list the tab's transition start form names staff
// from. Attacked as an outsider would: no sign-in, a stranger in the same tenant, someone in
// another tenant who gives themselves a member's UPN, and someone only on the roster by e-mail
// (who may open the tab but, like a start, needs their Entra id on the list). What it does
// give: names and default roles, never an e-mail address or a UPN.

jest.setTimeout(60_000);

let keys: KeyServer;
let server: restify.Server;
let url: string;
let world: World;
let retired: Member;
const ROSTER_ONLY = 'robin.roster@nhs.net';

beforeAll(async () => {
  const storage = await testStorage();
  keys = await startKeyServer();
  world = await aWorld(storage, { people: 4, notInstalled: 1 });
  const id = world.collaborative.id;
  await storage.collaboratives.modify(id, (c) => ({ ...c, allowedTenantIds: [TENANT] }));
  retired = { ...world.people[0]!, id: 'm-retired', aadObjectId: randomUUID(), upn: 'casey.retired@nhs.net', displayName: 'Casey Retired', workgroupId: RETIRED_WORKGROUP.id };
  await storage.members.upsertMany([retired, { collaborativeId: id, id: 'm-roster', email: ROSTER_ONLY, displayName: 'Robin Roster', organisationId: 'lypft' }]);
  const auth = parseAuthConfig({ TAB_CLIENT_ID: CLIENT_ID, TAB_APP_ID_URI: APP_ID_URI, AUTH_JWKS_URL: keys.url }, { host: '127.0.0.1' });
  server = createServer({ health: async () => ({ ok: true, checks: {} }) });
  registerApiRoutes(server, { storage, auth, clock: () => world.clock.now, log: () => undefined });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/collaboratives/${id}/members`;
});
afterAll(async () => {
  server.close();
  await keys.stop();
});

const asPerson = async (claims: { oid: string; tid?: string; upn?: string }) => getJson(url, await keys.sign(claims));

describe('the members route', () => {
  it('refuses without a sign-in (401), and says nothing of the list', async () => {
    for (const res of [await getJson(url), await getJson(url, 'not-a-token')]) {
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('Test Person');
    }
  });

  it("refuses (403) a stranger, another tenant's user with a member's UPN, and a roster-only person, naming nobody", async () => {
    const strangers = [
      { oid: randomUUID() },
      { oid: randomUUID(), tid: OTHER_TENANT, upn: world.people[0]!.upn! },
      { oid: randomUUID(), upn: ROSTER_ONLY },
    ];
    for (const claims of strangers) {
      const res = await asPerson(claims);
      expect(res.status).toBe(403);
      expect(res.text).not.toMatch(/Test Person|Fran Facilitator|Robin Roster/);
    }
  });

  it('gives a member and a facilitator everyone who can be named, by name and default role, and never an e-mail address or UPN', async () => {
    for (const oid of [world.people[1]!.aadObjectId!, world.facilitator.aadObjectId]) {
      const res = await asPerson({ oid, upn: `${oid.slice(0, 8)}@nhs.net` });
      expect(res.status).toBe(200);
      const { members } = membersResponseSchema.parse(res.body);
      const all = await world.storage.members.list(world.collaborative.id);
      const named = all.filter((m) => m.aadObjectId);
      expect(members).toHaveLength(named.length);
      expect(members.map((m) => m.name)).toEqual([...members.map((m) => m.name)].sort((a, b) => a.localeCompare(b, 'en-GB')));
      for (const m of named) {
        const shown = members.find((x) => x.aadObjectId === m.aadObjectId);
        // A retired workgroup is not a role a new check's staff answer for.
        expect(shown).toEqual(m.workgroupId === RETIRED_WORKGROUP.id ? { aadObjectId: m.aadObjectId, name: m.displayName } : { aadObjectId: m.aadObjectId, name: m.displayName, workgroupId: m.workgroupId });
      }
      // Robin is only on the roster by e-mail: with no Entra id, they could not be named.
      expect(members.map((m) => m.name)).not.toContain('Robin Roster');
      expect(res.text).not.toContain('@');
      expect(res.text).not.toMatch(/upn|email|conversation|organisation|tenant/i);
    }
  });
});
