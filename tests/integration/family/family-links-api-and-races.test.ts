import { randomUUID } from 'node:crypto';
import { issueFamilyLinks } from '../../../src/app/family/issue-family-links';
import { parseAuthConfig } from '../../../src/config/auth-config';
import { familyLinksResponseSchema } from '../../../src/contract/family-contract';
import { DIMENSIONS } from '../../../src/domain/instrument';
import type { Storage } from '../../../src/storage/storage';
import { aMember } from '../../support/fixtures';
import { testStorage, uniquePrefix } from '../../support/test-storage';
import { APP_ID_URI, CLIENT_ID, startKeyServer, TENANT, type KeyServer } from '../api/api-harness';
import { aFamiliesPulse, FakeClock, getPage, newAddress, pagePath, postPage, startFamilyServer, testLinkDeps, type FamilyServer } from './family-kit';

/**
 * What happens across instances (two servers over the same tables) and who may make links:
 * the link used from two phones at the same moment, the per-address limit shared by every
 * instance, and the facilitator-only API.
 */

const clock = new FakeClock(new Date('2026-03-02T09:00:00.000Z'));
const form = (target: string) => new URLSearchParams([...DIMENSIONS.map((d): [string, string] => [`r.${target}.${d}`, '3']), ['sharing', 'overall_only']]).toString();

describe('family links across two instances', () => {
  let one: Storage;
  let two: Storage;
  let a: FamilyServer;
  let b: FamilyServer;
  beforeAll(async () => {
    const prefix = uniquePrefix();
    one = await testStorage({ prefix });
    two = await testStorage({ prefix });
    a = await startFamilyServer(one, clock, { limit: { requests: 4, windowMs: 60_000 } });
    b = await startFamilyServer(two, clock, { limit: { requests: 4, windowMs: 60_000 } });
  });
  afterAll(() => {
    a.stop();
    b.stop();
  });

  it('store exactly one answer when the same link is sent from two instances at once', async () => {
    const scope = await aFamiliesPulse(one, { kind: 'transition', targetWorkgroupIds: ['mbu-nursing', 'maternity', 'health-visiting'] });
    const [link] = await issueFamilyLinks(testLinkDeps(one, clock), scope, 1);
    const path = pagePath(link!.url);
    const sends = Array.from({ length: 6 }, (_, i) => postPage(i % 2 ? a : b, path, form('care-team')));
    const statuses = (await Promise.all(sends)).map((s) => s.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await two.submissions.listPending(scope)).toHaveLength(1);
    expect((await one.submissions.listPending(scope))[0]!.value).toMatchObject({ respondentWorkgroupId: 'families', familySharing: 'overall_only' });
  });

  it('limit requests per address across instances with a kind 429 page, and not other addresses', async () => {
    const scope = await aFamiliesPulse(one);
    const [link] = await issueFamilyLinks(testLinkDeps(one, clock), scope, 1);
    const path = pagePath(link!.url);
    const address = newAddress();
    for (const server of [a, b, a, b]) expect((await getPage(server, path, address)).status).toBe(200);
    const refused = await postPage(a, path, form('mbu-nursing'), address);
    expect([refused.status, refused.html]).toEqual([429, expect.stringContaining('Please wait a few minutes')]);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect((await getPage(b, path, address)).status).toBe(429);
    // Made-up links count too: guessing is limited like anything else.
    expect((await getPage(b, `/f/${'0'.repeat(32)}.${'A'.repeat(22)}`, address)).status).toBe(429);
    expect((await getPage(b, path, newAddress())).status).toBe(200);
    expect(await one.submissions.listPending(scope)).toHaveLength(0);
    // The next window lets the address in again.
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect((await getPage(a, path, address)).status).toBe(200);
  });
});

describe('the family-link API', () => {
  let storage: Storage;
  let keys: KeyServer;
  let server: FamilyServer;
  const facilitator = randomUUID();
  const viewer = randomUUID();
  let collaborativeId: string;
  let pulseId: string;

  beforeAll(async () => {
    storage = await testStorage();
    keys = await startKeyServer();
    const auth = parseAuthConfig({ TAB_CLIENT_ID: CLIENT_ID, TAB_APP_ID_URI: APP_ID_URI, AUTH_JWKS_URL: keys.url }, { host: '127.0.0.1' });
    server = await startFamilyServer(storage, clock, { auth });
    ({ collaborativeId, pulseId } = await aFamiliesPulse(storage));
    await storage.collaboratives.modify(collaborativeId, (c) => ({ ...c, facilitatorIds: [facilitator], allowedTenantIds: [TENANT] }));
    await storage.members.upsertMany([aMember(collaborativeId, 1, { aadObjectId: viewer, tenantId: TENANT })]);
  });
  afterAll(async () => {
    server.stop();
    await keys.stop();
  });

  const call = async (oid: string | undefined, method: 'GET' | 'POST', body?: unknown) => {
    const headers: Record<string, string> = oid ? { Authorization: `Bearer ${await keys.sign({ oid })}` } : {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${server.url}/api/collaboratives/${collaborativeId}/pulses/${pulseId}/family-links`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('lets a facilitator make links and list them, each a working page with its QR code', async () => {
    const made = await call(facilitator, 'POST', { count: 2 });
    expect(made.status).toBe(201);
    const links = familyLinksResponseSchema.parse(made.body).links;
    expect(links).toHaveLength(2);
    const listed = await call(facilitator, 'GET');
    expect(familyLinksResponseSchema.parse(listed.body).links.map((l) => l.linkId).sort()).toEqual(links.map((l) => l.linkId).sort());
    expect((await getPage(server, pagePath(links[0]!.url))).status).toBe(200);
    const audit = await storage.audit.list(collaborativeId);
    expect(audit.some((e) => e.action === 'family_links.issue' && e.details?.count === 2 && !JSON.stringify(e).includes(links[0]!.linkId))).toBe(true);
  });

  it('refuses viewers, strangers and no sign-in, and a bad request, making no link', async () => {
    const before = (await storage.familyLinks.listForPulse({ collaborativeId, pulseId })).length;
    expect((await call(viewer, 'GET')).status).toBe(403);
    expect((await call(viewer, 'POST', { count: 1 })).status).toBe(403);
    expect((await call(randomUUID(), 'POST', { count: 1 })).status).toBe(403);
    expect((await call(undefined, 'POST', { count: 1 })).status).toBe(401);
    for (const bad of [{ count: 0 }, { count: 1.5 }, { count: '2' }, { count: 1, linkId: 'x' }, {}]) {
      expect([bad, (await call(facilitator, 'POST', bad)).status]).toEqual([bad, 422]);
    }
    expect(await storage.familyLinks.listForPulse({ collaborativeId, pulseId })).toHaveLength(before);
  });
});
