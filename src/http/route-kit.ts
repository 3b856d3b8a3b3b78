import type restify from 'restify';
import type { z } from 'zod';
import type { ExportFile } from '../app/export/export-figures';
import type { SignedInPerson } from '../app/results/signed-in-person';
import { NotFoundError } from '../domain/errors';
import { UnprocessableError } from '../app/results/unprocessable-error';
import { UnauthenticatedError } from './auth/auth-errors';
import type { TokenVerifier } from './auth/token-verifier';
import { mapError } from './error-mapper';

/**
 * The few things every /api route does the same way: read the sign-in, validate what came
 * in with zod, send JSON (or a file) that is never cached, and turn any failure into
 * `{code, message}` through the one error mapper, with the right status.
 */

export type Reply = { status?: number; json: unknown; headers?: Record<string, string> } | { file: ExportFile };

export interface RouteKit {
  verifier: TokenVerifier;
  log: (line: string) => void;
}

/** Answers carry people's results: no cache anywhere may keep them. */
const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * Failures worth a line in the log, with a reference the person can quote: our own bugs and
 * services failing (500s), and refusals (403), so that someone turned away can be helped
 * (or someone probing what they may not see can be noticed).
 */
function logged(status: number, operational: boolean): boolean {
  return status >= 500 || status === 403 || !operational;
}

function sendError(kit: RouteKit, req: restify.Request, res: restify.Response, error: unknown): void {
  const mapped = mapError(error);
  const log = logged(mapped.status, mapped.operational);
  if (log) kit.log(`${mapped.status === 403 ? 'refused' : 'error'} ${mapped.reference} ${req.method} ${req.path()}: ${mapped.detail}`);
  if (mapped.status === 401) {
    const expired = mapped.code === 'sign_in_expired' ? ', error_description="The token expired"' : '';
    res.header('WWW-Authenticate', `Bearer error="invalid_token"${expired}`);
  }
  const body = { code: mapped.code, message: mapped.message, ...(log ? { reference: mapped.reference } : {}) };
  res.send(mapped.status, body, NO_STORE);
}

/** The person the request's bearer token was issued to; 401 when there is none or it is not good. */
export async function signedIn(kit: RouteKit, req: restify.Request): Promise<SignedInPerson> {
  const header = req.header('authorization', '');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new UnauthenticatedError('Please sign in: open RC Pulse from its tab in Microsoft Teams.', 'no bearer token');
  return kit.verifier.verify(match[1]!);
}

function send(res: restify.Response, reply: Reply): void {
  if ('file' in reply) {
    const { file } = reply;
    res.sendRaw(200, file.body, {
      ...file.headers,
      ...NO_STORE,
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      'X-Content-Type-Options': 'nosniff',
    });
    return;
  }
  res.send(reply.status ?? 200, reply.json, { ...NO_STORE, ...reply.headers });
}

/** A route that needs no sign-in (the development sign-in routes). */
export function publicRoute(kit: RouteKit, handle: (req: restify.Request) => Promise<Reply>): restify.RequestHandler {
  return async (req, res) => {
    try {
      send(res, await handle(req));
    } catch (error) {
      sendError(kit, req, res, error);
    }
  };
}

/** A route for signed-in people: the token is checked before anything else is read. */
export function signedInRoute(kit: RouteKit, handle: (req: restify.Request, person: SignedInPerson) => Promise<Reply>): restify.RequestHandler {
  return publicRoute(kit, async (req) => handle(req, await signedIn(kit, req)));
}

/**
 * An id from the address checked against its schema. A value that cannot be an id cannot
 * name anything, so it is a 404 like any other unknown address.
 */
export function checked<T>(value: unknown, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new NotFoundError(what, `not a valid ${what} id`);
  return parsed.data;
}

/** A path parameter, checked as `checked` does. */
export function param<T>(req: restify.Request, name: string, schema: z.ZodType<T>, what: string): T {
  return checked((req.params as Record<string, unknown>)[name], schema, what);
}

/** A query or body checked against its schema; 422 naming what is wrong. */
export function input<T>(value: unknown, schema: z.ZodType<T>, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ');
  throw new UnprocessableError(`The ${what} is not right: ${problems}.`, `invalid ${what}: ${problems}`);
}

/** The query string as a plain object (the server has no query parser: only routes that want one read it). */
export function queryOf(req: restify.Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
}
