import { RestError } from '@azure/data-tables';
import { AppError } from '../domain/errors';
import { withoutRespondentKeys } from './keys/key-rules';

/** Why storage refused or failed, after the SDK's retries for transient faults were spent. */
export type StorageErrorCode =
  | 'storage_unavailable' // timeouts, 5xx, connection failures that outlasted the retries
  | 'storage_rejected' // the service refused the request (4xx): a bug in the request
  | 'storage_forbidden' // 401/403: credentials or role assignment are wrong
  | 'storage_not_found' // a row or table a write depended on was not there
  | 'corrupt_row'; // a row read back does not match the model

const USER_MESSAGES: Record<StorageErrorCode, string> = {
  storage_unavailable: 'RC Pulse could not reach its storage just now. Nothing was lost; please try again in a minute.',
  storage_rejected: 'RC Pulse could not save that because of a problem on our side. It has been logged.',
  storage_forbidden: 'RC Pulse is not allowed to use its storage. Please tell the person who runs it.',
  storage_not_found: 'That item is no longer there. It may have been changed or removed; please reload.',
  corrupt_row: 'Some stored data could not be read. It has been logged; please tell the person who runs RC Pulse.',
};

/** The one typed error for a permanent storage failure. `code` says which kind. */
export class StorageError extends AppError {
  declare readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, detail: string, cause?: unknown) {
    super({
      code,
      status: code === 'storage_unavailable' ? 503 : code === 'storage_not_found' ? 404 : 500,
      userMessage: USER_MESSAGES[code],
      detail,
      operational: code === 'storage_unavailable' || code === 'storage_not_found',
      cause,
    });
  }
}

/**
 * A write lost an optimistic-concurrency race: the row changed since it was read (412, ETag
 * mismatch) or a row that was to be created already exists (409). Nothing was written; the
 * caller reloads and decides again.
 */
export class ConcurrencyError extends AppError {
  declare readonly code: 'concurrent_update' | 'already_exists';

  constructor(code: 'concurrent_update' | 'already_exists', detail: string, cause?: unknown) {
    super({
      code,
      status: 409,
      userMessage:
        code === 'concurrent_update'
          ? 'Someone else changed this at the same time. Please reload and try again.'
          : 'This already exists, so nothing was changed.',
      detail,
      cause,
    });
  }
}

/** The HTTP status of a failed storage call, or undefined when it never got an answer. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof RestError || (error as RestError | undefined)?.name === 'RestError'
    ? (error as RestError).statusCode
    : undefined;
}

function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}

/**
 * Turns what the Azure SDK threw into the product's typed errors. `what` names the operation
 * for logs, e.g. "create pulse p1". Errors that are not from storage (bugs in our code) are
 * returned unchanged, so they are never disguised as a storage fault.
 */
export function toStorageError(error: unknown, what: string): unknown {
  if (error instanceof AppError) return error;
  const isRest = error instanceof RestError || (error as Error | undefined)?.name === 'RestError';
  if (!isRest && !isAbort(error)) return error;
  const status = statusOf(error);
  const serviceCode = (error as RestError).code ?? '';
  // Row keys of ledger, draft and reminder rows hold a respondent key: never in an error's detail.
  const detail = withoutRespondentKeys(`${what}: ${status ?? 'no response'} ${serviceCode} ${(error as Error).message.split('\n')[0] ?? ''}`.trim());
  if (status === 412) return new ConcurrencyError('concurrent_update', detail, error);
  if (status === 409) return new ConcurrencyError('already_exists', detail, error);
  if (status === 404) return new StorageError('storage_not_found', detail, error);
  if (status === 401 || status === 403) return new StorageError('storage_forbidden', detail, error);
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new StorageError('storage_rejected', detail, error);
  }
  return new StorageError('storage_unavailable', detail, error);
}
