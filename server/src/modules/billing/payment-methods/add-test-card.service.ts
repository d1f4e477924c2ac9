import { db } from '../../../db/sequelize';
import type { AuthUser } from '../../../http/auth-context';
import { AppError } from '../../../http/errors';
import type { PaymentGateway } from '../gateways';
import { lockAccountWithCustomer, syncDefault, type PaymentMethodView } from './billing-account';

export interface TestCardForm {
  cardNumber: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/**
 * Test mode only: saves a test card (the gateway keeps brand and last four, never the number) and makes it
 * the default when it is the customer's first. Declines are 402 card_declined; bad details 400 with field errors.
 */
export async function addTestCard(gateway: PaymentGateway, user: AuthUser, form: TestCardForm): Promise<PaymentMethodView> {
  if (gateway.kind !== 'local') throw AppError.conflict('use_stripe_elements', 'Cards are added through Stripe Elements (POST /api/billing/payment-methods/setup-intent)');
  return db().transaction(async (transaction) => {
    const account = await lockAccountWithCustomer(transaction, gateway, user);
    const added = await gateway.attachTestCard({ customerId: account.gatewayCustomerId, ...form });
    const cards = await syncDefault(transaction, gateway, account, await gateway.listPaymentMethods(account.gatewayCustomerId));
    return cards.find((c) => c.id === added.paymentMethodId)!;
  });
}
