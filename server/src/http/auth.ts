import type { CookieOptions, RequestHandler, Response } from 'express';
import { resolveSession } from '../modules/auth/session.service';
import { AppError } from './errors';

export const SESSION_COOKIE = 'socrates_sid';

/** Reads the session cookie (if any) and sets req.auth; never rejects by itself. */
export const loadSession: RequestHandler = async (req, _res, next) => {
  try {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) req.auth = (await resolveSession(token)) ?? undefined;
    next();
  } catch (err) {
    next(err);
  }
};

export const requireAuth: RequestHandler = (req, _res, next) => {
  next(req.auth ? undefined : AppError.unauthenticated());
};

/** Guards a route with one permission: 401 without a session, 403 without the permission. */
export function requirePermission(permission: string): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) return next(AppError.unauthenticated());
    if (!req.auth.permissions.has(permission)) return next(AppError.forbidden(`This needs the "${permission}" permission`));
    next();
  };
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, cookieOptions(secure, expiresAt));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

function cookieOptions(secure: boolean, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', ...(expires ? { expires } : {}) };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
