import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import { User } from '../users/user.models';
import { findAccount } from './accounts';
import { hashPassword, verifyPassword } from './password';
import { revokeUserSessions } from './session.service';

/** Changes the password after checking the current one; other sessions of the user end. */
export async function changePassword(userId: string, sessionId: string, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const account = await findAccount({ id: userId });
  if (!account || !(await verifyPassword(input.currentPassword, account.passwordHash))) {
    throw AppError.validation({ currentPassword: ['The current password is not correct'] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db().transaction(async (transaction) => {
    await User.update({ passwordHash }, { where: { id: userId }, transaction });
    await revokeUserSessions(userId, { except: sessionId, transaction });
  });
}

/** Updates the signed-in user's own profile. */
export async function updateProfile(userId: string, input: { name: string }): Promise<void> {
  await User.update({ name: input.name }, { where: { id: userId } });
}
