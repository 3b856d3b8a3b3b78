import { createHmac, createPublicKey, type JsonWebKey } from 'node:crypto';
import http from 'node:http';
import { errorBodySchema, meResponseSchema } from '../../../src/contract/api-contract';
import { startSeededApi, type SeededApi } from './api-fixtures';
import { getJson, startApi, type ApiHarness } from './api-harness';

// Forged and misused sign-in tokens, made by hand as an attacker would, sent through the real
// HTTP API; and a web page elsewhere reaching a development server through DNS rebinding.

const TEAMS_WEB = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
const OTHER_APP = '9b1c7d2e-3f4a-4b5c-8d6e-7f8091a2b3c4';

let world: SeededApi;
beforeAll(async () => {
  world = await startSeededApi();
});
afterAll(() => world.stop());

const me = (token: string) => getJson(`${world.api.url}/api/me`, token);
const viewer = () => world.seeded.people.viewer;

function expectRefused(res: { status: number; body: unknown }): void {
  expect(res.status).toBe(401);
  expect(errorBodySchema.parse(res.body).message).toMatch(/sign|Teams/i);
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The claims of a good token, to put under a header and signature of the attacker's choosing. */
async function goodClaims(): Promise<Record<string, unknown>> {
  const token = await world.keys.sign({ oid: viewer().oid, upn: viewer().upn });
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The published signing key, as the PEM text an HS256 confusion attack uses for its secret. */
async function publishedKeyPem(): Promise<string> {
  const { keys } = (await (await fetch(world.keys.url)).json()) as { keys: (JsonWebKey & { kid: string })[] };
  return createPublicKey({ key: keys[0]!, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
}

describe('forged tokens', () => {
  it('refuses a token with alg "none" and no signature', async () => {
    const claims = await goodClaims();
    for (const alg of ['none', 'None', 'NONE']) {
      expectRefused(await me(`${b64url({ alg, typ: 'JWT' })}.${b64url(claims)}.`));
      expectRefused(await me(`${b64url({ alg, typ: 'JWT', kid: 'test-key-1' })}.${b64url(claims)}.`));
    }
  });

  it('refuses an HS256 token signed with the published public key as the shared secret', async () => {
    const claims = await goodClaims();
    const pem = await publishedKeyPem();
    for (const secret of [pem, pem.trim(), Buffer.from(pem)]) {
      for (const header of [{ alg: 'HS256', typ: 'JWT' }, { alg: 'HS256', typ: 'JWT', kid: 'test-key-1' }]) {
        const unsigned = `${b64url(header)}.${b64url(claims)}`;
        const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');
        expectRefused(await me(`${unsigned}.${signature}`));
      }
    }
  });

  it('still accepts the same claims properly signed (the refusals above are about the forgery)', async () => {
    expect((await me(await world.keys.sign({ oid: viewer().oid, upn: viewer().upn }))).status).toBe(200);
  });
});

describe('token lifetime and the app that asked for it', () => {
  it('refuses a token that is not valid yet (nbf ten minutes ahead), allowing a small clock difference', async () => {
    expectRefused(await me(await world.keys.sign({ oid: viewer().oid, notBeforeIn: 600 })));
    expect((await me(await world.keys.sign({ oid: viewer().oid, notBeforeIn: 30 }))).status).toBe(200);
  });

  it('refuses a token another app asked for (azp), or one that names no app', async () => {
    const refused = await me(await world.keys.sign({ oid: viewer().oid, azp: OTHER_APP }));
    expectRefused(refused);
    expect(refused.body.message).toMatch(/app RC Pulse does not accept/);
    expectRefused(await me(await world.keys.sign({ oid: viewer().oid, azp: null })));
    expectRefused(await me(await world.keys.sign({ oid: viewer().oid, azp: null, appid: OTHER_APP })));
    expect(world.api.logs.join('\n')).not.toContain(OTHER_APP); // 401s are routine: not logged
  });

  it("accepts Teams' desktop and web clients, by azp (v2) or appid (v1)", async () => {
    for (const claims of [{ azp: TEAMS_WEB }, { azp: null, appid: TEAMS_WEB }, { azp: TEAMS_WEB.toUpperCase() }]) {
      const res = await me(await world.keys.sign({ oid: viewer().oid, ...claims }));
      expect([claims, res.status]).toEqual([claims, 200]);
      expect(meResponseSchema.parse(res.body).user.id).toBe(viewer().oid);
    }
  });
});

/** A request with a Host header of our choosing (fetch does not allow setting it). */
function requestWithHost(url: string, host: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { Host: host, ...(body ? { 'Content-Type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('a development server reached through DNS rebinding', () => {
  let dev: ApiHarness;
  beforeAll(async () => {
    dev = await startApi({ env: { AUTH_MODE: 'development' } });
  });
  afterAll(() => dev.stop());

  const routes: [string, string, string][] = [
    ['GET', '/healthz', ''],
    ['GET', '/api/dev/users', ''],
    ['POST', '/api/dev/token', '{"upn":"uzma.oldroyd@nhs.net"}'],
    ['POST', '/api/messages', '{"type":"message"}'],
    ['GET', '/api/me', ''],
    ['GET', '/tab/', ''],
    ['GET', '/no-such-page', ''],
  ];

  it.each(routes)('refuses %s %s with 421 when the Host header names another site', async (method, route, body) => {
    for (const host of ['evil.example', `evil.example:${new URL(dev.url).port}`, '127.0.0.1.evil.example']) {
      const res = await requestWithHost(`${dev.url}${route}`, host, method, body);
      expect([host, res.status]).toEqual([host, 421]);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'misdirected_request', message: expect.stringMatching(/this computer/) });
      expect(res.body).not.toMatch(/token|uzma/i);
    }
  });

  it('answers the same requests addressed to localhost or 127.0.0.1', async () => {
    const port = new URL(dev.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await requestWithHost(`${dev.url}/api/dev/users`, host)).status).toBe(200);
    }
  });

});
