import type { Transaction } from 'sequelize';
import type { User } from '../users/user.models';

type Hook = (user: User, transaction: Transaction) => Promise<void>;
const hooks: Hook[] = [];

/** Other domains (billing puts every new customer on Free) run inside the registration's transaction. */
export function addRegistrationHook(hook: Hook): void {
  hooks.push(hook);
}

export async function onUserRegistered(user: User, transaction: Transaction): Promise<void> {
  for (const hook of hooks) await hook(user, transaction);
}
