import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from './errors';
import { captureError } from '../lib/error-reporter';

/** Unknown /api paths answer JSON, never the SPA or Express's HTML page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new AppError(404, 'route_not_found', `No API route for ${req.method} ${req.originalUrl.split('?')[0]}`));
};

/**
 * Maps every error to `{ statusCode, message, code, errors? }`. Unexpected ones are reported (log, Sentry,
 * grouped system log) and answered with the stored event's `errorId`, plus `sentryEventId` when Sentry has it.
 */
export const errorHandler: ErrorRequestHandler = async (err, req, res, _next) => {
  const body = toBody(err);
  // A planned 503 (maintenance) is not an incident to report.
  if (body.statusCode >= 500 && body.code !== 'maintenance') {
    const report = await captureError(err, {
      component: 'api',
      requestId: req.id ?? null,
      userId: req.auth?.user.id ?? null,
      method: req.method,
      path: req.path,
      route: req.routePattern ?? req.route?.path ?? null,
    });
    body.errorId = report.errorId;
    if (report.sentryEventId) body.sentryEventId = report.sentryEventId;
  }
  if (res.headersSent) return res.end();
  res.status(body.statusCode).json(body);
};

interface ErrorBody {
  statusCode: number;
  message: string;
  code: string;
  errors?: Record<string, string[]>;
  errorId?: string;
  [extra: string]: unknown;
}

function toBody(err: unknown): ErrorBody {
  if (err instanceof AppError) {
    return { statusCode: err.statusCode, message: err.message, code: err.code, ...(err.errors ? { errors: err.errors } : {}), ...err.details };
  }
  // body-parser errors carry a status and a type
  const e = err as { status?: number; type?: string; expose?: boolean };
  if (e?.type === 'entity.parse.failed') return { statusCode: 400, code: 'malformed_json', message: 'The request body is not valid JSON' };
  if (e?.type === 'entity.too.large') return { statusCode: 413, code: 'payload_too_large', message: 'The request body is too large' };
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return { statusCode: 415, code: 'unsupported_encoding', message: 'Unsupported content encoding' };
  // the router could not decode a path parameter (/api/projects/%E0%A4%A)
  if (err instanceof URIError) return { statusCode: 400, code: 'malformed_url', message: 'The address has a malformed percent-encoding' };
  if (e?.status && e.status >= 400 && e.status < 500 && e.expose) return { statusCode: e.status, code: 'bad_request', message: (err as Error).message };
  return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side. Quote the error id if you contact support.' };
}
