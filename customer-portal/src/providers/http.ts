import axios, { AxiosError } from 'axios';
import type { HttpError } from '@refinedev/core';

/** Where the API lives; in development Vite proxies it to the server, in production it is the same origin. */
export const API_URL = '/api';

/** The JSON body of every non-2xx answer from the API (see the API contract). */
type ApiErrorBody = {
  statusCode?: number;
  message?: string;
  code?: string;
  errors?: Record<string, string[] | string>;
  errorId?: string;
};

/**
 * The error every request rejects with: a Refine `HttpError` that also keeps the server's `code`,
 * field errors (`errors`: field → messages, which Refine's `useForm` puts under the fields) and the
 * `errorId` of unexpected failures (quotable in a support ticket).
 */
export type ApiError = HttpError & {
  code: string;
  errors?: Record<string, string[]>;
  errorId?: string;
};

function normaliseFieldErrors(errors: ApiErrorBody['errors']): Record<string, string[]> | undefined {
  if (!errors || typeof errors !== 'object') return undefined;
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(errors)) {
    out[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)];
  }
  return Object.keys(out).length ? out : undefined;
}

/** Turns whatever axios rejected with into an `ApiError`. */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  if (error instanceof AxiosError) {
    const status = error.response?.status ?? 0;
    const body = (error.response?.data ?? {}) as ApiErrorBody;
    if (!error.response) {
      return { name: 'Network error', message: 'Cannot reach Socrates. Check your connection and try again.', statusCode: 0, code: 'network_error' };
    }
    let message = typeof body.message === 'string' && body.message ? body.message : error.message;
    if (body.errorId) message = `${message} (error id ${body.errorId})`;
    return {
      name: 'Request failed',
      message,
      statusCode: body.statusCode ?? status,
      code: body.code ?? 'unknown',
      errors: normaliseFieldErrors(body.errors),
      errorId: body.errorId,
    };
  }
  const message = error instanceof Error ? error.message : 'Something went wrong';
  return { name: 'Error', message, statusCode: 0, code: 'unknown' };
}

export function isApiError(error: unknown): error is ApiError {
  return typeof error === 'object' && error !== null && 'statusCode' in error && 'code' in error && 'message' in error;
}

/** The one HTTP client of the portal: the data provider, the auth provider and custom calls all use it. */
export const http = axios.create({
  baseURL: API_URL,
  withCredentials: true,
  headers: { Accept: 'application/json' },
});

http.interceptors.response.use(
  (response) => response,
  (error: unknown) => Promise.reject(toApiError(error)),
);
