/**
 * Persistence for the local test-mode gateway — the part Stripe would keep on its side. The gateway needs
 * it to survive restarts and to be shared by the API and worker processes, so production wiring plugs in a
 * table-backed implementation owned by the billing module (its migrations); tests use the in-memory one.
 *
 * Each method is one atomic step, so a SQL implementation can map it onto one statement or one short
 * transaction: the "insert or return the existing row" methods rely on a unique constraint
 * (customer per user, payment per idempotency key, refund per idempotency key) to stay race-safe across
 * processes; `insertRefund` must lock the payment row (SELECT … FOR UPDATE) while it checks the total.
 */

/** What a card does when used (the test card numbers decide it). */
export type LocalCardBehaviour = 'succeeds' | 'declines_on_charge';

export interface LocalCustomer {
  id: string;
  userId: string;
  email: string;
  name: string;
  defaultPaymentMethodId: string | null;
  createdAt: Date;
}

export interface LocalPaymentMethod {
  id: string;
  /** null once detached (a detached card can never be attached again, as on Stripe). */
  customerId: string | null;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  behaviour: LocalCardBehaviour;
  createdAt: Date;
}

export interface LocalPayment {
  id: string;
  idempotencyKey: string;
  customerId: string;
  paymentMethodId: string;
  amountCents: number;
  currency: string;
  status: 'succeeded' | 'failed';
  failureCode: string | null;
  declineCode: string | null;
  failureMessage: string | null;
  refundedCents: number;
  description: string | null;
  metadata: Record<string, string>;
  createdAt: Date;
}

export interface LocalRefund {
  id: string;
  idempotencyKey: string;
  paymentId: string;
  amountCents: number;
  createdAt: Date;
}

export interface LocalGatewayStore {
  /** Inserts, or returns the customer already stored for the same userId (unique on user id). */
  insertCustomer(customer: LocalCustomer): Promise<LocalCustomer>;
  findCustomer(id: string): Promise<LocalCustomer | undefined>;
  setDefaultPaymentMethod(customerId: string, paymentMethodId: string | null): Promise<void>;

  insertPaymentMethod(paymentMethod: LocalPaymentMethod): Promise<void>;
  findPaymentMethod(id: string): Promise<LocalPaymentMethod | undefined>;
  /** The customer's attached cards, newest first. */
  listPaymentMethods(customerId: string): Promise<LocalPaymentMethod[]>;
  /** Sets customerId to null and clears the customer's default if it was this card. */
  detachPaymentMethod(id: string): Promise<void>;

  /** Inserts, or returns the payment already stored under the same idempotency key (unique). */
  insertPayment(payment: LocalPayment): Promise<LocalPayment>;
  findPaymentByIdempotencyKey(idempotencyKey: string): Promise<LocalPayment | undefined>;
  findPayment(id: string): Promise<LocalPayment | undefined>;

  /**
   * Atomically: returns the refund already stored under the same idempotency key; otherwise inserts it and
   * adds its amount to the payment's refundedCents — or returns 'exceeds_payment' and writes nothing when the
   * total would pass the payment's amount.
   */
  insertRefund(refund: LocalRefund): Promise<{ refund: LocalRefund; refundedCents: number } | 'exceeds_payment'>;
}

/** The in-memory store: tests and single-process experiments only (state is lost on restart). */
export class MemoryLocalGatewayStore implements LocalGatewayStore {
  private readonly customers = new Map<string, LocalCustomer>();
  private readonly paymentMethods = new Map<string, LocalPaymentMethod>();
  private readonly payments = new Map<string, LocalPayment>();
  private readonly refunds = new Map<string, LocalRefund>();

  // Everything below is synchronous inside each method, which makes each one atomic in a single process.
  async insertCustomer(customer: LocalCustomer): Promise<LocalCustomer> {
    const existing = [...this.customers.values()].find((c) => c.userId === customer.userId);
    if (existing) return { ...existing };
    this.customers.set(customer.id, { ...customer });
    return { ...customer };
  }
  async findCustomer(id: string) {
    const c = this.customers.get(id);
    return c && { ...c };
  }
  async setDefaultPaymentMethod(customerId: string, paymentMethodId: string | null) {
    const c = this.customers.get(customerId);
    if (c) c.defaultPaymentMethodId = paymentMethodId;
  }

  async insertPaymentMethod(paymentMethod: LocalPaymentMethod) {
    this.paymentMethods.set(paymentMethod.id, { ...paymentMethod });
  }
  async findPaymentMethod(id: string) {
    const pm = this.paymentMethods.get(id);
    return pm && { ...pm };
  }
  async listPaymentMethods(customerId: string) {
    return [...this.paymentMethods.values()]
      .filter((pm) => pm.customerId === customerId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((pm) => ({ ...pm }));
  }
  async detachPaymentMethod(id: string) {
    const pm = this.paymentMethods.get(id);
    if (!pm?.customerId) return;
    const c = this.customers.get(pm.customerId);
    if (c?.defaultPaymentMethodId === id) c.defaultPaymentMethodId = null;
    pm.customerId = null;
  }

  async insertPayment(payment: LocalPayment) {
    const existing = [...this.payments.values()].find((p) => p.idempotencyKey === payment.idempotencyKey);
    if (existing) return { ...existing };
    this.payments.set(payment.id, { ...payment });
    return { ...payment };
  }
  async findPaymentByIdempotencyKey(idempotencyKey: string) {
    const p = [...this.payments.values()].find((x) => x.idempotencyKey === idempotencyKey);
    return p && { ...p };
  }
  async findPayment(id: string) {
    const p = this.payments.get(id);
    return p && { ...p };
  }

  async insertRefund(refund: LocalRefund) {
    const payment = this.payments.get(refund.paymentId);
    const existing = [...this.refunds.values()].find((r) => r.idempotencyKey === refund.idempotencyKey);
    if (existing) return { refund: { ...existing }, refundedCents: payment?.refundedCents ?? existing.amountCents };
    if (!payment || payment.refundedCents + refund.amountCents > payment.amountCents) return 'exceeds_payment' as const;
    payment.refundedCents += refund.amountCents;
    this.refunds.set(refund.id, { ...refund });
    return { refund: { ...refund }, refundedCents: payment.refundedCents };
  }
}
