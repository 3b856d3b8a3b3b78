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
  AUTH_REQUIRED_SCOPE: z.preprocess(blank, z.string().trim().default('access_as_user')),
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
 * anyone who can reach the server could then sign in as anyone.
 */
export function parseAuthConfig(env: Record<string, string | undefined>, server: { host: string }): AuthConfig {
  const result = authEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = result.data;
  const problems: string[] = [];
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
        clockToleranceSeconds: e.AUTH_CLOCK_TOLERANCE_SECONDS,
      }
    : undefined;
  return { mode: e.AUTH_MODE, ...(entra ? { entra } : {}) };
}
