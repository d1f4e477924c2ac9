import type { RequestHandler, Response } from 'express';
import { AppError } from '../../http/errors';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { audit, type AuditActor } from '../admin/audit';
import { Setting } from './setting.models';

export const MAINTENANCE_KEY = 'maintenance';
export const DEFAULT_MAINTENANCE_MESSAGE = 'Socrates is down for scheduled maintenance. Please try again shortly.';

export interface MaintenanceState {
  enabled: boolean;
  message: string | null;
  /** When it was last switched from the console (null when it comes from MAINTENANCE_MESSAGE). */
  updatedAt: string | null;
  updatedBy: string | null;
}

interface StoredMaintenance {
  enabled?: boolean;
  message?: string | null;
  updatedAt?: string;
  updatedBy?: string | null;
}

// Every API request consults the state; a few seconds of staleness across processes is the price of
// not reading the settings table on each one. The process that switches it forgets its copy at once.
const CACHE_MS = 3_000;
let cached: { state: MaintenanceState; fetchedAt: number } | undefined;

/** The maintenance switch: the console's setting wins; MAINTENANCE_MESSAGE turns it on when nothing is stored. */
export async function readMaintenance(envMessage: string | undefined): Promise<MaintenanceState> {
  const fresh = keptMaintenance();
  if (fresh) return fresh;
  const stored = (await Setting.findByPk(MAINTENANCE_KEY))?.value as StoredMaintenance | undefined;
  const enabled = Boolean(stored?.enabled ?? envMessage);
  const state: MaintenanceState = {
    enabled,
    message: stored?.message || envMessage || (enabled ? DEFAULT_MAINTENANCE_MESSAGE : null),
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
  };
  cached = { state, fetchedAt: Date.now() };
  return state;
}

/** The state read less than CACHE_MS ago, if any (no promise: the gate runs on every request). */
function keptMaintenance(): MaintenanceState | undefined {
  return cached && Date.now() - cached.fetchedAt < CACHE_MS ? cached.state : undefined;
}

export function forgetMaintenanceCache(): void {
  cached = undefined;
}

/** Switches maintenance mode on or off with the message customers see; audited in the same transaction. */
export async function setMaintenance(actor: AuditActor, input: { enabled: boolean; message?: string | null }, envMessage: string | undefined): Promise<MaintenanceState> {
  const message = input.message?.trim() || null;
  await db().transaction(async (transaction) => {
    const row = await Setting.findByPk(MAINTENANCE_KEY, { transaction, lock: transaction.LOCK.UPDATE });
    const before = (row?.value as StoredMaintenance | undefined) ?? null;
    const value: StoredMaintenance = { enabled: input.enabled, message, updatedAt: clock.now().toISOString(), updatedBy: actor.email };
    await Setting.upsert({ key: MAINTENANCE_KEY, value }, { transaction });
    await audit(actor, { action: input.enabled ? 'system.maintenance_enabled' : 'system.maintenance_disabled', targetType: 'setting', targetId: MAINTENANCE_KEY, before, after: value }, transaction);
  });
  forgetMaintenanceCache();
  return readMaintenance(envMessage);
}

// Paths (under /api) that keep answering everyone: liveness and UI config, the docs, signing in (so
// admins can), the routes under /admin whose own permission checks keep customers out, payment webhooks,
// and the browsers' error reports (a maintenance window is when they matter).
const OPEN_PREFIXES = ['/health', '/config', '/docs', '/openapi.json', '/auth/', '/admin/', '/webhooks/', '/client-errors', '/sentry-tunnel'];
// Signing up creates a customer who could do nothing yet.
const CLOSED_DURING_MAINTENANCE = ['/auth/register'];

/**
 * The answer a customer gets while maintenance is on: 503 `maintenance` with the message and a Retry-After.
 * The error handler does not report it: a planned 503 is not an incident.
 */
export function maintenanceRefusal(res: Response, state: MaintenanceState): AppError {
  res.setHeader('Retry-After', '300');
  return new AppError(503, 'maintenance', state.message ?? DEFAULT_MAINTENANCE_MESSAGE);
}

/**
 * While maintenance mode is on, customers' API requests answer 503 `maintenance` with the message;
 * admins (and admins viewing the portal as a customer) keep working. Mount after the session loads.
 */
export function maintenanceGate(envMessage: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (req.auth?.isAdmin || req.auth?.impersonatorId) return next();
    const path = req.path;
    if (!CLOSED_DURING_MAINTENANCE.includes(path) && OPEN_PREFIXES.some((p) => path === p || path.startsWith(p))) return next();
    const kept = keptMaintenance();
    if (kept) return next(kept.enabled ? maintenanceRefusal(res, kept) : undefined);
    readMaintenance(envMessage).then(
      (state) => next(state.enabled ? maintenanceRefusal(res, state) : undefined),
      (err: unknown) => next(err),
    );
  };
}
