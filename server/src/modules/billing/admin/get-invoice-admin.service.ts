import { AppError } from '../../../http/errors';
import { User } from '../../users/user.models';
import { Invoice, InvoiceItem, InvoiceRefund, PaymentAttempt, Subscription } from '../billing.models';
import { presentInvoice } from '../billing.presenter';

const LINE_ORDER = ['subscription', 'proration', 'overage', 'credit', 'tax'];

/** One invoice for the console: lines, customer, payment attempts, refunds and what can still be refunded. */
export async function getAdminInvoice(id: string) {
  const invoice = await Invoice.findByPk(id);
  if (!invoice) throw AppError.notFound('Invoice');
  const subscription = await Subscription.findByPk(invoice.subscriptionId);
  const [user, items, attempts, refunds] = await Promise.all([
    subscription ? User.findByPk(subscription.userId) : null,
    InvoiceItem.findAll({ where: { invoiceId: id } }),
    PaymentAttempt.findAll({ where: { invoiceId: id }, order: [['createdAt', 'ASC']] }),
    InvoiceRefund.findAll({ where: { invoiceId: id }, order: [['createdAt', 'ASC']] }),
  ]);
  items.sort((a, b) => LINE_ORDER.indexOf(a.itemType) - LINE_ORDER.indexOf(b.itemType));
  const paid = attempts.find((a) => a.status === 'succeeded');
  const pendingRefunds = refunds.filter((r) => r.status === 'pending').reduce((n, r) => n + r.amountCents, 0);
  return {
    ...presentInvoice(invoice, items),
    subscriptionId: invoice.subscriptionId,
    customer: { id: subscription?.userId ?? null, email: user?.email ?? '', name: user?.name ?? '' },
    // What a refund may still return: the successful payment less what was (or is being) refunded.
    refundableCents: paid ? Math.max(0, paid.amountCents - invoice.refundedCents - pendingRefunds) : 0,
    attempts: attempts.map((a) => ({
      id: a.id, gateway: a.gateway, gatewayPaymentId: a.gatewayPaymentId, status: a.status, amountCents: a.amountCents,
      failureCode: a.failureCode, failureMessage: a.failureMessage, createdAt: a.createdAt.toISOString(),
    })),
    refunds: refunds.map((r) => ({
      id: r.id, amountCents: r.amountCents, status: r.status, reason: r.reason, gatewayRefundId: r.gatewayRefundId,
      failureCode: r.failureCode, actorId: r.actorId, createdAt: r.createdAt.toISOString(),
    })),
  };
}
