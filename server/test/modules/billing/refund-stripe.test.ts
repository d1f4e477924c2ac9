import { expect } from 'chai';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { refundInvoice } from '../../../src/modules/billing/admin/refund-invoice.service';
import { Invoice, InvoiceRefund, PaymentAttempt } from '../../../src/modules/billing/billing.models';
import { StripeGateway } from '../../../src/modules/billing/gateways/stripe-gateway';
import { resetDatabase } from '../../support/app';
import { makeSubscription } from '../../support/billing-factories';
import { makeUser } from '../../support/factories';
import { startStripeEmulator, type StripeEmulator } from '../../support/stripe-emulator';

/** An admin refund with Stripe as the processor: the real SDK's refunds.create against the emulator. */
describe('billing: refunds through Stripe (SDK against the emulator)', () => {
  let emulator: StripeEmulator;
  let gateway: StripeGateway;
  before(async () => {
    emulator = await startStripeEmulator();
    gateway = new StripeGateway({ secretKey: 'sk_test_emulator', apiHost: emulator.host, apiPort: emulator.port, apiProtocol: 'http' });
  });
  after(() => emulator.close());
  beforeEach(async () => {
    await resetDatabase();
    emulator.requests.length = 0;
  });

  it('sends refunds.create with the refund\'s idempotency key, records the amount, and refuses more than was paid', async () => {
    const admin = await makeUser({ role: 'billing_admin' });
    const actor = { id: admin.id, email: admin.email, ip: '127.0.0.1', userAgent: 'test' };
    const user = await makeUser();
    const sub = await makeSubscription(user.id, { tier: 'professional' });
    const { customerId } = await gateway.ensureCustomer({ userId: user.id, email: user.email, name: user.name });
    const paymentMethodId = emulator.attachTestPaymentMethod(customerId, 'pm_card_visa');
    const invoice = await Invoice.create({ subscriptionId: sub.id, kind: 'proration', periodStart: sub.currentPeriodStart, periodEnd: sub.currentPeriodEnd, subtotalCents: 9_900, totalCents: 9_900, status: 'paid', attemptCount: 1 });
    const charge = await gateway.charge({ customerId, paymentMethodId, amountCents: 9_900, currency: 'usd', idempotencyKey: `invoice:${invoice.id}:attempt:1` });
    await PaymentAttempt.create({ invoiceId: invoice.id, gateway: 'stripe', gatewayPaymentId: charge.paymentId, idempotencyKey: `invoice:${invoice.id}:attempt:1`, status: 'succeeded', amountCents: 9_900 });

    const partial = await refundInvoice(gateway, actor, invoice.id, { amountCents: 4_000, reason: 'Partial goodwill' });
    expect(partial).to.deep.include({ status: 'paid', refundedCents: 4_000, refundableCents: 5_900 });
    const [sent] = emulator.requestsTo('POST', '/v1/refunds');
    expect(sent.body).to.deep.equal({ payment_intent: charge.paymentId, amount: '4000' });
    expect(sent.idempotencyKey).to.equal(`invoice:${invoice.id}:refund:1`);

    const err = await refundInvoice(gateway, actor, invoice.id, { amountCents: 5_901, reason: 'Too much' }).catch((e: unknown) => e);
    expect(err).to.have.property('code', 'amount_exceeds_refundable');
    expect(emulator.requestsTo('POST', '/v1/refunds')).to.have.length(1); // refused before the processor was asked

    const rest = await refundInvoice(gateway, actor, invoice.id, { reason: 'The rest' });
    expect(rest).to.deep.include({ status: 'refunded', refundedCents: 9_900, refundableCents: 0 });
    expect(emulator.requestsTo('POST', '/v1/refunds')[1].body).to.deep.equal({ payment_intent: charge.paymentId, amount: '5900' });
    const rows = await InvoiceRefund.findAll({ where: { invoiceId: invoice.id }, order: [['createdAt', 'ASC']] });
    expect(rows.map((r) => [r.gateway, r.status, r.gatewayRefundId?.startsWith('re_')])).to.deep.equal([['stripe', 'succeeded', true], ['stripe', 'succeeded', true]]);
    expect(await AuditLog.count({ where: { action: 'invoice.refunded', targetId: invoice.id } })).to.equal(2);
  });
});
