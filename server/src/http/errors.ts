export type FieldErrors = Record<string, string[]>;

/**
 * An empty FieldErrors to collect into, without a prototype: fields are named by the caller's input, and
 * `errors.constructor ??= []` on a plain object finds Object's own (a 500), `errors.__proto__ = …` is lost.
 */
export const fieldErrors = (): FieldErrors => Object.create(null) as FieldErrors;

/**
 * The one error type of the API. `code` is stable snake_case that clients may switch on;
 * the error handler turns it into `{ statusCode, message, code, errors? }`.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldErrors,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(errors: FieldErrors, message = 'Some fields are invalid'): AppError {
    return new AppError(400, 'validation_failed', message, errors);
  }
  static badRequest(code: string, message: string, errors?: FieldErrors): AppError {
    return new AppError(400, code, message, errors);
  }
  static unauthenticated(message = 'Sign in to continue'): AppError {
    return new AppError(401, 'unauthenticated', message);
  }
  static forbidden(message = 'You do not have permission to do this', code = 'forbidden'): AppError {
    return new AppError(403, code, message);
  }
  static notFound(what = 'Resource'): AppError {
    return new AppError(404, 'not_found', `${what} not found`);
  }
  static conflict(code: string, message: string, errors?: FieldErrors): AppError {
    return new AppError(409, code, message, errors);
  }
}
