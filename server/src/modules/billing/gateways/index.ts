import { logger } from '../../../lib/logger';
import { LocalGateway, type SignedWebhook } from './local-gateway';
import { MemoryLocalGatewayStore, type LocalGatewayStore } from './local-gateway-store';
import type { PaymentGateway } from './payment-gateway.port';
import { StripeGateway } from './stripe-gateway';

export type { PaymentGateway, DomainEvent, ChargeResult, PaymentMethodSummary } from './payment-gateway.port';
export type { LocalGatewayStore } from './local-gateway-store';
export type { SignedWebhook } from './local-gateway';

export interface PaymentGatewaySettings {
  /** STRIPE_SECRET_KEY: when set, Stripe is the processor; otherwise the local test-mode gateway. */
  secretKey?: string;
  /** STRIPE_WEBHOOK_SECRET (`whsec_…`). */
  webhookSecret?: string;
  /** STRIPE_API_HOST / _PORT / _PROTOCOL: only to aim the SDK at an emulator; unset in production. */
  apiHost?: string;
  apiPort?: number;
  apiProtocol?: 'http' | 'https';
  /** Local gateway state; the billing module passes its table-backed store (the default is in-memory). */
  localStore?: LocalGatewayStore;
  /** Local gateway: where its signed events go (the billing module's inbound-webhook intake). */
  onLocalEvent?: (webhook: SignedWebhook) => void | Promise<void>;
}

/** Chooses the payment processor once at start-up: Stripe when a secret key is configured, else local test mode. */
export function createPaymentGateway(settings: PaymentGatewaySettings): PaymentGateway {
  if (settings.secretKey) {
    if (!settings.webhookSecret) logger.warn('STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET: Stripe webhooks will be refused');
    return new StripeGateway({
      secretKey: settings.secretKey,
      webhookSecret: settings.webhookSecret,
      apiHost: settings.apiHost,
      apiPort: settings.apiPort,
      apiProtocol: settings.apiProtocol,
    });
  }
  if (!settings.localStore) {
    // In-memory state is lost on restart and not shared between the API and worker processes.
    logger.warn('payments: local test-mode gateway with an in-memory store (pass a table-backed LocalGatewayStore)');
  }
  // With STRIPE_WEBHOOK_SECRET set, local events verify in every process (API and workers) alike.
  return new LocalGateway({ store: settings.localStore ?? new MemoryLocalGatewayStore(), webhookSecret: settings.webhookSecret, onEvent: settings.onLocalEvent });
}
