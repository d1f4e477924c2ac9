import { Op, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import { clock } from '../../lib/clock';
import { hashToken, newToken } from '../../lib/tokens';
import { sendEmail } from '../mail/mailer';
import { User } from '../users/user.models';
import { findAccount } from './accounts';
import { PasswordResetToken } from './auth.models';
import { hashPassword } from './password';
import { revokeUserSessions } from './session.service';

const TOKEN_TTL_MS = 60 * 60 * 1000;

/** E-mails a single-use reset link valid for one hour; says nothing about whether the address exists. */
export async function requestPasswordReset(email: string, publicUrl: string): Promise<void> {
  const account = await findAccount({ email });
  if (!account || account.status !== 'active') return;
  await sendResetLink(account, publicUrl);
}

/** Issues a reset token and e-mails its link (also used by the console's "reset password" action). */
export async function sendResetLink(account: { id: string; name: string; email: string; role: string }, publicUrl: string, transaction?: Transaction): Promise<void> {
  const { token, hash } = newToken();
  const app = account.role === 'customer' ? 'portal' : 'admin';
  const link = `${publicUrl}/${app}/reset-password?token=${token}`;
  const run = async (t: Transaction) => {
    // A new link replaces older ones.
    await PasswordResetToken.update({ usedAt: clock.now() }, { where: { userId: account.id, usedAt: null }, transaction: t });
    await PasswordResetToken.create({ userId: account.id, tokenHash: hash, expiresAt: new Date(clock.now().getTime() + TOKEN_TTL_MS) }, { transaction: t });
    await sendEmail(
      {
        to: account.email,
        template: 'password_reset',
        subject: 'Reset your Socrates password',
        text: `Hello ${account.name},\n\nSomeone asked to reset the password of your Socrates account. Choose a new password here (the link works once, for one hour):\n\n${link}\n\nIf it wasn't you, ignore this e-mail; your password stays as it is.`,
      },
      t,
    );
  };
  if (transaction) await run(transaction);
  else await db().transaction(run);
}

/** Sets a new password from a valid token, spends the token and ends every session of the user. */
export async function confirmPasswordReset(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().transaction(async (transaction) => {
    const row = await PasswordResetToken.findOne({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { [Op.gt]: clock.now() } },
      lock: transaction.LOCK.UPDATE,
      transaction,
    });
    if (!row) throw AppError.badRequest('invalid_token', 'This reset link is invalid or has expired. Ask for a new one.', { token: ['Invalid or expired link'] });
    await row.update({ usedAt: clock.now() }, { transaction });
    await User.update({ passwordHash }, { where: { id: row.userId }, transaction });
    await revokeUserSessions(row.userId, { transaction });
  });
}
