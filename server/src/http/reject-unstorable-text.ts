import type { RequestHandler } from 'express';
import { AppError, fieldErrors, type FieldErrors } from './errors';

const NUL = 'Contains a NUL character (U+0000), which text cannot hold';
const LONE_SURROGATE = 'Contains half of a UTF-16 surrogate pair, which is not text';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text PostgreSQL cannot store: U+0000 (text and jsonb cannot hold it) and a lone UTF-16 surrogate (JSON
 * allows `"\ud800"`; jsonb refuses it, text columns would keep a replacement character). Either would reach
 * the database as an error, and the caller would get a 500. Such input is refused at the door instead, with
 * the field named (paths as in validation errors: `events.0.properties.note`). Mounted after the body parsers.
 */
export function rejectUnstorableText(): RequestHandler {
  return (req, _res, next) => {
    const errors = fieldErrors();
    collect(req.body, '', errors, 0);
    // Neither can reach a query string but percent-encoded (a lone surrogate not at all: its UTF-8 does not
    // decode); Express 5 parses req.query afresh on every read, so it is parsed here only when there is one.
    if (req.url.includes('%00')) collect(req.query, '', errors, 0);
    if (Object.keys(errors).length) return next(AppError.validation(errors));
    next();
  };
}

function problem(text: string): string | undefined {
  if (text.includes('\u0000')) return NUL;
  if (LONE_SURROGATE_RE.test(text)) return LONE_SURROGATE;
  return undefined;
}

function collect(value: unknown, path: string, errors: FieldErrors, depth: number): void {
  if (typeof value === 'string') {
    const p = problem(value);
    if (p) (errors[path || 'body'] ??= []).push(p);
    return;
  }
  if (value === null || typeof value !== 'object' || depth > 32) return;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const p = problem(key);
    if (p) (errors[at] ??= []).push(p);
    collect(child, at, errors, depth + 1);
  }
}
