import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createBotApp, type BotApp } from '../../../bot/bot-app';
import { parseAuthConfig } from '../../../src/config/auth-config';
import type { Storage } from '../../../src/storage/storage';
import { testStorage } from '../../support/test-storage';

/**
 * The real server (createBotApp, the same assembly as production) on a free loopback port
 * over the test Azurite, with a local JSON Web Key Set server standing in for Microsoft's,
 * and a signer that makes tokens exactly as Entra shapes them (or wrongly, on purpose).
 */

export const TENANT = '6f4c2a10-8c1e-4b7a-9d3e-2a5b7c9d1e0f';
export const OTHER_TENANT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
export const APP_ID_URI = `api://rc-pulse.example.nhs.uk/${CLIENT_ID}`;

/** A local stand-in for https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys. */
export interface KeyServer {
  url: string;
  /** Signs with the published key (or `key`, to forge a signature under the same key id). */
  sign(claims: TokenClaims, key?: CryptoKey): Promise<string>;
  /** A second key pair, never published. */
  otherKey: CryptoKey;
  stop(): Promise<void>;
}

export interface TokenClaims {
  oid: string;
  tid?: string;
  name?: string;
  upn?: string;
  aud?: string;
  iss?: string;
  scp?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Seconds from now until the token becomes valid (nbf); by default it is valid now. */
  notBeforeIn?: number;
  kid?: string;
  /** The app that asked for the token (Teams desktop by default); null for none. */
  azp?: string | null;
  /** The v1 token's name for the app that asked for it. */
  appid?: string;
  email?: string;
}

/** Microsoft Teams' desktop and mobile client: the app that asks for the tab's tokens. */
export const TEAMS_DESKTOP_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

const KID = 'test-key-1';

/** Starts the key server with one RS256 key. */
export async function startKeyServer(): Promise<KeyServer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  // Separate calls: restify patches Node's response prototype, and its writeHead does not chain.
  const server = http.createServer((req, res) => {
    const found = req.url === '/discovery/v2.0/keys';
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(found ? JSON.stringify({ keys: [jwk] }) : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discovery/v2.0/keys`;
  return {
    url,
    otherKey: other.privateKey,
    async sign(c, key = privateKey) {
      const tid = c.tid ?? TENANT;
      const now = Math.floor(Date.now() / 1000);
      const exp = now + (c.expiresIn ?? 3600);
      const azp = c.azp === undefined ? TEAMS_DESKTOP_CLIENT_ID : c.azp;
      const client = { ...(azp !== null ? { azp } : {}), ...(c.appid ? { appid: c.appid } : {}), ...(c.email ? { email: c.email } : {}) };
      return new SignJWT({ oid: c.oid, tid, name: c.name ?? 'Test Person', preferred_username: c.upn, scp: c.scp ?? 'access_as_user', ver: '2.0', ...client })
        .setProtectedHeader({ alg: 'RS256', kid: c.kid ?? KID, typ: 'JWT' })
        .setIssuer(c.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
        .setAudience(c.aud ?? CLIENT_ID)
        .setSubject(c.oid)
        .setIssuedAt(Math.min(now, exp - 60))
        .setNotBefore(c.notBeforeIn !== undefined ? now + c.notBeforeIn : Math.min(now, exp - 60))
        .setExpirationTime(exp)
        .sign(key);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ApiHarness {
  url: string;
  storage: Storage;
  app: BotApp;
  logs: string[];
  stop(): void;
}

/** Starts the whole server with the given sign-in settings (Entra against `keys` by default). */
export async function startApi(options: { storage?: Storage; keys?: KeyServer; env?: Record<string, string> } = {}): Promise<ApiHarness> {
  const storage = options.storage ?? (await testStorage());
  const env = options.env ?? { TAB_CLIENT_ID: CLIENT_ID, TAB_APP_ID_URI: APP_ID_URI, AUTH_JWKS_URL: options.keys?.url ?? 'http://127.0.0.1:9/keys' };
  const auth = parseAuthConfig(env, { host: '127.0.0.1' });
  const logs: string[] = [];
  const app = createBotApp({ storage, config: { appId: '', appType: 'MultiTenant', tabUrl: 'https://example.test/tab' }, auth, log: (l) => logs.push(l) });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { url, storage, app, logs, stop: () => app.server.close() };
}

/** A parsed response body: tests read it field by field and check shapes with the contract's schemas. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** GET with a bearer token (or none), returning status, parsed JSON and the raw text. */
export async function getJson(url: string, token?: string): Promise<{ status: number; body: Json; text: string; headers: Headers }> {
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}
