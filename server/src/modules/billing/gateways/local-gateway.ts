import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { AppError, fieldErrors } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import { verifyStripeSignature } from '../webhooks/verify';
import type { LocalCardBehaviour, LocalGatewayStore, LocalPayment, LocalPaymentMethod } from './local-gateway-store';
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
  TestCardInput,
} from './payment-gateway.port';
import { toDomainEvent } from './stripe-events';

/** The test cards the test-mode form accepts (Stripe's own numbers, so the same habits work in both modes). */
export const TEST_CARDS: Record<string, { brand: string; outcome: 'succeeds' | 'declined_at_attach' | 'declines_on_charge' }> = {
  '4242424242424242': { brand: 'visa', outcome: 'succeeds' },
  '4000000000000002': { brand: 'visa', outcome: 'declined_at_attach' },
  '4000000000000341': { brand: 'visa', outcome: 'declines_on_charge' },
};

/** Stripe's minimum charge (50 cents in USD); mirrored so test mode meets the same limit as production. */
export const MINIMUM_CHARGE_CENTS = 50;

/** A signed event, exactly as Stripe would POST it: the raw JSON body and its `Stripe-Signature` header. */
export interface SignedWebhook {
  payload: string;
  signature: string;
  type: string;
}

export interface LocalGatewayOptions {
  store: LocalGatewayStore;
  /**
   * Secret the gateway signs its events with. Defaults to a random one per instance, which is right when
   * events are delivered in-process through `onEvent` (nobody outside can forge a test-mode payment).
   */
  webhookSecret?: string;
  /**
   * Receives every event the gateway emits (as Stripe would deliver it to the webhook route). The billing
   * module passes it to `parseWebhook` and its inbound-event store. Delivery errors never fail the payment.
   */
  onEvent?: (webhook: SignedWebhook) => void | Promise<void>;
}

const newId = (prefix: string) => `${prefix}_local_${randomBytes(12).toString('hex')}`;

/**
 * The embedded test-mode gateway: the same port as Stripe with no account. It plays Stripe's part — card
 * numbers in, payment-method ids out — and keeps only brand and last four. State lives in a
 * LocalGatewayStore (a table-backed one in production wiring); events are signed with Stripe's scheme.
 */
export class LocalGateway implements PaymentGateway {
  readonly kind = 'local' as const;
  private readonly store: LocalGatewayStore;
  private readonly webhookSecret: string;
  private readonly onEvent?: LocalGatewayOptions['onEvent'];

  constructor(options: LocalGatewayOptions) {
    this.store = options.store;
    this.webhookSecret = options.webhookSecret ?? `whsec_local_${randomBytes(24).toString('hex')}`;
    this.onEvent = options.onEvent;
  }

  async ensureCustomer(input: EnsureCustomerInput): Promise<{ customerId: string }> {
    if (input.existingCustomerId) {
      const existing = await this.store.findCustomer(input.existingCustomerId);
      if (existing) return { customerId: existing.id };
    }
    // Unique on user id: two racing calls end with the same customer.
    const customer = await this.store.insertCustomer({
      id: newId('cus'), userId: input.userId, email: input.email, name: input.name, defaultPaymentMethodId: null, createdAt: clock.now(),
    });
    return { customerId: customer.id };
  }

  async createSetupIntent({ customerId }: { customerId: string }): Promise<SetupIntentResult> {
    await this.customerOr404(customerId);
    // Nothing to confirm later: the test-mode card form posts the number to attachTestCard directly.
    const setupIntentId = newId('seti');
    return { setupIntentId, clientSecret: `${setupIntentId}_secret_${randomBytes(12).toString('hex')}` };
  }

  async attachTestCard(input: TestCardInput): Promise<PaymentMethodSummary> {
    await this.customerOr404(input.customerId);
    const number = validateCard(input);
    const card = TEST_CARDS[number];
    if (!card) {
      throw new AppError(400, 'invalid_number', 'Use one of the test cards', {
        cardNumber: ['In test mode use 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0002 (declined) or 4000 0000 0000 0341 (fails when charged)'],
      });
    }
    if (card.outcome === 'declined_at_attach') {
      // Stripe declines 4000…0002 when the SetupIntent is confirmed, i.e. before any card is saved.
      throw new AppError(402, 'card_declined', 'Your card was declined.', { cardNumber: ['Your card was declined.'] });
    }
    const behaviour: LocalCardBehaviour = card.outcome === 'succeeds' ? 'succeeds' : 'declines_on_charge';
    const pm: LocalPaymentMethod = {
      id: newId('pm'), customerId: input.customerId, brand: card.brand, last4: number.slice(-4),
      expMonth: input.expMonth, expYear: input.expYear, behaviour, createdAt: clock.now(),
    };
    await this.store.insertPaymentMethod(pm);
    await this.emit('payment_method.attached', {
      id: pm.id, object: 'payment_method', customer: pm.customerId, type: 'card',
      card: { brand: pm.brand, last4: pm.last4, exp_month: pm.expMonth, exp_year: pm.expYear },
    });
    return summary(pm, false);
  }

