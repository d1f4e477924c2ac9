import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { User } from '../../users/user.models';
import { audit, type AuditActor } from '../audit';
import { assertActionable, lockTarget } from './account-target';
import type { StatusChangeResult } from './suspend-user.service';

/** Lifts a suspension: the user may sign in again (their old sessions stay ended). */
export async function reactivateUser(actor: AuditActor & { id: string }, userId: string): Promise<StatusChangeResult> {
  return db().transaction(async (transaction) => {
    const target = await lockTarget(userId, transaction);
    assertActionable(actor.id, target, 'reactivate');
    if (target.status === 'active') throw AppError.conflict('not_suspended', 'This account is not suspended.');
    await User.update({ status: 'active', updatedAt: clock.now() }, { where: { id: userId }, transaction });
    await audit(actor, { action: 'user.reactivated', targetType: 'user', targetId: userId, before: { status: 'suspended' }, after: { status: 'active' } }, transaction);
    return { id: userId, status: 'active' as const, sessionsEnded: 0 };
  });
}
