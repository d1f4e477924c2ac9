import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { IMPERSONATION_MINUTES } from '../../auth/impersonation.service';
import { createSession } from '../../auth/session.service';
import { audit, type AuditActor } from '../audit';
import { assertActionable, lockTarget } from '../users/account-target';

/**
 * Opens a read-only, time-limited portal session as a customer for an admin ("View as customer").
 * Only active customers can be viewed: never another admin, yourself or a suspended or deleted account.
 */
export async function startImpersonation(actor: AuditActor & { id: string }, userId: string): Promise<{ token: string; expiresAt: Date; userId: string }> {
  return db().transaction(async (transaction) => {
    const target = await lockTarget(userId, transaction);
    assertActionable(actor.id, target, 'view as');
    if (target.role !== 'customer') throw AppError.conflict('not_a_customer', 'Only customer accounts can be viewed as the customer.');
    if (target.status !== 'active') throw AppError.conflict('account_suspended', 'This account is suspended; reactivate it to view the portal as the customer.');
    const { token, expiresAt } = await createSession(
      { userId, impersonatorId: actor.id, ip: actor.ip ?? undefined, userAgent: actor.userAgent ?? undefined, ttlHours: IMPERSONATION_MINUTES / 60 },
      transaction,
    );
    await audit(actor, { action: 'user.impersonation_started', targetType: 'user', targetId: userId, before: null, after: { expiresAt: expiresAt.toISOString(), minutes: IMPERSONATION_MINUTES, startedAt: clock.now().toISOString() } }, transaction);
    return { token, expiresAt, userId };
  });
}
