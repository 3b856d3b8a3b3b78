import { randomUUID } from 'node:crypto';
import { errorBodySchema, meResponseSchema } from '../../../src/contract/api-contract';
import { aCollaborative, aMember } from '../../support/fixtures';
import { startSeededApi, type SeededApi } from './api-fixtures';
import { getJson, OTHER_TENANT, TENANT } from './api-harness';

// Someone from another Entra tenant (one they run themselves, where they can give a user any
// name and e-mail address) tries to pass for a person on a collaborative's list; and what a
// refusal tells a person the collaborative has not let in.

let world: SeededApi;
const ids = { linked: '', unlinked: '' };
const people = {
  facilitator: randomUUID(),
  member: randomUUID(),
  roster: 'alex.roster@nhs.net',
};
const NAME = 'North East Perinatal Collaborative (empty tenant list)';

beforeAll(async () => {
  world = await startSeededApi();
  const { storage } = world.api;
  // No allowed tenants: RC Pulse was added to a team in TENANT, so that is its home tenant.
  const channelReference = { conversation: { id: `19:${randomUUID()}@thread.tacv2`, conversationType: 'channel', tenantId: TENANT }, serviceUrl: 'https://smba.trafficmanager.net/uk/' };
  const linked = aCollaborative({ name: NAME, facilitatorIds: [people.facilitator], teamsTeamId: channelReference.conversation.id, channelReference });
  // No allowed tenants and no team yet: no tenant at all may take part.
  const unlinked = aCollaborative({ name: `${NAME} not in Teams yet`, facilitatorIds: [people.facilitator] });
  for (const c of [linked, unlinked]) {
    await storage.organisations.upsertMany([{ collaborativeId: c.id, id: 'trust', name: 'A Trust' }]);
    await storage.members.upsertMany([
      aMember(c.id, 1, { aadObjectId: people.member, tenantId: TENANT }),
      { collaborativeId: c.id, id: 'roster-1', email: people.roster, displayName: 'Alex Roster', organisationId: 'trust' },
    ]);
    await storage.collaboratives.create(c);
  }
  ids.linked = linked.id;
  ids.unlinked = unlinked.id;
});
afterAll(() => world.stop());

type Claims = Parameters<SeededApi['keys']['sign']>[0];
const token = (claims: Claims) => world.keys.sign(claims);
const open = async (id: string, claims: Claims) => getJson(`${world.api.url}/api/collaboratives/${id}`, await token(claims));
const listed = async (claims: Claims) => meResponseSchema.parse((await getJson(`${world.api.url}/api/me`, await token(claims))).body).collaboratives.map((c) => c.id);

describe('a collaborative with an empty list of allowed tenants', () => {
  it('lets in its home tenant: the facilitator, a member, and a roster person matched by e-mail', async () => {
    expect((await open(ids.linked, { oid: people.facilitator })).body.role).toBe('facilitator');
    expect((await open(ids.linked, { oid: people.member })).body.role).toBe('viewer');
    expect((await open(ids.linked, { oid: randomUUID(), upn: people.roster })).body.role).toBe('viewer');
  });

  it("refuses (403) another tenant's user whose UPN matches a roster row, and does not list it", async () => {
    const impostor = { oid: randomUUID(), tid: OTHER_TENANT, upn: people.roster };
    const res = await open(ids.linked, impostor);
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/not set up for your organisation/);
    expect(await listed(impostor)).not.toContain(ids.linked);
  });

  it("refuses (403) another tenant's user whose e-mail claim alone matches a roster row", async () => {
    const impostor = { oid: randomUUID(), tid: OTHER_TENANT, email: people.roster.toUpperCase() };
    expect((await open(ids.linked, impostor)).status).toBe(403);
    expect(await listed(impostor)).not.toContain(ids.linked);
  });

  it('refuses (403) another tenant even for the object ids of its facilitator and members', async () => {
    for (const oid of [people.facilitator, people.member]) {
      expect((await open(ids.linked, { oid, tid: OTHER_TENANT })).status).toBe(403);
      expect(await listed({ oid, tid: OTHER_TENANT })).toEqual([]);
    }
  });

  it('admits no tenant at all while it has neither an allowed list nor a team', async () => {
    for (const claims of [{ oid: people.facilitator }, { oid: randomUUID(), upn: people.roster }, { oid: randomUUID(), tid: OTHER_TENANT, upn: people.roster }]) {
      expect((await open(ids.unlinked, claims)).status).toBe(403);
      expect(await listed(claims)).not.toContain(ids.unlinked);
    }
  });
});

describe('what a refusal says', () => {
  it('names no collaborative, carries a reference, and the log has the same reference', async () => {
    const refusals = [
      await open(ids.linked, { oid: randomUUID(), upn: 'stranger@nhs.net' }), // not on the list
      await open(ids.linked, { oid: randomUUID(), tid: OTHER_TENANT }), // tenant not allowed
      await open(world.seeded.collaborativeId, { oid: world.seeded.people.stranger.oid }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(403);
      const body = errorBodySchema.parse(res.body);
      expect(body).toEqual({ code: 'forbidden', message: expect.any(String), reference: expect.stringMatching(/^[0-9a-f]{8}$/) });
      for (const secret of [NAME, ids.linked, 'Yorkshire', world.seeded.collaborativeId]) expect(res.text).not.toContain(secret);
      expect(world.api.logs.filter((line) => line.includes(body.reference!))).toEqual([expect.stringMatching(/^refused [0-9a-f]{8} GET \/api\/collaboratives\//)]);
    }
  });

  it('says "not found" for a collaborative that does not exist, naming nothing', async () => {
    const res = await open('no-such-collaborative', { oid: people.facilitator });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('The collaborative could not be found. It may have been removed.');
  });
});
