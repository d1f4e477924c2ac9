import { expect } from 'chai';
import { db } from '../../../src/db/sequelize';
import { clock } from '../../../src/lib/clock';
import { BillingAccount, Invoice, PaymentAttempt } from '../../../src/modules/billing/billing.models';
import type { PaymentGateway } from '../../../src/modules/billing/gateways';
import { retryFailedInvoices } from '../../../src/modules/billing/services/retry-failed-invoices.service';
import { runMonthEnd } from '../../../src/modules/billing/services/run-month-end.service';
import { recordUsage } from '../../../src/modules/billing/usage';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import { makeSubscription } from '../../support/billing-factories';
import { makeUser } from '../../support/factories';
import { useBillingGateway } from './payment-methods/billing-test-app';

const DAY = 86_400_000;
let n = 0;

/** One analysis (or `quantity` of a metric) recorded as the action would, in its own transaction. */
async function use(userId: string, metric: 'analyses_run' | 'storage_bytes' = 'analyses_run', quantity = 1) {
  await db().transaction((t) => recordUsage(t, { userId, metric, quantity, idempotencyKey: `test:${++n}` }));
}

async function alerts(email: string) {
  return (await OutboxEmail.findAll({ where: { toAddress: email }, order: [['createdAt', 'ASC']] })).filter((m) => m.template.startsWith('usage_alert_')).map((m) => m.template);
}

describe('billing: usage alerts and collection after an outage', () => {
  let gateway: PaymentGateway;
  useBillingGateway((g) => (gateway = g));

  it('e-mails at 80% and at 100% of the monthly analyses limit, once each per period', async () => {
    clock.set(new Date('2027-03-01T12:00:00Z'));
    const user = await makeUser({ email: 'alerts@example.com' });
    await makeSubscription(user.id); // Free: 20 analyses a month
    for (let i = 0; i < 15; i++) await use(user.id);
    expect(await alerts(user.email)).to.deep.equal([]); // 15 / 20 = 75%
    await use(user.id); // 16 / 20 = 80%
    expect(await alerts(user.email)).to.deep.equal(['usage_alert_80']);
    for (let i = 0; i < 3; i++) await use(user.id); // 19: still 95%, nothing new
    expect(await alerts(user.email)).to.deep.equal(['usage_alert_80']);
    await use(user.id); // 20 / 20 = 100%
    expect(await alerts(user.email)).to.deep.equal(['usage_alert_80', 'usage_alert_100']);
    const [, full] = await OutboxEmail.findAll({ where: { toAddress: user.email }, order: [['createdAt', 'ASC']] });
    expect(full.textBody).to.include('20 of the 20 analyses this month');
    await use(user.id);
    expect(await alerts(user.email)).to.have.length(2);

    // The next period starts afresh.
    clock.set(new Date('2027-04-02T12:00:00Z'));
    for (let i = 0; i < 16; i++) await use(user.id);
    expect(await alerts(user.email)).to.deep.equal(['usage_alert_80', 'usage_alert_100', 'usage_alert_80']);
  });

  it('a jump past both thresholds sends one e-mail (100%), and a repeated event sends none; rolled back usage sends nothing', async () => {
    clock.set(new Date('2027-03-01T12:00:00Z'));
    const user = await makeUser({ email: 'jump@example.com' });
    await makeSubscription(user.id);
    await use(user.id, 'analyses_run', 25);
    expect(await alerts(user.email)).to.deep.equal(['usage_alert_100']);
    // The alert belongs to the usage's transaction: a rolled-back action leaves no e-mail.
    const other = await makeUser({ email: 'rollback@example.com' });
    await makeSubscription(other.id);
    await db().transaction(async (t) => {
      await recordUsage(t, { userId: other.id, metric: 'analyses_run', quantity: 20, idempotencyKey: 'rolled-back' });
      throw new Error('the action failed');
    }).catch(() => undefined);
    expect(await alerts(other.email)).to.deep.equal([]);
  });

  it('an invoice left open by a processor outage is collected by the retry job, charged once', async () => {
    clock.set(new Date('2027-03-01T12:00:00Z'));
    const user = await makeUser();
    const subscription = await makeSubscription(user.id, { tier: 'professional' });
    const { customerId } = await gateway.ensureCustomer({ userId: user.id, email: user.email, name: user.name });
    const card = await gateway.attachTestCard({ customerId, cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' });
    await BillingAccount.update({ gatewayCustomerId: customerId, defaultPaymentMethodId: card.paymentMethodId }, { where: { userId: user.id } });

    // The processor is down during month end: the charge call throws.
    let down = true;
    let calls = 0;
    const flaky: PaymentGateway = Object.assign(Object.create(gateway) as PaymentGateway, {
      charge: async (input: Parameters<PaymentGateway['charge']>[0]) => {
        calls += 1;
        if (down) throw new Error('connect ECONNREFUSED api.stripe.com');
        return gateway.charge(input);
      },
    });
    clock.set(new Date('2027-04-01T01:00:00Z'));
    expect(await runMonthEnd(flaky)).to.deep.include({ invoiced: 1, collected: 0, failed: 1 });
    const invoice = (await Invoice.findOne({ where: { subscriptionId: subscription.id, kind: 'regular' } }))!;
    expect(invoice.status).to.equal('open');
    const [attempt] = await PaymentAttempt.findAll({ where: { invoiceId: invoice.id } });
    expect(attempt.status).to.equal('pending');

    // (An invoice is "stuck" 15 minutes after its last change; the clock is far past that here.)
    down = false;
    clock.advance(DAY);
    expect(await retryFailedInvoices(flaky)).to.deep.include({ openRetried: 1, paid: 1 });
    expect((await invoice.reload()).status).to.equal('paid');
    // The same attempt (same idempotency key) was re-sent: one attempt, one charge.
    const attempts = await PaymentAttempt.findAll({ where: { invoiceId: invoice.id } });
    expect(attempts.map((a) => [a.idempotencyKey, a.status])).to.deep.equal([[`invoice:${invoice.id}:attempt:1`, 'succeeded']]);
    expect(calls).to.equal(2);
    expect(await retryFailedInvoices(flaky)).to.deep.include({ openRetried: 0, paid: 0 });
  });
});
