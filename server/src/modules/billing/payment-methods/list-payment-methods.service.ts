import { db } from '../../../db/sequelize';
import type { AuthUser } from '../../../http/auth-context';
import type { PaymentGateway } from '../gateways';
import { lockAccountWithCustomer, syncDefault, type PaymentMethodView } from './billing-account';

/** The customer's saved cards (asked from the processor), newest first, with the one off-session charges use. */
export async function listPaymentMethods(gateway: PaymentGateway, user: AuthUser): Promise<PaymentMethodView[]> {
  return db().transaction(async (transaction) => {
    const account = await lockAccountWithCustomer(transaction, gateway, user);
    return syncDefault(transaction, gateway, account, await gateway.listPaymentMethods(account.gatewayCustomerId));
  });
}
