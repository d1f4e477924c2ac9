import { Op, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import { plainSelect } from '../../db/plain-query';
import { clock } from '../../lib/clock';
import { hashToken, newToken } from '../../lib/tokens';
import type { AuthContext } from '../../http/auth-context';
import type { RoleName } from '../admin/admin.models';
import { Session } from './auth.models';
import { cachedSession, keepSession, sessionCacheGeneration } from './session-cache';

const TOUCH_EVERY_MS = 60_000;

/** Opens a session for the user and returns the cookie token (only its hash is stored). */
export async function createSession(
  input: { userId: string; ip?: string; userAgent?: string; ttlHours: number; impersonatorId?: string },
  transaction?: Transaction,
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + input.ttlHours * 3600_000);
  await Session.create(
    { tokenHash: hash, userId: input.userId, ip: input.ip ?? null, userAgent: input.userAgent?.slice(0, 500) ?? null, expiresAt, lastSeenAt: now, impersonatorId: input.impersonatorId ?? null },
    { transaction },
  );
  return { token, expiresAt };
}

/** Ends one session. */
export async function destroySession(sessionId: string): Promise<void> {
  await Session.destroy({ where: { id: sessionId } });
}

/** Ends every session of a user at once (suspension, password reset, deletion), optionally keeping one. */
export async function revokeUserSessions(userId: string, opts: { except?: string; transaction?: Transaction } = {}): Promise<number> {
  const where: Record<string, unknown> = { userId };
  if (opts.except) where.id = { [Op.ne]: opts.except };
  return Session.destroy({ where, transaction: opts.transaction });
}

interface SessionRow {
  session_id: string;
  last_seen_at: Date;
  expires_at: Date;
  impersonator_id: string | null;
  id: string;
  name: string;
  email: string;
  status: 'active' | 'suspended';
  created_at: Date;
  last_active_at: Date | null;
  role: RoleName | null;
  extra: string[] | null;
  role_permissions: string[] | null;
}

/**
 * Resolves a cookie token to the caller in one query: session, user, admin role and the role's
 * permissions (super_admin always holds every permission in the catalogue). A session resolved a moment
 * ago comes from the session cache (session-cache.ts), which any change to auth data empties.
 */
export async function resolveSession(token: string): Promise<AuthContext | null> {
  const now = clock.now();
  const tokenHash = hashToken(token);
  const cached = cachedSession(tokenHash);
  if (cached) {
    if (now.getTime() - cached.lastSeenAt > TOUCH_EVERY_MS) {
      cached.lastSeenAt = now.getTime();
      void touch(cached.auth.sessionId, cached.auth.impersonatorId ? null : cached.auth.user.id, now);
    }
    return cached.auth;
  }
  const generation = sessionCacheGeneration();
  // Every authenticated request without a kept session runs this: a plain pooled read, past Sequelize's query machinery.
  const [row] = await plainSelect<SessionRow>(
    `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, s.impersonator_id,
            u.id, u.name, u.email, u.status, u.created_at, u.last_active_at,
            au.role, au.permissions AS extra,
            CASE WHEN au.role = 'super_admin' THEN (SELECT array_agg(key) FROM permissions)
                 ELSE (SELECT array_agg(permission_key) FROM role_permissions WHERE role_name = coalesce(au.role, 'customer'))
            END AS role_permissions
       FROM sessions s
       JOIN users u ON u.id = s.user_id
       LEFT JOIN admin_users au ON au.user_id = u.id
      WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [tokenHash, now],
    { name: 'auth.resolve-session' },
  );
  if (!row || row.status !== 'active') return null;
  let lastSeenAt = new Date(row.last_seen_at).getTime();
  if (now.getTime() - lastSeenAt > TOUCH_EVERY_MS) {
    lastSeenAt = now.getTime();
    void touch(row.session_id, row.impersonator_id ? null : row.id, now);
  }
  const permissions = new Set<string>([...(row.role_permissions ?? []), ...(row.extra ?? [])]);
  const auth: AuthContext = {
    user: { id: row.id, name: row.name, email: row.email, status: row.status, role: row.role ?? 'customer', createdAt: row.created_at, lastActiveAt: row.last_active_at },
    permissions,
    isAdmin: row.role !== null,
    sessionId: row.session_id,
    impersonatorId: row.impersonator_id,
  };
  keepSession(tokenHash, generation, { auth, sessionExpiresAt: new Date(row.expires_at).getTime(), lastSeenAt });
  return auth;
}

// Activity is recorded at most once a minute per session, so reads stay reads. An admin viewing the portal
// as a customer is not the customer's activity (userId null).
async function touch(sessionId: string, userId: string | null, now: Date): Promise<void> {
  await db()
    .query(
      `WITH s AS (UPDATE sessions SET last_seen_at = $1 WHERE id = $2)
       UPDATE users SET last_active_at = $1 WHERE id = $3`,
      { bind: [now, sessionId, userId] },
    )
    .catch(() => undefined);
}
