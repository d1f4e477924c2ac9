import { addRegistrationHook } from '../auth/registration-hooks';
import { ensureSubscription } from './subscription-lock';
import type { Config } from '../../config';
import { createPaymentGateway, type PaymentGateway } from './gateways';
import { SqlLocalGatewayStore } from './gateways/sql-local-gateway-store';
import { localWebhookSink } from './webhooks/ingest-webhook.service';

let installed = false;

/** Wires billing into the rest of the app once (createApp may run more than once in tests). */
export function installBilling(): void {
  if (installed) return;
  installed = true;
  // Every new customer starts on Free, in the registration's transaction: no account exists without a plan.
  addRegistrationHook((user, transaction) => ensureSubscription(transaction, user.id));
}

/** The payment gateway chosen from config: Stripe with a secret key, else the local test-mode gateway on our tables. */
export function createBillingGateway(config: Config): PaymentGateway {
  const gateway: PaymentGateway = createPaymentGateway({
    secretKey: config.STRIPE_SECRET_KEY,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET,
    apiHost: config.STRIPE_API_HOST,
    apiPort: config.STRIPE_API_PORT,
    apiProtocol: config.STRIPE_API_PROTOCOL,
    localStore: new SqlLocalGatewayStore(),
    onLocalEvent: localWebhookSink(() => gateway),
  });
  return gateway;
}
