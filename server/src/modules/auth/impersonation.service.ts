import { QueryTypes } from 'sequelize';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { hashToken } from '../../lib/tokens';
import { audit } from '../admin/audit';

/** How long an admin may view the portal as a customer before the session ends by itself. */
export const IMPERSONATION_MINUTES = 30;

export interface ImpersonationInfo {
  impersonatorId: string;
  impersonatorName: string;
  impersonatorEmail: string;
  expiresAt: string;
}

/** Who is viewing as this customer, and until when (for /auth/me and the portal's banner). */
export async function getImpersonation(sessionId: string): Promise<ImpersonationInfo | null> {
  const [row] = await db().query<{ impersonator_id: string; name: string; email: string; expires_at: Date }>(
    `SELECT s.impersonator_id, u.name, u.email, s.expires_at FROM sessions s JOIN users u ON u.id = s.impersonator_id WHERE s.id = $1`,
    { bind: [sessionId], type: QueryTypes.SELECT },
  );
  return row ? { impersonatorId: row.impersonator_id, impersonatorName: row.name, impersonatorEmail: row.email, expiresAt: new Date(row.expires_at).toISOString() } : null;
}

type EndReason = 'stopped' | 'logout' | 'expired';

/**
 * Ends an impersonation session and writes the closing audit row (actor: the admin who started it).
 * `by` picks the session: its id (stop, logout) or, for an expired one seen again, its cookie token.
 */
export async function endImpersonation(by: { sessionId: string } | { expiredToken: string }, reason: EndReason, ctx: { ip?: string | null; userAgent?: string | null } = {}): Promise<{ userId: string } | null> {
  return db().transaction(async (transaction) => {
    const where = 'sessionId' in by ? 's.id = $1' : 's.token_hash = $1 AND s.expires_at <= $2';
    const [row] = await db().query<{ id: string; user_id: string; impersonator_id: string; created_at: Date; email: string | null }>(
      `DELETE FROM sessions s USING users a WHERE ${where} AND s.impersonator_id IS NOT NULL AND a.id = s.impersonator_id
       RETURNING s.id, s.user_id, s.impersonator_id, s.created_at, a.email`,
      { bind: 'sessionId' in by ? [by.sessionId] : [hashToken(by.expiredToken), clock.now()], type: QueryTypes.SELECT, transaction },
    );
    if (!row) return null;
    const minutes = Math.round((clock.now().getTime() - new Date(row.created_at).getTime()) / 60_000);
    await audit(
      { id: row.impersonator_id, email: row.email, ip: ctx.ip ?? null, userAgent: ctx.userAgent?.slice(0, 500) ?? null },
      { action: 'user.impersonation_ended', targetType: 'user', targetId: row.user_id, before: { sessionId: row.id }, after: { reason, minutes } },
      transaction,
    );
    return { userId: row.user_id };
  });
}
