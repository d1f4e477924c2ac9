import { db } from '../../../db/sequelize';
import type { AuthUser } from '../../../http/auth-context';
import { AppError } from '../../../http/errors';
import type { PaymentGateway } from '../gateways';
import { lockAccountWithCustomer } from './billing-account';

export interface SetupIntentView {
  clientSecret: string;
  publishableKey: string;
}

/** Starts collecting a card with Stripe Elements: what the browser needs to confirm a SetupIntent. */
export async function createSetupIntent(gateway: PaymentGateway, user: AuthUser, publishableKey: string | undefined): Promise<SetupIntentView> {
  if (gateway.kind === 'local') throw AppError.conflict('use_test_card_form', 'Test mode: add a card with the test card form (POST /api/billing/payment-methods)');
  if (!publishableKey) throw new Error('STRIPE_PUBLISHABLE_KEY is not set: the portal cannot show Stripe Elements');
  return db().transaction(async (transaction) => {
    const account = await lockAccountWithCustomer(transaction, gateway, user);
    const intent = await gateway.createSetupIntent({ customerId: account.gatewayCustomerId });
    return { clientSecret: intent.clientSecret, publishableKey };
  });
}
