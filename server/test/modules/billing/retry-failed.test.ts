import { expect } from 'chai';
import { clock } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { BillingAccount, Invoice, PaymentAttempt, SubscriptionTier } from '../../../src/modules/billing/billing.models';
import type { PaymentGateway } from '../../../src/modules/billing/gateways';
import { retryFailedInvoices } from '../../../src/modules/billing/services/retry-failed-invoices.service';
import { runMonthEnd } from '../../../src/modules/billing/services/run-month-end.service';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import { makeSubscription } from '../../support/billing-factories';
import { makeUser } from '../../support/factories';
import { useBillingGateway } from './payment-methods/billing-test-app';

const DAY = 86_400_000;

/** A Professional customer (signed up 1 March 2027) whose card fails when charged, with March's invoice failed. */
async function failedMonthEnd(gateway: PaymentGateway) {
  clock.set(new Date('2027-03-01T12:00:00Z'));
  const user = await makeUser();
  const subscription = await makeSubscription(user.id, { tier: 'professional' });
  const { customerId } = await gateway.ensureCustomer({ userId: user.id, email: user.email, name: user.name });
  const card = await gateway.attachTestCard({ customerId, cardNumber: '4000000000000341', expMonth: 12, expYear: 2099, cvc: '123' });
  await BillingAccount.update({ gatewayCustomerId: customerId, defaultPaymentMethodId: card.paymentMethodId }, { where: { userId: user.id } });
  clock.set(new Date('2027-04-01T01:00:00Z'));
  expect(await runMonthEnd(gateway)).to.deep.include({ invoiced: 1, failed: 1 });
  const invoice = (await Invoice.findOne({ where: { subscriptionId: subscription.id, kind: 'regular' } }))!;
  return { user, subscription, invoice, customerId };
}

describe('billing: retries of failed invoices', () => {
  let gateway: PaymentGateway;
  useBillingGateway((g) => (gateway = g));

  it('retries after 1, 3 and 5 days; after the 4th failure the subscription moves to Free and the customer is told, once', async () => {
    const { user, subscription, invoice } = await failedMonthEnd(gateway);
    // Not due yet: nothing happens.
    expect(await retryFailedInvoices(gateway)).to.deep.equal({ examined: 0, paid: 0, failed: 0, movedToFree: 0, openRetried: 0 });

    for (const [days, attempts] of [[1, 2], [3, 3], [5, 4]] as const) {
      clock.advance(days * DAY + 60_000);
      expect(await retryFailedInvoices(gateway)).to.deep.include({ examined: 1, failed: 1 });
      expect((await invoice.reload()).attemptCount).to.equal(attempts);
    }
    expect(invoice.status).to.equal('failed');
    expect(invoice.nextAttemptAt).to.equal(null);
    await subscription.reload();
    const free = (await SubscriptionTier.findOne({ where: { name: 'free' } }))!;
    expect(subscription.tierId).to.equal(free.id);
    expect(subscription.status).to.equal('past_due'); // the invoice is still owed
    expect(await OutboxEmail.count({ where: { toAddress: user.email, template: 'moved_to_free' } })).to.equal(1);
    expect(await OutboxEmail.count({ where: { toAddress: user.email, template: 'payment_failed' } })).to.equal(4);
    expect(await AuditLog.count({ where: { action: 'billing.moved_to_free', targetId: invoice.id } })).to.equal(1);

    // Later runs leave it alone, even after the customer upgrades again.
    const professional = (await SubscriptionTier.findOne({ where: { name: 'professional' } }))!;
    await subscription.update({ tierId: professional.id });
    clock.advance(10 * DAY);
    expect(await retryFailedInvoices(gateway)).to.deep.equal({ examined: 0, paid: 0, failed: 0, movedToFree: 0, openRetried: 0 });
    expect(await PaymentAttempt.count({ where: { invoiceId: invoice.id } })).to.equal(4);
    expect((await subscription.reload()).tierId).to.equal(professional.id);
  });

  it('a retry after the customer fixed the card pays the invoice and the subscription is active again', async () => {
    const { subscription, invoice, customerId, user } = await failedMonthEnd(gateway);
    expect((await subscription.reload()).status).to.equal('past_due');
    const good = await gateway.attachTestCard({ customerId, cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' });
    await BillingAccount.update({ defaultPaymentMethodId: good.paymentMethodId }, { where: { userId: user.id } });
    clock.advance(DAY + 60_000);
    expect(await retryFailedInvoices(gateway)).to.deep.equal({ examined: 1, paid: 1, failed: 0, movedToFree: 0, openRetried: 0 });
    expect((await invoice.reload()).status).to.equal('paid');
    expect((await subscription.reload()).status).to.equal('active');
  });
});
