import { z } from 'zod';
import {
  apiPaths,
  devTokenResponseSchema,
  devUsersResponseSchema,
  type DevUsersResponse,
} from '../../../src/contract/api-contract';
import { ApiError, type TokenSource } from '../api/api-client';
import type { Host } from './teams-host';

/**
 * How the tab gets a bearer token for the API.
 * - Inside Teams: the single sign-on token, through the one teamsfx module (loaded on demand).
 * - In a plain browser: only when the server runs with AUTH_MODE=development, whose
 *   development signer issues tokens for the demo people (?as=upn picks one). A production
 *   server has no such route, and the tab then says to open RC Pulse from Teams.
 */

export type DevUser = DevUsersResponse['users'][number];

export interface Session {
  mode: 'teams' | 'development';
  token: TokenSource;
  /** Development only: who the tab signed in as, and who else it could be. */
  devUser?: DevUser;
  devUsers?: DevUser[];
}

/** Runtime settings the server publishes for the tab (nothing secret). */
const tabSettingsSchema = z.object({ clientId: z.string().min(1), initiateLoginEndpoint: z.string().min(1).optional() });

async function teamsSession(): Promise<Session> {
  const res = await fetch('/tab/settings.json').catch(() => undefined);
  const settings = tabSettingsSchema.safeParse(res?.ok ? await res.json().catch(() => null) : null);
  if (!settings.success) {
    throw new ApiError(503, 'sso_not_configured', 'Single sign-on is not set up for RC Pulse yet. Please ask whoever runs RC Pulse for your organisation to finish its set-up.');
  }
  const { teamsSsoTokenSource } = await import('./sso-token');
  const token = teamsSsoTokenSource({
    clientId: settings.data.clientId,
    initiateLoginEndpoint: settings.data.initiateLoginEndpoint ?? `${window.location.origin}/tab/auth-start`,
  });
  return { mode: 'teams', token };
}

/**
 * Tokens from the development signer, kept until a minute before they expire. Requests that
 * start together share one sign-in rather than each asking for a token.
 */
function devTokenSource(upn: string): TokenSource {
  let cached: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;
  return () => {
    if (cached && cached.until > Date.now()) return Promise.resolve(cached.token);
    pending ??= fetchDevToken(upn).then(
      (fresh) => {
        cached = fresh;
        pending = undefined;
        return fresh.token;
      },
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
}

async function fetchDevToken(upn: string): Promise<{ token: string; until: number }> {
  const res = await fetch(apiPaths.devToken(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ upn }),
  }).catch(() => undefined);
  const body = devTokenResponseSchema.safeParse(res?.ok ? await res.json() : null);
  if (!body.success) throw new ApiError(res?.status ?? 0, 'dev_sign_in', `The development sign-in for ${upn} did not work. Is the server still running?`);
  return { token: body.data.token, until: Date.parse(body.data.expiresAt) - 60_000 };
}

async function developmentSession(): Promise<Session> {
  const res = await fetch(apiPaths.devUsers()).catch(() => undefined);
  if (!res || res.status === 404) {
    throw new ApiError(401, 'open_in_teams', 'Please open RC Pulse from Microsoft Teams: the results are shown to people signed in there.');
  }
  const body = devUsersResponseSchema.safeParse(await res.json().catch(() => null));
  if (!body.success || body.data.users.length === 0) {
    throw new ApiError(503, 'dev_sign_in', 'The development sign-in has no demo people. Run `npx rc-pulse seed demo` and reload.');
  }
  const users = body.data.users;
  const asked = new URLSearchParams(window.location.search).get('as')?.trim().toLowerCase();
  const user = asked ? users.find((u) => u.upn.toLowerCase() === asked) : (users.find((u) => u.role === 'facilitator') ?? users[0]);
  if (!user) throw new ApiError(404, 'dev_sign_in', `There is no demo person ${asked}. Choose one of: ${users.map((u) => u.upn).join(', ')}.`);
  return { mode: 'development', token: devTokenSource(user.upn), devUser: user, devUsers: users };
}

/** Signs in the way the host allows (see the module comment). */
export function signIn(host: Host): Promise<Session> {
  return host.kind === 'teams' ? teamsSession() : developmentSession();
}
