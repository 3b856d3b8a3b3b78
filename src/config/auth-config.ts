import { z } from 'zod';
import { ConfigError } from './config';
import { isLoopback } from './server-config';

/**
 * How the tab's API knows who is calling, checked once at start-up.
 *
 * - `entra` (the default, and the only mode for anything reachable from another machine):
 *   the tab sends the Microsoft Entra SSO token Teams gives it; the server checks its
 *   signature against Microsoft's published keys, its issuer, audience, expiry and tenant.
 * - `development` (`npm start`): a signer inside the server issues tokens for the demo people,
 *   so the tab can be tried without an Entra app registration. Such tokens are accepted in
 *   this mode only, and the mode is refused unless the server listens on loopback.
 */

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Microsoft's signing keys; the same set serves every tenant ("common"). */
export const DEFAULT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
/** v2 and v1 token issuers; {tid} is the token's own tenant id. */
export const DEFAULT_ISSUERS = ['https://login.microsoftonline.com/{tid}/v2.0', 'https://sts.windows.net/{tid}/'];
/** The delegated scope the tab asks for. */
export const DEFAULT_REQUIRED_SCOPE = 'access_as_user';
/**
 * The apps allowed to ask for a token for the tab (a token's `azp`, or `appid` in v1 tokens):
 * Microsoft's Teams clients, the same ids the app registration pre-authorises.
 */
export const TEAMS_CLIENT_IDS = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Teams desktop and mobile
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Teams on the web
];

/** A comma-separated list of app (client) ids, each a GUID, kept in lower case. */
const clientIdList = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.guid('each must be an app (client) id, a GUID').transform((s) => s.toLowerCase())).min(1, 'list at least one app (client) id').max(20, 'at most 20 app ids'));

const authEnvSchema = z.object({
  AUTH_MODE: z.preprocess(blank, z.enum(['entra', 'development']).default('entra')),
  /** The tab's Entra app registration (client) id: the audience of v2 tokens. */
  TAB_CLIENT_ID: z.preprocess(blank, z.guid('must be the app registration (client) id, a GUID').optional()),
  /** The Application ID URI, api://<domain>/<client id>: the audience of v1 tokens. */
  TAB_APP_ID_URI: z.preprocess(blank, z.string().trim().regex(/^api:\/\/\S+$/, 'must look like api://<domain>/<client id>').optional()),
  /** Where the signing keys are published (tests point it at a local key server). */
  AUTH_JWKS_URL: z.preprocess(blank, z.url().default(DEFAULT_JWKS_URL)),
  /** Accepted issuers, comma separated, with {tid} for the tenant id. */
  AUTH_ISSUERS: z.preprocess(blank, z.string().optional()),
  /** The delegated scope the tab asks for; "none" to accept any. */
  AUTH_REQUIRED_SCOPE: z.preprocess(blank, z.string().trim().default(DEFAULT_REQUIRED_SCOPE)),
  /** The apps that may ask for tokens for the tab (comma separated); Teams' clients by default. */
  AUTH_ALLOWED_CLIENT_IDS: z.preprocess(blank, clientIdList.optional()),
  /** Allowed clock difference between Entra and this server, in seconds. */
  AUTH_CLOCK_TOLERANCE_SECONDS: z.preprocess(blank, z.coerce.number().int().min(0).max(300).default(60)),
  NODE_ENV: z.string().optional(),
});

/** How to check Entra tokens. */
export interface EntraAuthConfig {
  clientId: string;
  /** Accepted `aud` values: the client id, and the Application ID URI when set. */
  audiences: string[];
  jwksUrl: string;
  /** Issuer templates with {tid}. */
  issuers: string[];
  /** Scope that must appear in `scp`; undefined accepts any. */
  requiredScope: string | undefined;
  /** The apps (a token's `azp` or `appid`) allowed to ask for tokens for the tab. */
  allowedClientIds: string[];
  clockToleranceSeconds: number;
}

export interface AuthConfig {
  mode: 'entra' | 'development';
  /** Absent only in development mode without an app registration. */
  entra?: EntraAuthConfig;
}

