import { QueryTypes, type Transaction } from 'sequelize';
import { localGatewayDb } from '../../../db/sequelize';
import type { LocalCustomer, LocalGatewayStore, LocalPayment, LocalPaymentMethod, LocalRefund } from './local-gateway-store';

/**
 * The local test-mode gateway's state in Postgres (migration 0003), shared by the API and worker processes.
 * Each method is one statement or one short transaction; the "insert or return the existing row" methods
 * lean on the unique constraints (customer per user, payment and refund per idempotency key), so racing
 * calls in different processes agree on one row. It reads and writes through a pool of its own
 * (localGatewayDb): callers hold one of the app's connections while they call it.
 */
export class SqlLocalGatewayStore implements LocalGatewayStore {
  async insertCustomer(customer: LocalCustomer): Promise<LocalCustomer> {
    const inserted = await select<CustomerRow>(
      `INSERT INTO local_gateway_customers (id, user_id, email, name, default_payment_method_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING RETURNING *`,
      [customer.id, customer.userId, customer.email, customer.name, customer.defaultPaymentMethodId, customer.createdAt],
    );
    // Lost the race (or the user already had one): the row that won.
    const row = inserted[0] ?? (await select<CustomerRow>(`SELECT * FROM local_gateway_customers WHERE user_id = ?`, [customer.userId]))[0];
    return toCustomer(row);
  }

  async findCustomer(id: string): Promise<LocalCustomer | undefined> {
    const [row] = await select<CustomerRow>(`SELECT * FROM local_gateway_customers WHERE id = ?`, [id]);
    return row && toCustomer(row);
  }

  async setDefaultPaymentMethod(customerId: string, paymentMethodId: string | null): Promise<void> {
    await exec(`UPDATE local_gateway_customers SET default_payment_method_id = ? WHERE id = ?`, [paymentMethodId, customerId]);
  }

