import { expect } from 'chai';
import { db } from '../../../src/db/sequelize';
import { clock } from '../../../src/lib/clock';
import { BillingAccount, Invoice, PaymentAttempt, Subscription } from '../../../src/modules/billing/billing.models';
import type { ChargeResult, PaymentGateway } from '../../../src/modules/billing/gateways';
import { collectInvoice, settleAttemptFromWebhook } from '../../../src/modules/billing/services/collect-invoice.service';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import { makeSubscription } from '../../support/billing-factories';
import { makeUser } from '../../support/factories';
import { useBillingGateway } from './payment-methods/billing-test-app';

const DAY = 86_400_000;

/** A Professional customer with a saved card (4242 succeeds; 0341 fails when charged) as the default. */
async function customerWithCard(gateway: PaymentGateway, cardNumber = '4242424242424242') {
  const user = await makeUser();
  const subscription = await makeSubscription(user.id, { tier: 'professional' });
  const { customerId } = await gateway.ensureCustomer({ userId: user.id, email: user.email, name: user.name });
  const card = await gateway.attachTestCard({ customerId, cardNumber, expMonth: 12, expYear: 2099, cvc: '123' });
  await BillingAccount.update({ gatewayCustomerId: customerId, defaultPaymentMethodId: card.paymentMethodId }, { where: { userId: user.id } });
  return { user, subscription };
}

function makeInvoice(subscription: Subscription, totalCents: number, status: 'open' | 'failed' | 'paid' = 'open') {
  const now = clock.now();
  return Invoice.create({ subscriptionId: subscription.id, kind: 'manual', periodStart: now, periodEnd: new Date(now.getTime() + DAY), subtotalCents: totalCents, totalCents, status });
}

/** A gateway whose charge() answers what the test says, counting calls (everything else is the local one). */
function scripted(inner: PaymentGateway, answer: () => Promise<ChargeResult>) {
  const calls: string[] = [];
  const gateway: PaymentGateway = Object.create(inner);
  gateway.charge = async (input) => {
    calls.push(input.idempotencyKey);
    return answer();
  };
  return { gateway, calls };
}

