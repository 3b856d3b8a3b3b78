import { AppError } from '../../domain/errors';

/**
 * 401: no sign-in, or one that cannot be trusted (expired, for another app, wrongly signed).
 * The tab answers every 401 the same way: it asks Teams for a fresh token and tries once more.
 */
export class UnauthenticatedError extends AppError {
  constructor(userMessage: string, detail?: string, code = 'unauthenticated') {
    super({ code, status: 401, userMessage, detail });
  }
}

/** 503: Microsoft's signing keys could not be fetched, so no token can be checked just now. */
export class SignInUnavailableError extends AppError {
  constructor(detail: string) {
    super({
      code: 'sign_in_unavailable',
      status: 503,
      userMessage: "We could not check your sign-in just now because Microsoft's sign-in service did not answer. Please try again in a minute.",
      detail,
    });
  }
}
