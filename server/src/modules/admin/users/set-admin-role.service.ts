import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { findAccount } from '../../auth/accounts';
import { presentUser } from '../../users/user.presenter';
import { AdminUser, Permission, type AdminRole } from '../admin.models';
import { audit, type AuditActor } from '../audit';

/** Grants, changes or (with role null) revokes a user's admin role and extra permissions (kept when omitted). */
export async function setAdminRole(actor: AuditActor & { id: string }, userId: string, input: { role: AdminRole | null; extraPermissions?: string[] }) {
  if (userId === actor.id && input.role !== 'super_admin') {
    throw AppError.badRequest('cannot_demote_self', 'You cannot remove your own super admin role; ask another super admin.');
  }
  const requested = input.extraPermissions && [...new Set(input.extraPermissions)].sort();
  if (requested?.length) {
    const known = new Set((await Permission.findAll({ attributes: ['key'] })).map((p) => p.key));
    const unknown = requested.filter((p) => !known.has(p));
    if (unknown.length) throw AppError.validation({ extraPermissions: [`Unknown permission(s): ${unknown.join(', ')}`] });
  }
  return db().transaction(async (transaction) => {
    const user = await findAccount({ id: userId }, transaction);
    if (!user) throw AppError.notFound('User');
    // Role changes of one user run one at a time: a lock on their admin row cannot serialise two grants to
    // a customer who has none yet (both would insert it), so the user's row is the lock.
    await db().query('SELECT 1 FROM users WHERE id = ? FOR NO KEY UPDATE', { replacements: [userId], transaction });
    const current = await AdminUser.findOne({ where: { userId }, transaction, lock: transaction.LOCK.UPDATE });
    const before = current ? { role: current.role, extraPermissions: current.permissions } : { role: 'customer', extraPermissions: [] };
    // Changing only the role keeps the extra grants the admin already had.
    const extra = requested ?? current?.permissions ?? [];
    const granter = await AdminUser.findOne({ where: { userId: actor.id }, transaction });
    if (input.role === null) await current?.destroy({ transaction });
    else if (current) await current.update({ role: input.role, permissions: extra, grantedBy: granter?.id ?? null, grantedAt: clock.now() }, { transaction });
    else await AdminUser.create({ userId, role: input.role, permissions: extra, grantedBy: granter?.id ?? null, grantedAt: clock.now() }, { transaction });
    const after = { role: input.role ?? 'customer', extraPermissions: input.role ? extra : [] };
    await audit(actor, { action: input.role ? 'user.admin_role_granted' : 'user.admin_role_revoked', targetType: 'user', targetId: userId, before, after }, transaction);
    return presentUser({ ...user, role: input.role ?? 'customer' });
  });
}
