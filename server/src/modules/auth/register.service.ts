import { UniqueConstraintError } from 'sequelize';
import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import { clock } from '../../lib/clock';
import { User } from '../users/user.models';
import { hashPassword } from './password';
import { onUserRegistered } from './registration-hooks';

/** Creates a customer account. */
export async function registerCustomer(input: { name: string; email: string; password: string }): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  const taken = () => AppError.conflict('email_taken', 'An account with this e-mail already exists', { email: ['An account with this e-mail already exists'] });
  try {
    return await db().transaction(async (transaction) => {
      if (await User.findOne({ where: db().where(db().fn('lower', db().col('email')), input.email.toLowerCase()), transaction })) throw taken();
      const now = clock.now();
      const user = await User.create({ name: input.name, email: input.email, passwordHash, createdAt: now, updatedAt: now, lastActiveAt: now }, { transaction });
      await onUserRegistered(user, transaction);
      return user;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw taken(); // a concurrent registration won the race
    throw err;
  }
}
