import { ConfigError } from '../../../src/config/config';
import { parseAuthConfig } from '../../../src/config/auth-config';
import { devTokenResponseSchema, devUsersResponseSchema, errorBodySchema, meResponseSchema } from '../../../src/contract/api-contract';
import { startSeededApi, type SeededApi, type Seeded } from './api-fixtures';
import { APP_ID_URI, getJson, OTHER_TENANT, startApi, TENANT, type ApiHarness, type KeyServer } from './api-harness';

describe('signing in to the API', () => {
  let keys: KeyServer;
  let api: ApiHarness;
  let seeded: Seeded;
  let world: SeededApi;
  beforeAll(async () => {
    world = await startSeededApi();
    ({ keys, api, seeded } = world);
  });
  afterAll(() => world.stop());

  const me = (token?: string) => getJson(`${api.url}/api/me`, token);
  const expectRefused = (res: { status: number; body: unknown; headers: Headers }) => {
    expect(res.status).toBe(401);
    expect(errorBodySchema.parse(res.body).message).toMatch(/sign in/i);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  };

  it('refuses a request without a token with 401 and says to sign in', async () => {
    const res = await me();
    expectRefused(res);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('refuses an expired token with 401 sign_in_expired', async () => {
    const res = await me(await keys.sign({ oid: seeded.people.viewer.oid, expiresIn: -600 }));
    expectRefused(res);
    expect(res.body.code).toBe('sign_in_expired');
  });

  it('refuses a token for another app (wrong audience)', async () => {
    expectRefused(await me(await keys.sign({ oid: seeded.people.viewer.oid, aud: '99999999-2222-4333-8444-555555555555' })));
  });

  it('refuses a token whose issuer is not Microsoft for the tenant it names', async () => {
    expectRefused(await me(await keys.sign({ oid: seeded.people.viewer.oid, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` })));
    expectRefused(await me(await keys.sign({ oid: seeded.people.viewer.oid, iss: 'https://evil.example/v2.0' })));
  });

  it('refuses a token with a bad signature, or signed by a key Microsoft never published', async () => {
    expectRefused(await me(await keys.sign({ oid: seeded.people.viewer.oid }, keys.otherKey)));
    expectRefused(await me(await keys.sign({ oid: seeded.people.viewer.oid, kid: 'unknown-key' }, keys.otherKey)));
    const good = await keys.sign({ oid: seeded.people.viewer.oid });
    expectRefused(await me(`${good.slice(0, -6)}AAAAAA`));
    expectRefused(await me('not-a-token'));
  });

  it('refuses a token without the access_as_user scope', async () => {
    expectRefused(await me(await keys.sign({ oid: seeded.people.viewer.oid, scp: 'User.Read' })));
  });

  it('accepts a v1 token (sts.windows.net issuer, Application ID URI audience)', async () => {
    const token = await keys.sign({ oid: seeded.people.viewer.oid, aud: APP_ID_URI, iss: `https://sts.windows.net/${TENANT}/` });
    expect((await me(token)).status).toBe(200);
  });

  it('gives a viewer and a facilitator their roles, and finds a roster person by e-mail', async () => {
    const roleOf = async (person: { oid: string; upn: string }) => {
      const res = await me(await keys.sign({ oid: person.oid, upn: person.upn }));
      expect(res.status).toBe(200);
      return meResponseSchema.parse(res.body).collaboratives.find((c) => c.id === seeded.collaborativeId)?.role;
    };
    expect(await roleOf(seeded.people.viewer)).toBe('viewer');
    expect(await roleOf(seeded.people.facilitator)).toBe('facilitator');
    expect(await roleOf(seeded.people.rosterOnly)).toBe('viewer');
    expect(await roleOf(seeded.people.stranger)).toBeUndefined();
  });

  it('refuses a person from a tenant the collaborative does not allow with 403, even with a matching e-mail', async () => {
    const token = await keys.sign({ oid: seeded.people.viewer.oid, tid: OTHER_TENANT, upn: seeded.people.viewer.upn });
    const res = await getJson(`${api.url}/api/collaboratives/${seeded.collaborativeId}`, token);
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/not set up for your organisation/);
    expect(meResponseSchema.parse((await me(token)).body).collaboratives).toEqual([]);
  });

  it('refuses someone who is not on the list with 403 and says whom to ask', async () => {
    const res = await getJson(`${api.url}/api/collaboratives/${seeded.collaborativeId}`, await keys.sign({ oid: seeded.people.stranger.oid }));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'forbidden', message: expect.stringMatching(/ask one of its facilitators/), reference: expect.any(String) });
  });

  it('does not offer development sign-in, nor accept its tokens, in Entra mode', async () => {
    expect((await getJson(`${api.url}/api/dev/users`)).status).toBe(404);
    const dev = await startApi({ env: { AUTH_MODE: 'development' } });
    try {
      const issued = await fetch(`${dev.url}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ upn: devUsersResponseSchema.parse((await getJson(`${dev.url}/api/dev/users`)).body).users[0]!.upn }) });
      const { token } = devTokenResponseSchema.parse(await issued.json());
      expect((await getJson(`${dev.url}/api/me`, token)).status).toBe(200);
      const refused = await me(token);
      expect(refused.status).toBe(401);
      expect(refused.body.message).toMatch(/Development sign-in is not accepted here/);
    } finally {
      dev.stop();
    }
  });

  it('refuses to start development sign-in on an address other machines can reach, or in production', () => {
    expect(() => parseAuthConfig({ AUTH_MODE: 'development' }, { host: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => parseAuthConfig({ AUTH_MODE: 'development' }, { host: '0.0.0.0' })).toThrow(/loopback/);
    expect(() => parseAuthConfig({ AUTH_MODE: 'development', NODE_ENV: 'production' }, { host: '127.0.0.1' })).toThrow(/NODE_ENV=production/);
    expect(() => parseAuthConfig({}, { host: '127.0.0.1' })).toThrow(/TAB_CLIENT_ID/);
  });
});

describe('development sign-in (npm start)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ env: { AUTH_MODE: 'development' } });
  });
  afterAll(() => api.stop());

  const post = (body: string, type = 'application/json') =>
    fetch(`${api.url}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': type }, body });

  it('lists the demo people, the first being the facilitator, and signs a token for one', async () => {
    const users = devUsersResponseSchema.parse((await getJson(`${api.url}/api/dev/users`)).body).users;
    expect(users[0]!.role).toBe('facilitator');
    const res = await post(JSON.stringify({ upn: users[1]!.upn.toUpperCase() }));
    expect(res.status).toBe(200);
    const me = await getJson(`${api.url}/api/me`, devTokenResponseSchema.parse(await res.json()).token);
    expect(me.body.user).toMatchObject({ name: users[1]!.name, upn: users[1]!.upn });
  });

  it('answers a body that breaks the schema with 422, and an unknown person with 422 naming who can sign in', async () => {
    const bad = await post(JSON.stringify({ upn: 42 }));
    expect(bad.status).toBe(422);
    expect(errorBodySchema.parse(await bad.json()).code).toBe('invalid_request');
    const unknown = await post(JSON.stringify({ upn: 'nobody@nhs.net' }));
    expect(unknown.status).toBe(422);
    expect(errorBodySchema.parse(await unknown.json()).message).toMatch(/Choose one of/);
  });

  it('refuses a body over the size limit with 413 and a JSON message', async () => {
    const res = await post(JSON.stringify({ upn: 'x'.repeat(400 * 1024) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'too_large', message: 'The request is too large.' });
  });
});