describe('billing: collectInvoice', () => {
  let gateway: PaymentGateway;
  useBillingGateway((g) => (gateway = g));

  it('charges an open invoice once; collecting the paid invoice again does nothing', async () => {
    const { subscription } = await customerWithCard(gateway);
    const invoice = await makeInvoice(subscription, 9_900);
    expect((await collectInvoice(gateway, invoice.id)).outcome).to.equal('paid');
    const again = await collectInvoice(gateway, invoice.id);
    expect(again.outcome).to.equal('nothing_to_do');
    expect(await PaymentAttempt.count({ where: { invoiceId: invoice.id } })).to.equal(1);
    expect((await Invoice.findByPk(invoice.id))!.attemptCount).to.equal(1);
  });

  it('a total of 0 is paid without a charge or a receipt', async () => {
    const { user, subscription } = await customerWithCard(gateway);
    const invoice = await makeInvoice(subscription, 0);
    const { invoice: after, outcome } = await collectInvoice(gateway, invoice.id);
    expect(outcome).to.equal('paid');
    expect(after.paidAt).to.be.instanceOf(Date);
    expect(await PaymentAttempt.count()).to.equal(0);
    expect(await OutboxEmail.count({ where: { toAddress: user.email } })).to.equal(0);
  });

  it('a total under the 50¢ card minimum is marked paid and waived (the balance is credit only), no charge', async () => {
    const { user, subscription } = await customerWithCard(gateway);
    await BillingAccount.update({ creditBalanceCents: 10 }, { where: { userId: user.id } });
    const invoice = await makeInvoice(subscription, 49);
    expect((await collectInvoice(gateway, invoice.id)).outcome).to.equal('paid');
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.creditBalanceCents).to.equal(10);
    expect(await PaymentAttempt.count()).to.equal(0);
  });

  it('no card on file: a failed attempt (payment_method_required), past_due and a dunning e-mail, no charge', async () => {
    const user = await makeUser();
    const subscription = await makeSubscription(user.id, { tier: 'professional' });
    const invoice = await makeInvoice(subscription, 9_900);
    const { outcome } = await collectInvoice(gateway, invoice.id);
    expect(outcome).to.equal('failed');
    expect((await PaymentAttempt.findOne({ where: { invoiceId: invoice.id } }))!.failureCode).to.equal('payment_method_required');
    expect((await Subscription.findByPk(subscription.id))!.status).to.equal('past_due');
    expect(await OutboxEmail.count({ where: { toAddress: user.email, template: 'payment_failed' } })).to.equal(1);
  });

  it('a default card the processor no longer has is a failed attempt (dunning), not a stuck one', async () => {
    const { user, subscription } = await customerWithCard(gateway);
    await BillingAccount.update({ defaultPaymentMethodId: 'pm_local_gone' }, { where: { userId: user.id } });
    const invoice = await makeInvoice(subscription, 9_900);
    expect((await collectInvoice(gateway, invoice.id)).outcome).to.equal('failed');
    expect((await PaymentAttempt.findOne({ where: { invoiceId: invoice.id } }))!).to.deep.include({ status: 'failed', failureCode: 'not_found' });
    expect((await Subscription.findByPk(subscription.id))!.status).to.equal('past_due');
  });

  it('failures follow the 1/3/5-day retry schedule, then stop; each attempt has its own key', async () => {
    const { user, subscription } = await customerWithCard(gateway, '4000000000000341');
    const invoice = await makeInvoice(subscription, 9_900);
    const expected = [1, 3, 5, null];
    for (let n = 1; n <= 4; n++) {
      const { invoice: after, outcome } = await collectInvoice(gateway, invoice.id);
      expect(outcome).to.equal('failed');
      expect(after.attemptCount).to.equal(n);
      const days = expected[n - 1];
      if (days === null) expect(after.nextAttemptAt).to.equal(null);
      else expect(after.nextAttemptAt!.getTime()).to.be.closeTo(clock.now().getTime() + days * DAY, 5_000);
    }
    const keys = (await PaymentAttempt.findAll({ where: { invoiceId: invoice.id }, order: [['createdAt', 'ASC']] })).map((a) => a.idempotencyKey);
    expect(keys).to.deep.equal([1, 2, 3, 4].map((n) => `invoice:${invoice.id}:attempt:${n}`));
    expect(await OutboxEmail.count({ where: { toAddress: user.email, template: 'payment_failed' } })).to.equal(4);
  });

  it('processing / requires_action leave the invoice open with the attempt pending; collecting again does not re-charge', async () => {
    const { subscription } = await customerWithCard(gateway);
    for (const status of ['processing', 'requires_action'] as const) {
      const invoice = await makeInvoice(subscription, 9_900);
      const { gateway: g, calls } = scripted(gateway, async () => ({ status, paymentId: `pi_${status}` }));
      expect((await collectInvoice(g, invoice.id)).outcome).to.equal('pending');
      expect((await Invoice.findByPk(invoice.id))!.status).to.equal('open');
      expect((await PaymentAttempt.findOne({ where: { invoiceId: invoice.id } }))!).to.deep.include({ status: 'pending', gatewayPaymentId: `pi_${status}` });
      expect((await collectInvoice(g, invoice.id)).outcome).to.equal('pending');
      expect(calls).to.have.length(1);
    }
  });

  it('a charge that throws leaves the attempt pending; the next collect re-sends the same idempotency key', async () => {
    const { subscription } = await customerWithCard(gateway);
    const invoice = await makeInvoice(subscription, 9_900);
    const { gateway: down, calls } = scripted(gateway, async () => {
      throw new Error('network down');
    });
    let thrown: unknown;
    await collectInvoice(down, invoice.id).catch((err: unknown) => (thrown = err));
    expect(thrown).to.be.instanceOf(Error);
    expect((await PaymentAttempt.findOne({ where: { invoiceId: invoice.id } }))!.status).to.equal('pending');

    expect((await collectInvoice(gateway, invoice.id)).outcome).to.equal('paid');
    const attempts = await PaymentAttempt.findAll({ where: { invoiceId: invoice.id } });
    expect(attempts).to.have.length(1);
    expect(attempts[0].idempotencyKey).to.equal(calls[0]);
  });

  it('parallel collects of one invoice charge once', async () => {
    const { user, subscription } = await customerWithCard(gateway);
    const invoice = await makeInvoice(subscription, 9_900);
    await Promise.all(Array.from({ length: 8 }, () => collectInvoice(gateway, invoice.id)));
    const [{ n }] = (await db().query(`SELECT count(*)::int AS n FROM local_gateway_payments p JOIN local_gateway_customers c ON c.id = p.customer_id WHERE c.user_id = '${user.id}'`))[0] as Array<{ n: number }>;
    expect(n).to.equal(1);
    expect((await Invoice.findByPk(invoice.id))!.status).to.equal('paid');
    expect(await OutboxEmail.count({ where: { toAddress: user.email, template: 'receipt' } })).to.equal(1);
  });

  it('a processing charge is settled by its payment webhook; a late failure event then changes nothing', async () => {
    const { user, subscription } = await customerWithCard(gateway);
    const invoice = await makeInvoice(subscription, 9_900);
    const { gateway: g } = scripted(gateway, async () => ({ status: 'processing', paymentId: 'pi_slow' }));
    expect((await collectInvoice(g, invoice.id)).outcome).to.equal('pending');

    const settled = await db().transaction((t) => settleAttemptFromWebhook(t, { status: 'succeeded', paymentId: 'pi_slow' }));
    expect(settled).to.be.a('string');
    expect((await Invoice.findByPk(invoice.id))!.status).to.equal('paid');
    expect(await OutboxEmail.count({ where: { toAddress: user.email, template: 'receipt' } })).to.equal(1);

    expect(await db().transaction((t) => settleAttemptFromWebhook(t, { status: 'failed', paymentId: 'pi_slow', failureCode: 'card_declined' }))).to.equal(null);
    expect(await db().transaction((t) => settleAttemptFromWebhook(t, { status: 'succeeded', paymentId: 'pi_slow' }))).to.equal(null);
    expect((await Invoice.findByPk(invoice.id))!.status).to.equal('paid');
    expect(await OutboxEmail.count({ where: { toAddress: user.email } })).to.equal(1);
  });
});