/**
 * Parses the sign-in settings. Refuses `entra` mode without TAB_CLIENT_ID (no token could
 * be checked), and `development` mode on a non-loopback HOST or with NODE_ENV=production:
 * anyone who can reach the server could then sign in as anyone. In production it also
 * refuses a changed key address, issuer list or scope (see productionOverrides). Every
 * problem found is reported at once, one line each.
 */
export function parseAuthConfig(env: Record<string, string | undefined>, server: { host: string }): AuthConfig {
  const result = authEnvSchema.safeParse(env);
  const overrides = env.NODE_ENV === 'production' ? productionOverrides(env) : [];
  if (!result.success) throw new ConfigError([...result.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`), ...overrides]);
  const e = result.data;
  const problems: string[] = [...overrides];
  if (e.AUTH_MODE === 'development') {
    if (!isLoopback(server.host)) {
      problems.push(`AUTH_MODE: development sign-in lets anyone sign in as a demo person, so it only runs on a loopback HOST (127.0.0.1), not ${server.host}. Use AUTH_MODE=entra.`);
    }
    if (e.NODE_ENV === 'production') problems.push('AUTH_MODE: development sign-in is refused when NODE_ENV=production. Use AUTH_MODE=entra.');
  } else if (!e.TAB_CLIENT_ID) {
    problems.push('TAB_CLIENT_ID: is needed to check sign-in tokens from the tab (the Entra app registration id), or set AUTH_MODE=development for npm start');
  }
  const issuers = (e.AUTH_ISSUERS ?? DEFAULT_ISSUERS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  if (issuers.some((i) => !i.includes('{tid}'))) problems.push('AUTH_ISSUERS: each issuer must contain {tid}, where the tenant id goes');
  if (problems.length > 0) throw new ConfigError(problems);

  const entra: EntraAuthConfig | undefined = e.TAB_CLIENT_ID
    ? {
        clientId: e.TAB_CLIENT_ID,
        audiences: [e.TAB_CLIENT_ID, ...(e.TAB_APP_ID_URI ? [e.TAB_APP_ID_URI] : [])],
        jwksUrl: e.AUTH_JWKS_URL,
        issuers,
        requiredScope: e.AUTH_REQUIRED_SCOPE === 'none' ? undefined : e.AUTH_REQUIRED_SCOPE,
        allowedClientIds: e.AUTH_ALLOWED_CLIENT_IDS ?? TEAMS_CLIENT_IDS,
        clockToleranceSeconds: e.AUTH_CLOCK_TOLERANCE_SECONDS,
      }
    : undefined;
  return { mode: e.AUTH_MODE, ...(entra ? { entra } : {}) };
}

/**
 * In production, where sign-in keys come from and what a token must carry are Microsoft's and
 * this app's, not a setting: a changed key address or issuer would let whoever runs that
 * address sign people in, and a changed scope would accept tokens meant for something else.
 * Tests and local runs point them elsewhere; a deployment cannot.
 */
function productionOverrides(env: Record<string, string | undefined>): string[] {
  const given = (name: string) => (blank(env[name]) === undefined ? undefined : String(env[name]).trim());
  const fixed = 'is fixed when NODE_ENV=production; remove the setting';
  const problems: string[] = [];
  const jwks = given('AUTH_JWKS_URL');
  if (jwks !== undefined && jwks !== DEFAULT_JWKS_URL) problems.push(`AUTH_JWKS_URL: ${fixed} (Microsoft's keys at ${DEFAULT_JWKS_URL} are used)`);
  const issuers = given('AUTH_ISSUERS')?.split(',').map((s) => s.trim()).filter(Boolean).join(',');
  if (issuers !== undefined && issuers !== DEFAULT_ISSUERS.join(',')) problems.push(`AUTH_ISSUERS: ${fixed} (Microsoft's issuers are used)`);
  const scope = given('AUTH_REQUIRED_SCOPE');
  if (scope !== undefined && scope !== DEFAULT_REQUIRED_SCOPE) problems.push(`AUTH_REQUIRED_SCOPE: ${fixed} (the tab's scope, ${DEFAULT_REQUIRED_SCOPE}, is always required)`);
  return problems;
}
