import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import type { RoleName } from '../admin.models';

/** The account an admin action is about, locked for the action's transaction. */
export interface TargetAccount {
  id: string;
  name: string;
  email: string;
  status: 'active' | 'suspended';
  role: RoleName;
  deletedAt: Date | null;
}

/** Loads (FOR UPDATE) the user an action targets; 404 when there is none. */
export async function lockTarget(id: string, transaction: Transaction): Promise<TargetAccount> {
  const [row] = await db().query<{ id: string; name: string; email: string; status: 'active' | 'suspended'; deleted_at: Date | null; role: RoleName | null }>(
    `SELECT u.id, u.name, u.email, u.status, u.deleted_at, (SELECT role FROM admin_users au WHERE au.user_id = u.id) AS role
       FROM users u WHERE u.id = $1 FOR UPDATE OF u`,
    { bind: [id], type: QueryTypes.SELECT, transaction },
  );
  if (!row) throw AppError.notFound('User');
  return { id: row.id, name: row.name, email: row.email, status: row.status, deletedAt: row.deleted_at, role: row.role ?? 'customer' };
}

/**
 * Refuses actions an admin must not take on this account: on themselves (ask a colleague), on a super
 * admin (revoke the role first, which only another super admin can do), or on an erased account.
 */
export function assertActionable(actorId: string, target: TargetAccount, what: string, opts: { allowErased?: boolean } = {}): void {
  if (target.id === actorId) throw AppError.badRequest('cannot_act_on_self', `You cannot ${what} your own account; ask another admin.`);
  if (target.role === 'super_admin') throw AppError.conflict('target_is_super_admin', `A super admin cannot be ${what === 'delete' ? 'deleted' : `the target of "${what}"`}; revoke the super admin role first.`);
  if (target.deletedAt && !opts.allowErased) throw AppError.conflict('account_erased', 'This account has been deleted; its personal data is gone.');
}

/** The non-personal state of an account, for audit before/after. */
export const auditState = (t: Pick<TargetAccount, 'status' | 'deletedAt'>) => ({ status: t.status, deleted: !!t.deletedAt });
