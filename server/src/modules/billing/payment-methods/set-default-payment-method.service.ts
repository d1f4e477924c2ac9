import { db } from '../../../db/sequelize';
import type { AuthUser } from '../../../http/auth-context';
import type { PaymentGateway } from '../gateways';
import { lockAccountWithCustomer, syncDefault, type PaymentMethodView } from './billing-account';

/** Makes one of the customer's cards the one off-session charges use (404 for anyone else's card). */
export async function setDefaultPaymentMethod(gateway: PaymentGateway, user: AuthUser, paymentMethodId: string): Promise<PaymentMethodView[]> {
  return db().transaction(async (transaction) => {
    const account = await lockAccountWithCustomer(transaction, gateway, user);
    // The gateway checks ownership against the processor customer, so another customer's id is a 404.
    await gateway.setDefaultPaymentMethod(account.gatewayCustomerId, paymentMethodId);
    await account.update({ defaultPaymentMethodId: paymentMethodId }, { transaction });
    return syncDefault(transaction, gateway, account, await gateway.listPaymentMethods(account.gatewayCustomerId));
  });
}
