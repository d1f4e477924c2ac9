import { addRegistrationHook } from '../auth/registration-hooks';
import { ensureSubscription } from './subscription-lock';

let installed = false;

/** Wires billing into the rest of the app once (createApp may run more than once in tests). */
export function installBilling(): void {
  if (installed) return;
  installed = true;
  // Every new customer starts on Free, in the registration's transaction: no account exists without a plan.
  addRegistrationHook((user, transaction) => ensureSubscription(transaction, user.id));
}
