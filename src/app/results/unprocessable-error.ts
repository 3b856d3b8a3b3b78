import { AppError } from '../../domain/errors';

/** 422: the request is well-formed but asks for something that cannot be done as asked. */
export class UnprocessableError extends AppError {
  constructor(userMessage: string, detail?: string, code = 'invalid_request') {
    super({ code, status: 422, userMessage, detail });
  }
}
