import type { RequestHandler } from 'express';
import { AppError, type FieldErrors } from './errors';

const MESSAGE = 'Contains a NUL character (U+0000), which text cannot hold';

/**
 * PostgreSQL text and jsonb cannot hold U+0000: a string carrying one would reach the database as an
 * error, and the caller would get a 500. Such input is refused at the door instead, with the field named
 * (paths as in validation errors: `events.0.properties.note`). Mounted after the body parsers.
 */
export function rejectNulCharacters(): RequestHandler {
  return (req, _res, next) => {
    const errors: FieldErrors = {};
    collect(req.body, '', errors, 0);
    // A NUL can only reach a query string percent-encoded; Express 5 parses req.query afresh on every read,
    // so it is parsed here only when there is one to name.
    if (req.url.includes('%00')) collect(req.query, '', errors, 0);
    if (Object.keys(errors).length) return next(AppError.validation(errors));
    next();
  };
}

function collect(value: unknown, path: string, errors: FieldErrors, depth: number): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) (errors[path || 'body'] ??= []).push(MESSAGE);
    return;
  }
  if (value === null || typeof value !== 'object' || depth > 32) return;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) (errors[at] ??= []).push(MESSAGE);
    collect(child, at, errors, depth + 1);
  }
}
