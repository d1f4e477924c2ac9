import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { AppError } from '../../../http/errors';
import { verifyStripeSignature } from '../webhooks/verify';
import type {
  ChargeInput,
  ChargeResult,
  DomainEvent,
  EnsureCustomerInput,
  PaymentGateway,
  PaymentMethodSummary,
  RefundInput,
  RefundResult,
  SetupIntentResult,
} from './payment-gateway.port';
import { toDomainEvent } from './stripe-events';

export interface StripeGatewayOptions {
  secretKey: string;
  /** `whsec_…` from the webhook endpoint; without it parseWebhook refuses every event. */
  webhookSecret?: string;
  /** Only to point the SDK at a local emulator in tests; production leaves these unset (api.stripe.com:443). */
  apiHost?: string;
  apiPort?: number;
  apiProtocol?: 'http' | 'https';
}

/**
 * The payment gateway backed by Stripe through the official SDK. This is the ONLY file that constructs
 * a Stripe client. Every POST carries an explicit idempotency key, so the SDK's automatic retries
 * (maxNetworkRetries) and our own job retries can never create a second customer or charge.
 */
export class StripeGateway implements PaymentGateway {
  readonly kind = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeGatewayOptions) {
    this.stripe = new Stripe(options.secretKey, {
      host: options.apiHost,
      port: options.apiPort,
      protocol: options.apiProtocol,
      maxNetworkRetries: 2,
      telemetry: false,
    });
  }

  async ensureCustomer(input: EnsureCustomerInput): Promise<{ customerId: string }> {
    if (input.existingCustomerId) {
      const existing = await this.retrieveCustomer(input.existingCustomerId);
      if (existing) return { customerId: existing.id };
    }
    // The key is derived from the user so two racing requests create one customer. After a customer was
    // deleted on the dashboard the key must change, or Stripe would replay the deleted one (keys live 24 h).
    const key = input.existingCustomerId ? `customer:${input.userId}:replaces:${input.existingCustomerId}` : `customer:${input.userId}`;
    const customer = await this.stripe.customers.create(
      { email: input.email, name: input.name, metadata: { user_id: input.userId } },
      { idempotencyKey: key },
    );
    return { customerId: customer.id };
  }

  async createSetupIntent({ customerId }: { customerId: string }): Promise<SetupIntentResult> {
    const intent = await this.stripe.setupIntents.create(
      // usage=off_session: the card is saved to be charged later without the customer (month-end invoices).
      { customer: customerId, usage: 'off_session', allowed_payment_method_types: ['card'] },
      { idempotencyKey: `setup_intent:${customerId}:${randomUUID()}` },
    );
    if (!intent.client_secret) throw new Error(`Stripe returned SetupIntent ${intent.id} without a client_secret`);
    return { clientSecret: intent.client_secret, setupIntentId: intent.id };
  }

  async attachTestCard(): Promise<PaymentMethodSummary> {
    // Raw card numbers must never reach our server in live mode (PCI scope): Stripe.js/Elements tokenises them.
    throw AppError.badRequest('use_elements', 'Card numbers are entered through Stripe Elements, not sent to this server');
  }

  async listPaymentMethods(customerId: string): Promise<PaymentMethodSummary[]> {
    const [customer, list] = await Promise.all([
      this.retrieveCustomer(customerId),
      this.stripe.paymentMethods.list({ customer: customerId, type: 'card', limit: 100 }),
    ]);
    if (!customer) throw AppError.notFound('Customer');
    const defaultId = idOf(customer.invoice_settings?.default_payment_method);
    return list.data.filter((pm) => pm.card).map((pm) => ({
      paymentMethodId: pm.id,
      brand: pm.card!.brand,
      last4: pm.card!.last4,
      expMonth: pm.card!.exp_month,
      expYear: pm.card!.exp_year,
      isDefault: pm.id === defaultId,
    }));
  }

  async detachPaymentMethod(customerId: string, paymentMethodId: string): Promise<void> {
    await this.assertOwned(customerId, paymentMethodId);
    // A detached PaymentMethod can never be attached again, so the key may be derived from its id alone.
    await this.stripe.paymentMethods.detach(paymentMethodId, {}, { idempotencyKey: `detach:${paymentMethodId}` });
  }

  async setDefaultPaymentMethod(customerId: string, paymentMethodId: string): Promise<void> {
    await this.assertOwned(customerId, paymentMethodId);
    // Unique per call: A → B → A within 24 h must not replay the first response and leave B as default.
    await this.stripe.customers.update(
      customerId,
      { invoice_settings: { default_payment_method: paymentMethodId } },
      { idempotencyKey: `default_payment_method:${customerId}:${paymentMethodId}:${randomUUID()}` },
    );
  }

  async charge(input: ChargeInput): Promise<ChargeResult> {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: input.amountCents,
          currency: input.currency.toLowerCase(),
          customer: input.customerId,
          payment_method: input.paymentMethodId,
          // off_session + confirm: charge now without the customer; Stripe answers 402 instead of asking for 3DS.
          off_session: true,
          confirm: true,
          description: input.description,
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return fromIntent(intent);
    } catch (err) {
      if (err instanceof Stripe.errors.StripeCardError) {
        // Quirk: an off-session charge the bank wants authenticated is a card_error with
        // code authentication_required (the PaymentIntent goes back to requires_payment_method).
        const status = err.code === 'authentication_required' ? 'requires_action' : 'failed';
        return {
          status,
          paymentId: err.payment_intent?.id ?? '',
          failureCode: err.code ?? 'card_declined',
          declineCode: err.decline_code || undefined,
          failureMessage: err.message,
        };
      }
      if (err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'amount_too_small') {
        // Stripe refuses charges under its minimum (50 cents in USD); the ledger must carry such sums forward.
        throw AppError.badRequest('amount_too_small', err.message);
      }
      throw err;
    }
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    const refund = await this.stripe.refunds.create(
      { payment_intent: input.paymentId, amount: input.amountCents },
      { idempotencyKey: input.idempotencyKey },
    );
    const status = refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
    return { refundId: refund.id, status };
  }

  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): DomainEvent {
    if (!this.options.webhookSecret) throw new Error('STRIPE_WEBHOOK_SECRET is not set: Stripe webhooks cannot be verified');
    return toDomainEvent(verifyStripeSignature(rawBody, signatureHeader, this.options.webhookSecret));
  }

  /** The customer, or undefined when Stripe no longer has it (deleted or unknown). */
  private async retrieveCustomer(customerId: string): Promise<Stripe.Customer | undefined> {
    try {
      const customer = await this.stripe.customers.retrieve(customerId);
      return customer.deleted ? undefined : customer;
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'resource_missing') return undefined;
      throw err;
    }
  }

  /** Refuses to touch another customer's card (ids come from the browser). */
  private async assertOwned(customerId: string, paymentMethodId: string): Promise<void> {
    const list = await this.stripe.paymentMethods.list({ customer: customerId, type: 'card', limit: 100 });
    if (!list.data.some((pm) => pm.id === paymentMethodId)) throw AppError.notFound('Payment method');
  }
}

function idOf(ref: string | { id: string } | null | undefined): string | undefined {
  return typeof ref === 'string' ? ref : ref?.id;
}

function fromIntent(intent: Stripe.PaymentIntent): ChargeResult {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', paymentId: intent.id };
    case 'processing':
      return { status: 'processing', paymentId: intent.id };
    case 'requires_action':
    case 'requires_confirmation':
      return { status: 'requires_action', paymentId: intent.id };
    default: {
      const err = intent.last_payment_error;
      return {
        status: 'failed',
        paymentId: intent.id,
        failureCode: err?.code ?? intent.status,
        declineCode: err?.decline_code ?? undefined,
        failureMessage: err?.message ?? undefined,
      };
    }
  }
}
