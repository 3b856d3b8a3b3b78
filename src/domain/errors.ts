/**
 * The one error type of RC Pulse. Every error the product raises on purpose derives from
 * AppError, so a single mapper (the bot's onTurnError, the HTTP error handler, the CLI) can
 * turn any of them into a reply without guessing: a stable code for logs and tests, an HTTP
 * status, a message that is safe to show a person (never a stack, a key or raw service text),
 * and whether it is operational (an expected failure such as bad input or a busy service)
 * rather than a bug.
 */

export interface AppErrorOptions {
  /** Stable, machine-readable code, e.g. 'not_found' or 'concurrent_update'. */
  code: string;
  /** HTTP status the error maps to. */
  status: number;
  /** Plain UK English a person may read; says what happened and what to do. */
  userMessage: string;
  /** Detail for logs (may name tables, keys, ids); defaults to the user message. */
  detail?: string;
  /** True for expected failures; false for bugs and broken data. Defaults to true. */
  operational?: boolean;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly userMessage: string;
  readonly isOperational: boolean;

  constructor(options: AppErrorOptions) {
    super(options.detail ?? options.userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.status = options.status;
    this.userMessage = options.userMessage;
    this.isOperational = options.operational ?? true;
  }
}

/** Input that breaks a rule of the model; nothing was stored. */
export class ValidationError extends AppError {
  constructor(userMessage: string, readonly problems: readonly string[] = [], detail?: string) {
    super({ code: 'invalid_input', status: 400, userMessage, detail: detail ?? [userMessage, ...problems].join('; ') });
  }
}

/** The thing asked for does not exist (or no longer exists). */
export class NotFoundError extends AppError {
  constructor(what: string, detail?: string) {
    super({ code: 'not_found', status: 404, userMessage: `The ${what} could not be found. It may have been removed.`, detail });
  }
}

/** A change the rules of the model do not allow from the current state, e.g. reopening a closed pulse. */
export class IllegalStateError extends AppError {
  constructor(userMessage: string, detail?: string, code = 'illegal_state') {
    super({ code, status: 409, userMessage, detail });
  }
}

/** True when the value is one of the product's own errors. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The person may not do this, e.g. only a collaborative's facilitators may start a pulse. */
export class ForbiddenError extends AppError {
  constructor(userMessage: string, detail?: string) {
    super({ code: 'forbidden', status: 403, userMessage, detail });
  }
}