  async listPaymentMethods(customerId: string): Promise<PaymentMethodSummary[]> {
    const customer = await this.customerOr404(customerId);
    const list = await this.store.listPaymentMethods(customerId);
    return list.map((pm) => summary(pm, pm.id === customer.defaultPaymentMethodId));
  }

  async detachPaymentMethod(customerId: string, paymentMethodId: string): Promise<void> {
    await this.ownedOr404(customerId, paymentMethodId);
    await this.store.detachPaymentMethod(paymentMethodId);
  }

  async setDefaultPaymentMethod(customerId: string, paymentMethodId: string): Promise<void> {
    await this.ownedOr404(customerId, paymentMethodId);
    await this.store.setDefaultPaymentMethod(customerId, paymentMethodId);
  }

  async charge(input: ChargeInput): Promise<ChargeResult> {
    const previous = await this.store.findPaymentByIdempotencyKey(input.idempotencyKey);
    if (previous) return replay(previous, input);
    if (!Number.isInteger(input.amountCents) || input.amountCents < MINIMUM_CHARGE_CENTS) {
      throw AppError.badRequest('amount_too_small', `Amount must be at least ${MINIMUM_CHARGE_CENTS} cents`);
    }
    const pm = await this.ownedOr404(input.customerId, input.paymentMethodId);
    const now = clock.now();
    const expired = pm.expYear < now.getUTCFullYear() || (pm.expYear === now.getUTCFullYear() && pm.expMonth < now.getUTCMonth() + 1);
    const failure = expired
      ? { failureCode: 'expired_card', declineCode: null, failureMessage: 'Your card has expired.' }
      : pm.behaviour === 'declines_on_charge'
        ? { failureCode: 'card_declined', declineCode: 'generic_decline', failureMessage: 'Your card was declined.' }
        : null;
    const paymentId = newId('pi');
    const stored = await this.store.insertPayment({
      id: paymentId, idempotencyKey: input.idempotencyKey, customerId: input.customerId, paymentMethodId: pm.id,
      amountCents: input.amountCents, currency: input.currency.toLowerCase(), status: failure ? 'failed' : 'succeeded',
      failureCode: failure?.failureCode ?? null, declineCode: failure?.declineCode ?? null, failureMessage: failure?.failureMessage ?? null,
      refundedCents: 0, description: input.description ?? null, metadata: input.metadata ?? {}, createdAt: now,
    });
    // A racing call with the same key won the insert: answer its result and emit nothing twice.
    if (stored.id !== paymentId) return replay(stored, input);
    await this.emit(stored.status === 'succeeded' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', intentObject(stored));
    return resultOf(stored);
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    const payment = await this.store.findPayment(input.paymentId);
    if (!payment) throw AppError.notFound('Payment');
    if (payment.status !== 'succeeded') throw AppError.badRequest('charge_not_refundable', 'Only a successful payment can be refunded');
    const amount = input.amountCents ?? payment.amountCents - payment.refundedCents;
    if (!Number.isInteger(amount) || amount < 1) throw AppError.badRequest('invalid_amount', 'Nothing left to refund on this payment');
    const refundId = newId('re');
    const outcome = await this.store.insertRefund({ id: refundId, idempotencyKey: input.idempotencyKey, paymentId: payment.id, amountCents: amount, createdAt: clock.now() });
    if (outcome === 'exceeds_payment') throw AppError.badRequest('amount_too_large', 'The refund is larger than what is left of the payment');
    // Same key again: the first refund's answer, and no second event.
    if (outcome.refund.id !== refundId) return { refundId: outcome.refund.id, status: 'succeeded' };
    await this.emit('charge.refunded', {
      id: `ch_for_${payment.id}`, object: 'charge', payment_intent: payment.id, customer: payment.customerId,
      amount: payment.amountCents, amount_refunded: outcome.refundedCents, currency: payment.currency, refunded: outcome.refundedCents >= payment.amountCents,
    });
    return { refundId: outcome.refund.id, status: 'succeeded' };
  }

  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): DomainEvent {
    return toDomainEvent(verifyStripeSignature(rawBody, signatureHeader, this.webhookSecret));
  }

