import type { Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { sendEmail } from '../../mail/mailer';
import { User } from '../../users/user.models';
import { Invoice, InvoiceRefund, PaymentAttempt, Subscription } from '../billing.models';
import type { PaymentGateway } from '../gateways';
import type { RefundResult } from '../gateways/payment-gateway.port';
import { formatCents } from '../money';
import { getAdminInvoice } from './get-invoice-admin.service';

export interface RefundInvoiceInput {
  /** Omit for everything still refundable. */
  amountCents?: number;
  reason: string;
}

type Planned = { refundId: string; paymentId: string; amountCents: number; idempotencyKey: string };

/**
 * Refunds a paid invoice, fully or partly, through the payment gateway (Stripe `refunds.create`, or the
 * local gateway), like collection in three steps: (1) with the invoice locked, check what is left to refund
 * and write a pending refund row with its own idempotency key (committed, so a crash can never lose track
 * of a call that may have gone out); (2) call the processor outside any lock; (3) record the outcome —
 * `refunded_cents` grows, the invoice turns `refunded` once everything paid has gone back — audited in that
 * same transaction, and the customer is e-mailed. More than what is left → 400 `amount_exceeds_refundable`.
 */
export async function refundInvoice(gateway: PaymentGateway, actor: AuditActor, invoiceId: string, input: RefundInvoiceInput) {
  const planned = await db().transaction(async (transaction): Promise<Planned> => {
    const invoice = await Invoice.findByPk(invoiceId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!invoice) throw AppError.notFound('Invoice');
    if (invoice.status !== 'paid') throw AppError.conflict('not_refundable', `Invoice ${invoice.number} is ${invoice.status}: only paid invoices can be refunded`);
    const payment = await PaymentAttempt.findOne({ where: { invoiceId, status: 'succeeded' }, transaction });
    // Paid with nothing charged: a $0 invoice, or one waived under the card minimum.
    if (!payment?.gatewayPaymentId) throw AppError.conflict('not_refundable', `Nothing was charged for invoice ${invoice.number}`);
    const refunds = await InvoiceRefund.findAll({ where: { invoiceId }, transaction });
    const pending = refunds.filter((r) => r.status === 'pending').reduce((n, r) => n + r.amountCents, 0);
    // 9,900 paid − 2,500 refunded − 0 pending = 7,400 left
    const refundable = payment.amountCents - invoice.refundedCents - pending;
    if (refundable <= 0) throw AppError.conflict('not_refundable', `Everything paid for invoice ${invoice.number} has been refunded${pending ? ' or is being refunded' : ''}`);
    const amountCents = input.amountCents ?? refundable;
    if (amountCents > refundable) {
      throw new AppError(400, 'amount_exceeds_refundable', `At most ${formatCents(refundable, invoice.currency)} can be refunded`, { amountCents: [`At most ${formatCents(refundable, invoice.currency)} is left to refund`] });
    }
    const idempotencyKey = `invoice:${invoiceId}:refund:${refunds.length + 1}`;
    const row = await InvoiceRefund.create({ invoiceId, paymentAttemptId: payment.id, gateway: gateway.kind, idempotencyKey, amountCents, status: 'pending', reason: input.reason, actorId: actor.id }, { transaction });
    return { refundId: row.id, paymentId: payment.gatewayPaymentId, amountCents, idempotencyKey };
  });

  let result: RefundResult;
  try {
    result = await gateway.refund({ paymentId: planned.paymentId, amountCents: planned.amountCents, idempotencyKey: planned.idempotencyKey });
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500) {
      await db().transaction((t) => recordFailure(t, actor, invoiceId, planned, err.code));
      throw err;
    }
    // No answer (an outage): the refund may or may not have happened, so it stays pending (its amount is
    // held back from further refunds) until the processor's charge.refunded webhook or a person settles it.
    throw new AppError(502, 'gateway_unavailable', 'The payment processor did not answer; the refund is recorded as pending');
  }
  if (result.status === 'failed') {
    await db().transaction((t) => recordFailure(t, actor, invoiceId, planned, 'refund_failed'));
    throw AppError.conflict('refund_failed', 'The payment processor refused the refund');
  }

  await db().transaction(async (transaction) => {
    const invoice = (await Invoice.findByPk(invoiceId, { transaction, lock: transaction.LOCK.UPDATE }))!;
    const refund = (await InvoiceRefund.findByPk(planned.refundId, { transaction, lock: transaction.LOCK.UPDATE }))!;
    if (refund.status !== 'pending') return;
    const payment = (await PaymentAttempt.findByPk(refund.paymentAttemptId, { transaction }))!;
    const before = { status: invoice.status, refundedCents: invoice.refundedCents };
    const refundedCents = invoice.refundedCents + refund.amountCents;
    const status = refundedCents >= payment.amountCents ? 'refunded' : invoice.status;
    // A processor's `pending` refund (rare for cards) is money on its way back: recorded now, like Stripe's dashboard does.
    await refund.update({ status: 'succeeded', gatewayRefundId: result.refundId }, { transaction });
    await invoice.update({ refundedCents, status }, { transaction });
    await audit(actor, {
      action: 'invoice.refunded', targetType: 'invoice', targetId: invoiceId, before,
      after: { status, refundedCents, amountCents: refund.amountCents, reason: refund.reason, refundId: refund.id, gatewayRefundId: result.refundId },
    }, transaction);
    const subscription = await Subscription.findByPk(invoice.subscriptionId, { transaction });
    const user = subscription && (await User.findByPk(subscription.userId, { transaction }));
    if (user) {
      await sendEmail({
        to: user.email, template: 'refund', subject: `Refund for invoice ${invoice.number}`,
        text: `Hello ${user.name},\n\nWe have refunded ${formatCents(refund.amountCents, invoice.currency)} of invoice ${invoice.number} to the card it was paid with. It usually shows on your statement within 5–10 business days.\n`,
      }, transaction);
    }
  });
  return getAdminInvoice(invoiceId);
}

async function recordFailure(transaction: Transaction, actor: AuditActor, invoiceId: string, planned: Planned, code: string): Promise<void> {
  const refund = await InvoiceRefund.findByPk(planned.refundId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!refund || refund.status !== 'pending') return;
  await refund.update({ status: 'failed', failureCode: code }, { transaction });
  await audit(actor, { action: 'invoice.refund_failed', targetType: 'invoice', targetId: invoiceId, after: { amountCents: planned.amountCents, failureCode: code, refundId: refund.id } }, transaction);
}
