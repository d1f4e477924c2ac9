import { AppError } from '../../http/errors';
import type { AuthUser } from '../../http/auth-context';
import { findAccount } from './accounts';
import { verifyPassword } from './password';
import { track } from '../analytics/track';

// Verified when the e-mail is unknown, so a miss takes as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Checks e-mail and password; suspended accounts are refused even with the right password. */
export async function authenticate(email: string, password: string): Promise<AuthUser> {
  const account = await findAccount({ email });
  const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
  if (!account || !ok) throw new AppError(401, 'invalid_credentials', 'Invalid email or password');
  if (account.status === 'suspended') throw new AppError(403, 'account_suspended', 'This account is suspended. Contact support if you think this is a mistake.');
  const { passwordHash: _omit, ...user } = account;
  await track({ type: 'login', userId: user.id });
  return user;
}
