import { randomUUID } from 'node:crypto';
import { isAppError } from '../domain/errors';

/** What a person is shown when something fails: a status, a kind message, a reference to quote. */
export interface MappedError {
  status: number;
  code: string;
  message: string;
  /** Quoted to support; the same reference is in the log line with the detail. */
  reference: string;
  /** For the log only. */
  detail: string;
  operational: boolean;
}

/**
 * The one place an error becomes something a person sees. Our own errors carry a message
 * safe to show; anything else is a bug, shown as a general apology with a reference, and
 * its detail (never its stack or raw text) only goes to the log.
 */
export function mapError(err: unknown): MappedError {
  const reference = randomUUID().slice(0, 8);
  if (isAppError(err)) {
    return { status: err.status, code: err.code, message: err.userMessage, reference, detail: err.message, operational: err.isOperational };
  }
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return {
    status: 500,
    code: 'internal',
    message: `Sorry, something went wrong on our side. Please try again; if it keeps happening, quote reference ${reference}.`,
    reference,
    detail,
    operational: false,
  };
}
