import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../../http/errors';
import { Setting } from '../system/setting.models';

/** Runtime setting (settings table): how many changes one admin may make per minute. */
export const ADMIN_RATE_LIMIT_SETTING = 'admin.mutations_per_minute';
export const DEFAULT_ADMIN_MUTATIONS_PER_MINUTE = 120;
const WINDOW_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The current per-admin limit: the setting when it holds a positive number, the default otherwise. */
export async function adminMutationLimit(): Promise<number> {
  const row = await Setting.findByPk(ADMIN_RATE_LIMIT_SETTING);
  const value = typeof row?.value === 'object' && row.value !== null ? (row.value as { perMinute?: unknown }).perMinute : row?.value;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_ADMIN_MUTATIONS_PER_MINUTE;
}

/**
 * Limits state-changing /api/admin requests per signed-in admin (not per IP: admins share office NATs).
 * Mounted after the session is loaded; reads and anonymous requests pass (the permission guard answers those).
 * Counters live in this process's memory: with several API processes each keeps its own window.
 */
export function adminMutationRateLimit(): RequestHandler {
  const limiter = rateLimit({
    windowMs: WINDOW_MS,
    limit: () => adminMutationLimit(),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `admin-mutations:${req.auth!.user.id}`,
    handler: (req, res, next) => {
      const info = (req as typeof req & { rateLimit?: { limit: number; resetTime?: Date } }).rateLimit;
      const resetTime = info?.resetTime;
      const retryAfter = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
      res.setHeader('Retry-After', String(retryAfter));
      next(new AppError(429, 'rate_limited', `Too many changes in a short time: at most ${info?.limit ?? ''} per minute. Try again in ${retryAfter} s.`, undefined, { retryAfterSeconds: retryAfter }));
    },
  });
  // Decided before entering the limiter: most requests are reads and pass without its (async) bookkeeping.
  return (req, res, next) => (SAFE_METHODS.has(req.method) || !req.auth || !req.path.startsWith('/admin/') ? next() : limiter(req, res, next));
}
