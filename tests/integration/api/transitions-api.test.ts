import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { parseAuthConfig } from '../../../src/config/auth-config';
import { transitionCheckBodySchema, transitionStartedSchema, transitionsSummarySchema } from '../../../src/contract/transitions-contract';
import { registerApiRoutes } from '../../../src/http/api-routes';
import { createServer } from '../../../src/http/server';
import type { Storage } from '../../../src/storage/storage';
import { testStorage } from '../../support/test-storage';
import { aBody, aTransitionWorld, staffAnswers, type TransitionWorld } from '../app/transitions-kit';
import { APP_ID_URI, CLIENT_ID, getJson, startKeyServer, TENANT, type KeyServer } from './api-harness';

jest.setTimeout(60_000);

let storage: Storage;
let keys: KeyServer;
let server: restify.Server;
let url: string;
let world: TransitionWorld;

beforeAll(async () => {
  storage = await testStorage();
  keys = await startKeyServer();
  world = await aTransitionWorld(storage, { people: 5 });
  await storage.collaboratives.modify(world.collaborative.id, (c) => ({ ...c, allowedTenantIds: [TENANT] }));
  const auth = parseAuthConfig({ TAB_CLIENT_ID: CLIENT_ID, TAB_APP_ID_URI: APP_ID_URI, AUTH_JWKS_URL: keys.url }, { host: '127.0.0.1' });
  server = createServer({ health: async () => ({ ok: true, checks: {} }) });
  registerApiRoutes(server, { storage, auth, clock: () => world.clock.now, log: () => undefined, transitions: { deliver: world.tdeps.deliver, familyLinks: world.tdeps.familyLinks } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/collaboratives/${world.collaborative.id}/transitions`;
});
afterAll(async () => {
  server.close();
  await keys.stop();
});

const tokenOf = (oid: string) => keys.sign({ oid, upn: `${oid.slice(0, 8)}@nhs.net` });
async function post(path: string, oid: string, body: unknown) {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${await tokenOf(oid)}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
async function transitionRows(): Promise<number> {
  let n = 0;
  for (const role of ['pulses', 'transitions', 'familyLinks'] as const) for await (const _ of storage.clients[role].listEntities()) n += 1;
  return n;
}

describe('the transition checks API', () => {
  it.each([
    ['943 476 5919', 'an NHS number'],
    ['jo@example.com', 'an e-mail address'],
    ['01/02/1990', 'a date'],
    ['07700 900123', 'a phone number'],
  ])('refuses the reference %s with 422 saying it looks like %s, and stores nothing', async (reference, looksLike) => {
    const before = await transitionRows();
    const res = await post('', world.facilitator.aadObjectId, aBody(world.people.slice(0, 3), { reference }));
    expect(res.status).toBe(422);
    expect(res.body.message).toContain(`This looks like ${looksLike}`);
    expect(await transitionRows()).toBe(before);
  });

  it('starts a check from the tab, shows it to its starter, staff and facilitators only, and closes it once', async () => {
    const [a, b, c, outsider] = world.people;
    const res = await post('', a!.aadObjectId!, aBody([a!, b!, c!], { familyLinks: 1 }));
    expect(res.status).toBe(201);
    const started = transitionStartedSchema.parse(res.body);
    expect(started.familyLinks).toHaveLength(1);
    expect(started.unreachable).toEqual([]);
    expect(started.transition).toMatchObject({ reference: 'MBU admission 14', status: 'open', published: null, canClose: true });
    const one = `${url}/${started.transition.id}`;

    for (const oid of [a!.aadObjectId!, b!.aadObjectId!, world.facilitator.aadObjectId]) {
      const seen = await getJson(one, await tokenOf(oid));
      expect(seen.status).toBe(200);
      transitionCheckBodySchema.parse(seen.body);
    }
    const refused = await getJson(one, await tokenOf(outsider!.aadObjectId!));
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('MBU admission 14');
    // Staff who did not start it cannot close it.
    expect((await post(`/${started.transition.id}/close`, b!.aadObjectId!, {})).status).toBe(403);

    // Before the close: progress only.
    for (const m of [a!, b!, c!]) await staffAnswers(world, m, '2');
    const open = transitionCheckBodySchema.parse((await getJson(one, await tokenOf(a!.aadObjectId!))).body);
    expect(open).toMatchObject({ status: 'open', published: null, reach: { invited: 4, answered: 3 } });

    const closed = await post(`/${started.transition.id}/close`, a!.aadObjectId!, {});
    expect(closed.status).toBe(200);
    const body = transitionCheckBodySchema.parse(closed.body);
    expect(body.published).toMatchObject({ staffAnswered: 3, teamRc: { mean: 2, n: 3, band: 'weak' }, familyView: null, alert: { weak: true, because: ['team_rc'] } });
    expect(body.published!.alert.interventions.length).toBeGreaterThan(0);
    const again = await post(`/${started.transition.id}/close`, world.facilitator.aadObjectId, {});
    expect(again.status).toBe(409);

    // The summary: for anyone on the list; no reference.
    const summary = await getJson(url, await tokenOf(outsider!.aadObjectId!));
    expect(summary.status).toBe(200);
    expect(transitionsSummarySchema.parse(summary.body)).toMatchObject({ total: 1, closed: 1 });
    expect(summary.text).not.toContain('MBU admission 14');
  });
});