  /** Builds and signs an event in Stripe's envelope, then hands it to onEvent. */
  async emit(type: string, object: Record<string, unknown>): Promise<SignedWebhook> {
    const payload = JSON.stringify({
      id: newId('evt'), object: 'event', type, api_version: Stripe.API_VERSION, created: Math.floor(clock.now().getTime() / 1000),
      livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object },
    });
    // The signature's timestamp is wall time, not clock.now(): the verifier (like Stripe's) checks it
    // against Date.now(), and an advanced test clock must not make fresh events look stale.
    const webhook = { type, payload, signature: this.signatureFor(payload) };
    if (this.onEvent) {
      try {
        await this.onEvent(webhook);
      } catch (err) {
        logger.warn({ err, type }, 'local gateway: webhook delivery failed');
      }
    }
    return webhook;
  }

  /** The `Stripe-Signature` header for a body, with this gateway's secret and the current wall time. */
  signatureFor(payload: string): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret: this.webhookSecret });
  }

  private async customerOr404(customerId: string) {
    const customer = await this.store.findCustomer(customerId);
    if (!customer) throw AppError.notFound('Customer');
    return customer;
  }

  /** Refuses another customer's card (ids come from the browser). */
  private async ownedOr404(customerId: string, paymentMethodId: string): Promise<LocalPaymentMethod> {
    await this.customerOr404(customerId);
    const pm = await this.store.findPaymentMethod(paymentMethodId);
    if (!pm || pm.customerId !== customerId) throw AppError.notFound('Payment method');
    return pm;
  }
}

/** Validates the card form like Stripe.js would; returns the bare digits. Field errors name the form's fields. */
function validateCard(input: TestCardInput): string {
  const errors = fieldErrors();
  const number = String(input.cardNumber ?? '').replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) errors.cardNumber = ['Your card number is invalid'];
  const month = Number(input.expMonth);
  const year = Number(input.expYear);
  if (!Number.isInteger(month) || month < 1 || month > 12) errors.expMonth = ['Enter a month from 1 to 12'];
  if (!Number.isInteger(year) || year < 2000 || year > 2100) errors.expYear = ['Enter a four-digit year'];
  if (!errors.expMonth && !errors.expYear) {
    // A card is valid through the last day of its expiry month.
    const now = clock.now();
    const [thisYear, thisMonth] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
    if (year < thisYear) errors.expYear = ['Your card has expired'];
    else if (year === thisYear && month < thisMonth) errors.expMonth = ['Your card has expired'];
  }
  if (!/^\d{3,4}$/.test(String(input.cvc ?? ''))) errors.cvc = ['Your card’s security code is invalid'];
  if (Object.keys(errors).length > 0) throw AppError.validation(errors, 'The card details are invalid');
  return number;
}

/** Luhn mod-10: from the right, double every second digit (minus 9 above 9); the sum must end in 0. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function summary(pm: LocalPaymentMethod, isDefault: boolean): PaymentMethodSummary {
  return { paymentMethodId: pm.id, brand: pm.brand, last4: pm.last4, expMonth: pm.expMonth, expYear: pm.expYear, isDefault };
}

function resultOf(p: LocalPayment): ChargeResult {
  return p.status === 'succeeded'
    ? { status: 'succeeded', paymentId: p.id }
    : { status: 'failed', paymentId: p.id, failureCode: p.failureCode ?? 'card_declined', declineCode: p.declineCode ?? undefined, failureMessage: p.failureMessage ?? undefined };
}

/** Same key → the first result; same key with other parameters is a caller bug, refused like Stripe does. */
function replay(previous: LocalPayment, input: ChargeInput): ChargeResult {
  if (previous.amountCents !== input.amountCents || previous.customerId !== input.customerId || previous.paymentMethodId !== input.paymentMethodId) {
    throw AppError.badRequest('idempotency_key_reused', 'This idempotency key was already used for a different charge');
  }
  return resultOf(previous);
}

function intentObject(p: LocalPayment): Record<string, unknown> {
  return {
    id: p.id, object: 'payment_intent', amount: p.amountCents, amount_received: p.status === 'succeeded' ? p.amountCents : 0,
    currency: p.currency, customer: p.customerId, payment_method: p.paymentMethodId, description: p.description, metadata: p.metadata,
    status: p.status === 'succeeded' ? 'succeeded' : 'requires_payment_method',
    last_payment_error: p.status === 'failed' ? { type: 'card_error', code: p.failureCode, decline_code: p.declineCode, message: p.failureMessage } : null,
  };
}
