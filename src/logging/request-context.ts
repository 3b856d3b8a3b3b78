import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * The request reference: a random id given to every HTTP request, returned to the caller as
 * the `X-Request-Id` header and written on every log line made while that request is handled,
 * so a person who quotes it (or an IT team reading the logs) finds every line of one request.
 * Random, so it says nothing about who made the request. Kept in AsyncLocalStorage so that
 * code deep in a use-case need not pass it along.
 */

const context = new AsyncLocalStorage<{ requestId: string }>();

/** The response header that carries the request reference. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A new request reference: 16 hex digits (random; not a GUID, so log redaction leaves it be). */
export function newRequestId(): string {
  return randomBytes(8).toString('hex');
}

/** Runs `fn` (and everything it starts) as part of the request `requestId`. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return context.run({ requestId }, fn);
}

/** The reference of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}
