import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import { resolveSession } from '../modules/auth/session.service';
import { endImpersonation } from '../modules/auth/impersonation.service';
import { forgetSessions } from '../modules/auth/session-cache';
import { AppError } from './errors';

export const SESSION_COOKIE = 'socrates_sid';
/** While an admin views the portal as a customer, their own session token waits here (httpOnly). */
export const ADMIN_STASH_COOKIE = 'socrates_admin_sid';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// What an impersonating admin may still send: the way out.
const IMPERSONATION_EXITS = new Set(['/auth/impersonation/stop', '/auth/logout']);

/**
 * Reads the session cookie (if any) and sets req.auth (a session resolved a moment ago may come from the
 * session cache). An impersonation session is read-only (any other
 * write is refused 403 impersonation_read_only); one that has expired is ended and audited when its
 * cookie is seen again, and the admin's own session cookie comes back (also when it was revoked).
 */
export const loadSession: RequestHandler = async (req, res, next) => {
  try {
    // A change made through this API is never hidden from the caller's next request by a kept session (the
    // database's auth_changed notice also arrives, a moment later).
    if (!SAFE_METHODS.has(req.method)) res.once('finish', forgetSessions);
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) req.auth = (await resolveSession(token)) ?? undefined;
    if (token && !req.auth && readCookie(req.headers.cookie, ADMIN_STASH_COOKIE)) {
      // The viewing session is over: expired (audited now), or revoked with the customer's sessions.
      await endImpersonation({ expiredToken: token }, 'expired', { ip: req.ip, userAgent: req.get('user-agent') });
      restoreAdminSession(req, res);
    }
    if (req.auth?.impersonatorId && !SAFE_METHODS.has(req.method) && !IMPERSONATION_EXITS.has(req.path)) {
      return next(new AppError(403, 'impersonation_read_only', 'You are viewing the portal as this customer: it is read-only. Stop viewing as the customer to make changes.'));
    }
    next();
  } catch (err) {
    next(err);
  }
};

const secureCookies = (req: Request) => req.secure || process.env.NODE_ENV === 'production';

/** Starts viewing as a customer: the admin's own session token is stashed and the customer's session takes its place. */
export function switchToImpersonation(req: Request, res: Response, token: string, expiresAt: Date): void {
  const own = readCookie(req.headers.cookie, SESSION_COOKIE);
  const secure = secureCookies(req);
  if (own && !readCookie(req.headers.cookie, ADMIN_STASH_COOKIE)) res.cookie(ADMIN_STASH_COOKIE, own, { ...cookieOptions(secure), path: '/api' });
  res.cookie(SESSION_COOKIE, token, cookieOptions(secure, expiresAt));
}

/** Puts the stashed admin session back in place (or signs out when there is none). */
export function restoreAdminSession(req: Request, res: Response): void {
  const stashed = readCookie(req.headers.cookie, ADMIN_STASH_COOKIE);
  const secure = secureCookies(req);
  res.clearCookie(ADMIN_STASH_COOKIE, { ...cookieOptions(secure), path: '/api' });
  if (stashed) res.cookie(SESSION_COOKIE, stashed, cookieOptions(secure));
  else res.clearCookie(SESSION_COOKIE, cookieOptions(secure));
}

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
