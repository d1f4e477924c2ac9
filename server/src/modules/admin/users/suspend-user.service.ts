import type { Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { revokeUserSessions } from '../../auth/session.service';
import { User } from '../../users/user.models';
import { audit, type AuditActor } from '../audit';
import { assertActionable, lockTarget } from './account-target';

export interface StatusChangeResult {
  id: string;
  status: 'active' | 'suspended';
  sessionsEnded: number;
}

/** Suspends an account: login is refused from now on and every open session of the user ends at once. */
export async function suspendUser(actor: AuditActor & { id: string }, userId: string, reason: string, outer?: Transaction): Promise<StatusChangeResult> {
  const run = async (transaction: Transaction) => {
    const target = await lockTarget(userId, transaction);
    assertActionable(actor.id, target, 'suspend');
    if (target.status === 'suspended') throw AppError.conflict('already_suspended', 'This account is already suspended.');
    await User.update({ status: 'suspended', updatedAt: clock.now() }, { where: { id: userId }, transaction });
    const sessionsEnded = await revokeUserSessions(userId, { transaction });
    await audit(actor, { action: 'user.suspended', targetType: 'user', targetId: userId, before: { status: 'active' }, after: { status: 'suspended', reason, sessionsEnded } }, transaction);
    return { id: userId, status: 'suspended' as const, sessionsEnded };
  };
  return outer ? run(outer) : db().transaction(run);
}