  async insertPaymentMethod(pm: LocalPaymentMethod): Promise<void> {
    await exec(
      `INSERT INTO local_gateway_payment_methods (id, customer_id, brand, last4, exp_month, exp_year, behaviour, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [pm.id, pm.customerId, pm.brand, pm.last4, pm.expMonth, pm.expYear, pm.behaviour, pm.createdAt],
    );
  }

  async findPaymentMethod(id: string): Promise<LocalPaymentMethod | undefined> {
    const [row] = await select<PaymentMethodRow>(`SELECT * FROM local_gateway_payment_methods WHERE id = ?`, [id]);
    return row && toPaymentMethod(row);
  }

  async listPaymentMethods(customerId: string): Promise<LocalPaymentMethod[]> {
    const rows = await select<PaymentMethodRow>(
      `SELECT * FROM local_gateway_payment_methods WHERE customer_id = ? ORDER BY created_at DESC, id DESC`,
      [customerId],
    );
    return rows.map(toPaymentMethod);
  }

  async detachPaymentMethod(id: string): Promise<void> {
    // One statement: the customer's default is cleared in the same snapshot as the detach.
    await exec(
      `WITH detached AS (
         UPDATE local_gateway_payment_methods SET customer_id = NULL WHERE id = ? AND customer_id IS NOT NULL RETURNING id
       )
       UPDATE local_gateway_customers SET default_payment_method_id = NULL
       WHERE default_payment_method_id IN (SELECT id FROM detached)`,
      [id],
    );
  }

  async insertPayment(p: LocalPayment): Promise<LocalPayment> {
    const inserted = await select<PaymentRow>(
      `INSERT INTO local_gateway_payments (id, idempotency_key, customer_id, payment_method_id, amount_cents, currency, status,
         failure_code, decline_code, failure_message, refunded_cents, description, metadata, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
      [p.id, p.idempotencyKey, p.customerId, p.paymentMethodId, p.amountCents, p.currency, p.status, p.failureCode, p.declineCode,
        p.failureMessage, p.refundedCents, p.description, JSON.stringify(p.metadata ?? {}), p.createdAt],
    );
    return toPayment(inserted[0] ?? (await select<PaymentRow>(`SELECT * FROM local_gateway_payments WHERE idempotency_key = ?`, [p.idempotencyKey]))[0]);
  }

  async findPaymentByIdempotencyKey(idempotencyKey: string): Promise<LocalPayment | undefined> {
    const [row] = await select<PaymentRow>(`SELECT * FROM local_gateway_payments WHERE idempotency_key = ?`, [idempotencyKey]);
    return row && toPayment(row);
  }

  async findPayment(id: string): Promise<LocalPayment | undefined> {
    const [row] = await select<PaymentRow>(`SELECT * FROM local_gateway_payments WHERE id = ?`, [id]);
    return row && toPayment(row);
  }

  async insertRefund(refund: LocalRefund): Promise<{ refund: LocalRefund; refundedCents: number } | 'exceeds_payment'> {
    return localGatewayDb().transaction(async (transaction) => {
      // The payment row lock serialises every refund of one payment, so two racing refunds cannot both
      // pass the "not more than what is left" check; the key lookup comes after the lock for the same reason.
      const [payment] = await select<PaymentRow>(`SELECT * FROM local_gateway_payments WHERE id = ? FOR UPDATE`, [refund.paymentId], transaction);
      const [existing] = await select<RefundRow>(`SELECT * FROM local_gateway_refunds WHERE idempotency_key = ?`, [refund.idempotencyKey], transaction);
      if (existing) return { refund: toRefund(existing), refundedCents: payment ? Number(payment.refunded_cents) : Number(existing.amount_cents) };
      if (!payment || Number(payment.refunded_cents) + refund.amountCents > Number(payment.amount_cents)) return 'exceeds_payment' as const;
      await exec(
        `INSERT INTO local_gateway_refunds (id, idempotency_key, payment_id, amount_cents, created_at) VALUES (?, ?, ?, ?, ?)`,
        [refund.id, refund.idempotencyKey, refund.paymentId, refund.amountCents, refund.createdAt],
        transaction,
      );
      const [updated] = await select<{ refunded_cents: number }>(
        `UPDATE local_gateway_payments SET refunded_cents = refunded_cents + ? WHERE id = ? RETURNING refunded_cents`,
        [refund.amountCents, refund.paymentId],
        transaction,
      );
      return { refund: { ...refund }, refundedCents: Number(updated.refunded_cents) };
    });
  }
}

interface CustomerRow { id: string; user_id: string; email: string; name: string; default_payment_method_id: string | null; created_at: Date }
interface PaymentMethodRow { id: string; customer_id: string | null; brand: string; last4: string; exp_month: number; exp_year: number; behaviour: LocalPaymentMethod['behaviour']; created_at: Date }
interface PaymentRow {
  id: string; idempotency_key: string; customer_id: string; payment_method_id: string; amount_cents: number | string; currency: string;
  status: LocalPayment['status']; failure_code: string | null; decline_code: string | null; failure_message: string | null;
  refunded_cents: number | string; description: string | null; metadata: Record<string, string> | null; created_at: Date;
}
interface RefundRow { id: string; idempotency_key: string; payment_id: string; amount_cents: number | string; created_at: Date }

function select<T extends object>(sql: string, replacements: unknown[], transaction?: Transaction): Promise<T[]> {
  return localGatewayDb().query<T>(sql, { replacements, transaction, type: QueryTypes.SELECT });
}

async function exec(sql: string, replacements: unknown[], transaction?: Transaction): Promise<void> {
  await localGatewayDb().query(sql, { replacements, transaction });
}

const toCustomer = (r: CustomerRow): LocalCustomer => ({
  id: r.id, userId: r.user_id, email: r.email, name: r.name, defaultPaymentMethodId: r.default_payment_method_id, createdAt: new Date(r.created_at),
});

const toPaymentMethod = (r: PaymentMethodRow): LocalPaymentMethod => ({
  id: r.id, customerId: r.customer_id, brand: r.brand, last4: r.last4, expMonth: Number(r.exp_month), expYear: Number(r.exp_year),
  behaviour: r.behaviour, createdAt: new Date(r.created_at),
});

// bigint columns arrive as numbers (db/sequelize.ts parses int8 once); Number() also covers a raw string.
const toPayment = (r: PaymentRow): LocalPayment => ({
  id: r.id, idempotencyKey: r.idempotency_key, customerId: r.customer_id, paymentMethodId: r.payment_method_id,
  amountCents: Number(r.amount_cents), currency: r.currency, status: r.status, failureCode: r.failure_code, declineCode: r.decline_code,
  failureMessage: r.failure_message, refundedCents: Number(r.refunded_cents), description: r.description, metadata: r.metadata ?? {},
  createdAt: new Date(r.created_at),
});

const toRefund = (r: RefundRow): LocalRefund => ({
  id: r.id, idempotencyKey: r.idempotency_key, paymentId: r.payment_id, amountCents: Number(r.amount_cents), createdAt: new Date(r.created_at),
});
