/**
 * The payment-processor port. Billing services speak only these domain words; Stripe (or the local
 * test-mode gateway) sits behind it. Amounts are integer cents; currencies are lower-case ISO codes.
 *
 * Failure convention: a card being declined is a RESULT (`charge()` → `status: 'failed'`), never an
 * exception; configuration, network and provider outages throw.
 */

export interface EnsureCustomerInput {
  userId: string;
  email: string;
  name: string;
  /** The processor customer already stored for this user, if any (then nothing is created). */
  existingCustomerId?: string | null;
}

export interface SetupIntentResult {
  /** What the browser needs to collect a card (Stripe Elements' client secret, or the local equivalent). */
  clientSecret: string;
  setupIntentId: string;
}

export interface TestCardInput {
  customerId: string;
  cardNumber: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** A stored card, as much as we may keep: brand and last four, never the number. */
export interface PaymentMethodSummary {
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** Whether the processor has it as the customer's default for off-session charges. */
  isDefault?: boolean;
}

export interface ChargeInput {
  customerId: string;
  paymentMethodId: string;
  amountCents: number;
  currency: string;
  /** One key per payment attempt: a retried call with the same key never charges twice. */
  idempotencyKey: string;
  description?: string;
  metadata?: Record<string, string>;
}

/**
 * `requires_action`: the bank wants the customer present (3-D Secure) — ask them to confirm on-session.
 * `processing`: accepted but not final (rare for cards); the webhook settles it.
 */
export type ChargeStatus = 'succeeded' | 'failed' | 'requires_action' | 'processing';

export interface ChargeResult {
  status: ChargeStatus;
  /** The processor's payment id (Stripe: the PaymentIntent id); refunds and webhooks refer to it. */
  paymentId: string;
  /** Stripe's error code (`card_declined`, `expired_card`, …). */
  failureCode?: string;
  /** The issuer's reason when it gave one (`insufficient_funds`, `generic_decline`, …). */
  declineCode?: string;
  failureMessage?: string;
}

export interface RefundInput {
  paymentId: string;
  /** Omit for a full refund. */
  amountCents?: number;
  idempotencyKey: string;
}

export interface RefundResult {
  refundId: string;
  status: 'succeeded' | 'pending' | 'failed';
}

export type DomainEventType =
  | 'payment_succeeded'
  | 'payment_failed'
  | 'refund_succeeded'
  | 'payment_method_attached'
  | 'payment_method_detached'
  | 'setup_succeeded'
  | 'ignored';

/** A provider webhook in the domain's words; `raw` keeps the provider event for storage and audits. */
export interface DomainEvent {
  /** The provider's event id: webhook storage is unique on it, so replays change nothing. */
  id: string;
  type: DomainEventType;
  /** The provider's event type (`payment_intent.succeeded`, …), kept for logs and the stored row. */
  providerType: string;
  paymentId?: string;
  customerId?: string;
  paymentMethodId?: string;
  amountCents?: number;
  failureCode?: string;
  declineCode?: string;
  failureMessage?: string;
  raw: unknown;
}

export interface PaymentGateway {
  /** 'stripe' or 'local' — the UI shows Elements or the test-mode card form accordingly. */
  readonly kind: 'stripe' | 'local';

  /** Returns the processor customer for a user, creating it once. */
  ensureCustomer(input: EnsureCustomerInput): Promise<{ customerId: string }>;

  /** Starts collecting a card for later off-session use. */
  createSetupIntent(input: { customerId: string }): Promise<SetupIntentResult>;

  /**
   * Test mode only: plays the part of Stripe.js with a raw test card number. Declines are AppError 402
   * `card_declined`; bad numbers/expiry are AppError 400 with field errors. The Stripe gateway refuses.
   */
  attachTestCard(input: TestCardInput): Promise<PaymentMethodSummary>;

  listPaymentMethods(customerId: string): Promise<PaymentMethodSummary[]>;
  detachPaymentMethod(customerId: string, paymentMethodId: string): Promise<void>;
  setDefaultPaymentMethod(customerId: string, paymentMethodId: string): Promise<void>;

  /** Charges a saved card off-session. Declines come back as `status: 'failed'`. */
  charge(input: ChargeInput): Promise<ChargeResult>;

  refund(input: RefundInput): Promise<RefundResult>;

  /**
   * Verifies a webhook on its raw body and normalises it. Bad, tampered or stale signatures throw
   * AppError 400 `invalid_signature`.
   */
  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): DomainEvent;
}
