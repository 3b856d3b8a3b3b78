import type { z } from 'zod';
import { errorBodySchema } from '../../../src/contract/api-contract';

/**
 * The tab's one way to call the RC Pulse API: a bearer token on every request, every JSON
 * body checked against the shared contract (src/contract/api-contract.ts), and every failure
 * turned into an ApiError whose message a person can act on.
 */

/** A failed call: the HTTP status (0 when the server could not be reached) and the server's words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reference?: string,
    /** The whole JSON body of the failure, for answers that carry more than words (a 409's current version). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Returns a bearer token for the API (Teams SSO, or the development signer outside Teams). */
export type TokenSource = () => Promise<string>;

const SIGN_IN_FAILED =
  'Teams could not sign you in to RC Pulse. Please reload the tab; if it keeps happening, ask whoever runs RC Pulse for your organisation to check its single sign-on.';
const UNREACHABLE = 'RC Pulse could not be reached. Please check your connection and try again.';

async function errorFrom(res: Response): Promise<ApiError> {
  const raw: unknown = await res.json().catch(() => null);
  const body = errorBodySchema.safeParse(raw);
  if (body.success) return new ApiError(res.status, body.data.code, body.data.message, body.data.reference, raw);
  const fallback = res.status === 401 ? 'Your sign-in has expired. Please reload the tab.' : `Something went wrong (status ${res.status}). Please try again.`;
  return new ApiError(res.status, 'unknown', fallback);
}

/** A body checked against its contract schema. */
async function checked<S extends z.ZodType>(res: Response, schema: S): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await res.json().catch(() => undefined));
  // A body that does not match the contract is a bug between the two ends, not the user's doing.
  if (!parsed.success) throw new ApiError(502, 'contract', 'RC Pulse sent an answer this tab does not understand. Please reload; if it keeps happening, tell your facilitator.');
  return parsed.data;
}

/** A small client over fetch for the /api routes. */
export class ApiClient {
  constructor(
    private readonly token: TokenSource,
    private readonly base = '',
  ) {}

  private async request(path: string, accept: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    let token: string;
    try {
      token = await this.token();
    } catch (err) {
      if (err instanceof ApiError) throw err;
      // Teams single sign-on failed (no consent yet, or the app's sign-in is not set up).
      throw new ApiError(401, 'sign_in', SIGN_IN_FAILED);
    }
    let res: Response;
    try {
      const json: Record<string, string> = init.body === undefined ? {} : { 'Content-Type': 'application/json' };
      res = await fetch(`${this.base}${path}`, {
        method: init.method ?? 'GET',
        headers: { Authorization: `Bearer ${token}`, Accept: accept, ...json, ...init.headers },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch {
      throw new ApiError(0, 'unreachable', UNREACHABLE);
    }
    if (!res.ok) throw await errorFrom(res);
    return res;
  }

  /** GET a JSON route and check the body against its contract schema. */
  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>> {
    return (await this.getWithVersion(path, schema)).data;
  }

  /** GET a JSON route, with the version the server gave it (its ETag header) for a later edit. */
  async getWithVersion<S extends z.ZodType>(path: string, schema: S): Promise<{ data: z.infer<S>; etag: string | null }> {
    const res = await this.request(path, 'application/json');
    return { data: await checked(res, schema), etag: res.headers.get('ETag') };
  }

  /**
   * POST or PATCH a JSON body and check the answer against its contract schema. `ifMatch`
   * sends the version the change was made from, so a stale edit is refused rather than
   * overwriting someone else's (the failure's body then carries their version).
   */
  async send<S extends z.ZodType>(method: 'POST' | 'PATCH', path: string, body: unknown, schema: S, ifMatch?: string): Promise<{ data: z.infer<S>; etag: string | null }> {
    const res = await this.request(path, 'application/json', { method, body, ...(ifMatch ? { headers: { 'If-Match': ifMatch } } : {}) });
    return { data: await checked(res, schema), etag: res.headers.get('ETag') };
  }

  /** GET a file (an export) and hand it to the browser as a download with the server's file name. */
  async download(path: string, fallbackName: string): Promise<void> {
    const res = await this.request(path, '*/*');
    const blob = await res.blob();
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name ? decodeURIComponent(name) : fallbackName;
    document.body.append(link);
    link.click();
    link.remove();
    // Give the browser a moment to start the download before the address is released.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
