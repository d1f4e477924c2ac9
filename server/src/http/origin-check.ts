import type { RequestHandler } from 'express';
import { AppError } from './errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence beside SameSite=Lax cookies: a state-changing request that says it comes from another
 * site (Origin or Sec-Fetch-Site) is refused. Requests without either header (curl, server-to-server) pass.
 */
export function originCheck(allowedOrigins: string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, _res, next) => {
    if (SAFE.has(req.method)) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const own = `${req.protocol}://${req.get('host')}`;
    if (origin && origin !== 'null' && origin !== own && !allowed.has(origin)) return next(AppError.forbidden('Requests from other sites are not accepted', 'foreign_origin'));
    if (origin === 'null' || site === 'cross-site') return next(AppError.forbidden('Requests from other sites are not accepted', 'foreign_origin'));
    next();
  };
}
