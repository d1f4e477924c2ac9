import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { sendResetLink } from '../../auth/password-reset.service';
import { revokeUserSessions } from '../../auth/session.service';
import { audit, type AuditActor } from '../audit';
import { lockTarget } from './account-target';

/**
 * E-mails the user a single-use reset link and ends their sessions, so whoever may know the old password
 * is out at once. Allowed on suspended accounts (the link works once the account is reactivated).
 */
export async function resetUserPassword(actor: AuditActor & { id: string }, userId: string, publicUrl: string): Promise<{ id: string; sessionsEnded: number; emailedTo: string }> {
  return db().transaction(async (transaction) => {
    const target = await lockTarget(userId, transaction);
    if (target.id === actor.id) throw AppError.badRequest('cannot_act_on_self', 'Change your own password from your account page.');
    // Like suspension: a super admin is out of reach (ending their sessions is a way to lock them out).
    if (target.role === 'super_admin') throw AppError.conflict('target_is_super_admin', 'A super admin resets their own password from the sign-in page; revoke the role first to act on this account.');
    if (target.deletedAt) throw AppError.conflict('account_erased', 'This account has been deleted; its personal data is gone.');
    await sendResetLink(target, publicUrl, transaction);
    const sessionsEnded = await revokeUserSessions(userId, { transaction });
    await audit(actor, { action: 'user.password_reset_sent', targetType: 'user', targetId: userId, before: null, after: { sessionsEnded } }, transaction);
    return { id: userId, sessionsEnded, emailedTo: target.email };
  });
}
