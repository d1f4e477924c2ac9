import { expect } from 'chai';
import { createApp } from '../../../src/app';
import { db } from '../../../src/db/sequelize';
import { clock } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { BillingAccount, Invoice, InvoiceItem, PaymentAttempt, Subscription, SubscriptionTier } from '../../../src/modules/billing/billing.models';
import type { PaymentGateway } from '../../../src/modules/billing/gateways';
import { cancelAtPeriodEnd, scheduleDowngrade } from '../../../src/modules/billing/services/change-plan.service';
import { runMonthEnd } from '../../../src/modules/billing/services/run-month-end.service';
import { COLLECT_INVOICE_JOB, collectInvoiceJob } from '../../../src/modules/billing/services/collect-invoice.service';
import { QueryTypes } from 'sequelize';
import { settleLocalWebhooks } from '../../../src/modules/billing/webhooks/ingest-webhook.service';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import request from 'supertest';
import { DEFAULT_PASSWORD, resetDatabase, signIn, testConfig } from '../../support/app';
import { makeSubscription, makeUsage } from '../../support/billing-factories';
import { makeUser } from '../../support/factories';
import { resetBillingTables, useBillingGateway } from './payment-methods/billing-test-app';

const DAY = 86_400_000;
const SIGNED_UP = new Date('2027-03-01T12:00:00Z'); // periods run 1 Mar → 1 Apr → 1 May
const AFTER_MARCH = new Date('2027-04-01T01:00:00Z');

async function setTax(bps: number) {
  await db().query(`INSERT INTO settings (key, value, updated_at) VALUES ('billing.tax_rate_bps', ?, now())`, { replacements: [JSON.stringify(bps)] });
}

/** A customer on the tier with a saved card as the default (4242 succeeds; 0341 fails when charged). */
async function customer(gateway: PaymentGateway, tier: 'free' | 'professional' | 'enterprise', cardNumber: string | null = '4242424242424242') {
  clock.set(SIGNED_UP);
  const user = await makeUser();
  const subscription = await makeSubscription(user.id, { tier });
  if (cardNumber) {
    const { customerId } = await gateway.ensureCustomer({ userId: user.id, email: user.email, name: user.name });
    const card = await gateway.attachTestCard({ customerId, cardNumber, expMonth: 12, expYear: 2099, cvc: '123' });
    await BillingAccount.update({ gatewayCustomerId: customerId, defaultPaymentMethodId: card.paymentMethodId }, { where: { userId: user.id } });
  }
  return { user, subscription };
}

const itemsOf = async (invoiceId: string) =>
  (await InvoiceItem.findAll({ where: { invoiceId }, order: [['createdAt', 'ASC']] })).map((i) => ({ itemType: i.itemType, quantity: i.quantity, unitPriceCents: i.unitPriceCents, totalCents: i.totalCents }));

describe('billing: month end', () => {
  let gateway: PaymentGateway;
  useBillingGateway((g) => (gateway = g));

  it('Professional with 520 analyses: one invoice (9,900 base + 20 × 10 overage + tax), paid, period rolled; a re-run changes nothing', async () => {
    await setTax(825);
    const { subscription } = await customer(gateway, 'professional');
    clock.advance(10 * DAY);
    await makeUsage(subscription, 'analyses_run', 520);
    clock.set(AFTER_MARCH);

    const counts = await runMonthEnd(gateway);
    expect(counts).to.deep.equal({ examined: 1, invoiced: 1, skipped: 0, collected: 1, failed: 0 });
    const [invoice] = await Invoice.findAll({ where: { subscriptionId: subscription.id } });
    // 9,900 + 200 = 10,100; tax 8.25% = 833.25 → 833 (half up, once); total 10,933.
    expect(invoice).to.deep.include({ kind: 'regular', status: 'paid', subtotalCents: 10_100, taxCents: 833, totalCents: 10_933, overageChargesCents: 200, creditAppliedCents: 0, attemptCount: 1 });
    expect(invoice.periodStart.toISOString()).to.equal('2027-03-01T00:00:00.000Z');
    expect(invoice.periodEnd.toISOString()).to.equal('2027-04-01T00:00:00.000Z');
    expect(await itemsOf(invoice.id)).to.have.deep.members([
      { itemType: 'subscription', quantity: 1, unitPriceCents: 9_900, totalCents: 9_900 },
      { itemType: 'overage', quantity: 20, unitPriceCents: 10, totalCents: 200 },
      { itemType: 'tax', quantity: 1, unitPriceCents: 833, totalCents: 833 },
    ]);
    await subscription.reload();
    expect(subscription.currentPeriodStart.toISOString()).to.equal('2027-04-01T00:00:00.000Z');
    expect(subscription.currentPeriodEnd.toISOString()).to.equal('2027-05-01T00:00:00.000Z');
    expect(subscription.status).to.equal('active');

    expect(await runMonthEnd(gateway)).to.deep.equal({ examined: 0, invoiced: 0, skipped: 0, collected: 0, failed: 0 });
    // Even a subscription put back on the billed period (a crash between steps, a bad restore) is not billed twice.
    await subscription.update({ currentPeriodStart: new Date('2027-03-01T00:00:00Z'), currentPeriodEnd: new Date('2027-04-01T00:00:00Z') });
    expect(await runMonthEnd(gateway)).to.deep.include({ examined: 1, invoiced: 0, skipped: 1 });
    expect(await Invoice.count({ where: { subscriptionId: subscription.id } })).to.equal(1);
    expect(await PaymentAttempt.count({ where: { invoiceId: invoice.id } })).to.equal(1);
  });

  it('two runs at once: each period is closed once, one invoice and one charge each', async () => {
    const subs = await Promise.all([0, 1, 2, 3].map(() => customer(gateway, 'professional')));
    clock.set(AFTER_MARCH);
    const [a, b] = await Promise.all([runMonthEnd(gateway, { batchSize: 2 }), runMonthEnd(gateway, { batchSize: 2 })]);
    expect(a.invoiced + b.invoiced).to.equal(4);
    expect(a.failed + b.failed).to.equal(0);
    for (const { subscription } of subs) {
      const invoices = await Invoice.findAll({ where: { subscriptionId: subscription.id } });
      expect(invoices).to.have.length(1);
      expect(await PaymentAttempt.count({ where: { invoiceId: invoices[0].id } })).to.equal(1);
    }
  });

  it('a period that has not ended is left alone', async () => {
    const { subscription } = await customer(gateway, 'professional');
    clock.set(new Date('2027-03-31T23:59:00Z'));
    expect((await runMonthEnd(gateway)).examined).to.equal(0);
    expect(await Invoice.count({ where: { subscriptionId: subscription.id } })).to.equal(0);
  });

  it('a scheduled downgrade applies at the rollover and the new period is billed at the new price', async () => {
    const { user, subscription } = await customer(gateway, 'enterprise');
    await scheduleDowngrade({ userId: user.id, tier: 'professional' });
    clock.set(AFTER_MARCH);
    await runMonthEnd(gateway);
    await subscription.reload();
    const professional = (await SubscriptionTier.findOne({ where: { name: 'professional' } }))!;
    expect(subscription.tierId).to.equal(professional.id);
    expect(subscription.scheduledTierId).to.equal(null);
    const [invoice] = await Invoice.findAll({ where: { subscriptionId: subscription.id } });
    expect(invoice).to.deep.include({ totalCents: 9_900, status: 'paid' });
  });

  it('a cancellation moves the customer to Free at the rollover; the ended period\'s overage is still billed', async () => {
    const { user, subscription } = await customer(gateway, 'professional');
    await makeUsage(subscription, 'analyses_run', 510);
    await cancelAtPeriodEnd({ userId: user.id });
    clock.set(AFTER_MARCH);
    await runMonthEnd(gateway);
    await subscription.reload();
    const free = (await SubscriptionTier.findOne({ where: { name: 'free' } }))!;
    expect(subscription).to.deep.include({ tierId: free.id, status: 'active', cancelAtPeriodEnd: false });
    expect(subscription.cancelledAt).to.be.instanceOf(Date);
    const [invoice] = await Invoice.findAll({ where: { subscriptionId: subscription.id } });
    // No base fee (the next period is Free); 10 analyses over 500 × 10¢ = 100.
    expect(invoice).to.deep.include({ subtotalCents: 100, totalCents: 100, overageChargesCents: 100, status: 'paid' });
    expect(await itemsOf(invoice.id)).to.deep.equal([{ itemType: 'overage', quantity: 10, unitPriceCents: 10, totalCents: 100 }]);

    // Next month on Free with nothing owed: no invoice.
    clock.set(new Date('2027-05-01T01:00:00Z'));
    expect(await runMonthEnd(gateway)).to.deep.include({ examined: 1, invoiced: 0, skipped: 1 });
  });

  it('credit is applied first and the balance decreases', async () => {
    await setTax(825);
    const { user, subscription } = await customer(gateway, 'professional');
    await BillingAccount.update({ creditBalanceCents: 2_000 }, { where: { userId: user.id } });
    clock.set(AFTER_MARCH);
    await runMonthEnd(gateway);
    const [invoice] = await Invoice.findAll({ where: { subscriptionId: subscription.id } });
    // 9,900 − 2,000 credit = 7,900; tax 8.25% = 651.75 → 652; total 8,552.
    expect(invoice).to.deep.include({ creditAppliedCents: 2_000, subtotalCents: 7_900, taxCents: 652, totalCents: 8_552, status: 'paid' });
    expect(await itemsOf(invoice.id)).to.deep.include({ itemType: 'credit', quantity: 1, unitPriceCents: -2_000, totalCents: -2_000 });
    // Credit and tax bill no service period.
    const periodless = await InvoiceItem.findAll({ where: { invoiceId: invoice.id, itemType: ['credit', 'tax'] } });
    expect(periodless.map((i) => [i.itemType, i.periodStart, i.periodEnd])).to.have.deep.members([['credit', null, null], ['tax', null, null]]);
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.creditBalanceCents).to.equal(0);
  });

  it('credit larger than the invoice: the rest stays on the balance and the 0 invoice is paid without a charge', async () => {
    const { user, subscription } = await customer(gateway, 'professional');
    await BillingAccount.update({ creditBalanceCents: 12_000 }, { where: { userId: user.id } });
    clock.set(AFTER_MARCH);
    expect(await runMonthEnd(gateway)).to.deep.include({ invoiced: 1, collected: 1 });
    const [invoice] = await Invoice.findAll({ where: { subscriptionId: subscription.id } });
    expect(invoice).to.deep.include({ creditAppliedCents: 9_900, totalCents: 0, status: 'paid' });
    expect(await PaymentAttempt.count({ where: { invoiceId: invoice.id } })).to.equal(0);
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.creditBalanceCents).to.equal(2_100);
  });

  it('Free with no overage: no invoice, but the period rolls', async () => {
    const { subscription } = await customer(gateway, 'free', null);
    await makeUsage(subscription, 'analyses_run', 20);
    clock.set(AFTER_MARCH);
    expect(await runMonthEnd(gateway)).to.deep.equal({ examined: 1, invoiced: 0, skipped: 1, collected: 0, failed: 0 });
    expect(await Invoice.count({ where: { subscriptionId: subscription.id } })).to.equal(0);
    await subscription.reload();
    expect(subscription.currentPeriodEnd.toISOString()).to.equal('2027-05-01T00:00:00.000Z');
  });

  it('a subscription two periods behind is closed period by period (two invoices), in small batches', async () => {
    const subs = await Promise.all([0, 1, 2].map(() => customer(gateway, 'professional')));
    clock.set(new Date('2027-05-01T01:00:00Z'));
    expect(await runMonthEnd(gateway, { batchSize: 2 })).to.deep.equal({ examined: 3, invoiced: 6, skipped: 0, collected: 6, failed: 0 });
    for (const { subscription } of subs) {
      const invoices = await Invoice.findAll({ where: { subscriptionId: subscription.id }, order: [['periodStart', 'ASC']] });
      expect(invoices.map((i) => i.periodStart.toISOString())).to.deep.equal(['2027-03-01T00:00:00.000Z', '2027-04-01T00:00:00.000Z']);
    }
  });

  it('a card that fails: invoice failed, subscription past_due, dunning e-mail; the run goes on', async () => {
    const { user, subscription } = await customer(gateway, 'professional', '4000000000000341');
    clock.set(AFTER_MARCH);
    expect(await runMonthEnd(gateway)).to.deep.include({ invoiced: 1, collected: 0, failed: 1 });
    const [invoice] = await Invoice.findAll({ where: { subscriptionId: subscription.id } });
    expect(invoice.status).to.equal('failed');
    expect(invoice.nextAttemptAt!.getTime()).to.be.closeTo(AFTER_MARCH.getTime() + DAY, 60_000);
    expect((await subscription.reload()).status).to.equal('past_due');
    expect(await OutboxEmail.count({ where: { toAddress: user.email, template: 'payment_failed' } })).to.equal(1);
  });

  it('queued collection (the scheduled job): one billing.collect_invoice job per new invoice, sent with it; the job pays it once', async () => {
    const subs = await Promise.all([0, 1, 2].map(() => customer(gateway, 'professional')));
    const free = await customer(gateway, 'free', null);
    clock.set(AFTER_MARCH);
    const counts = await runMonthEnd(gateway, { collect: 'queue', batchSize: 2 });
    expect(counts).to.deep.equal({ examined: 4, invoiced: 3, skipped: 1, collected: 0, failed: 0 });
    const invoices = await Invoice.findAll({ where: { subscriptionId: subs.map((s) => s.subscription.id) } });
    expect(invoices).to.have.length(3);
    expect(await Invoice.count({ where: { subscriptionId: free.subscription.id } })).to.equal(0);
    const jobs = await db().query<{ invoice_id: string }>(`SELECT data->>'invoiceId' AS invoice_id FROM pgboss.job WHERE name = ?`, { replacements: [COLLECT_INVOICE_JOB], type: QueryTypes.SELECT });
    expect(jobs.map((j) => j.invoice_id)).to.have.members(invoices.map((i) => i.id));

    // The job's handler (a worker may have run it already: it is idempotent on the invoice).
    for (const invoice of invoices) {
      await collectInvoiceJob(gateway, { invoiceId: invoice.id });
      await collectInvoiceJob(gateway, { invoiceId: invoice.id });
      expect((await invoice.reload()).status).to.equal('paid');
      expect(await PaymentAttempt.count({ where: { invoiceId: invoice.id } })).to.equal(1);
    }
    // A re-run sends nothing more.
    expect(await runMonthEnd(gateway, { collect: 'queue' })).to.deep.include({ examined: 0, invoiced: 0 });
    const again = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ?`, { replacements: [COLLECT_INVOICE_JOB], type: QueryTypes.SELECT });
    expect(again[0].n).to.equal(3);
  });

  it('one batch with every case at once gives each subscription the invoice it would get alone', async () => {
    await setTax(825);
    const pro = await customer(gateway, 'professional');
    await makeUsage(pro.subscription, 'analyses_run', 520);
    const credited = await customer(gateway, 'professional');
    await BillingAccount.update({ creditBalanceCents: 2_000 }, { where: { userId: credited.user.id } });
    const downgrading = await customer(gateway, 'enterprise');
    await scheduleDowngrade({ userId: downgrading.user.id, tier: 'professional' });
    const cancelling = await customer(gateway, 'professional');
    await makeUsage(cancelling.subscription, 'analyses_run', 510);
    await cancelAtPeriodEnd({ userId: cancelling.user.id });
    const free = await customer(gateway, 'free', null);
    clock.set(AFTER_MARCH);
    expect(await runMonthEnd(gateway)).to.deep.equal({ examined: 5, invoiced: 4, skipped: 1, collected: 4, failed: 0 });
    const one = async (subscriptionId: string) => (await Invoice.findAll({ where: { subscriptionId } }))[0];
    expect(await one(pro.subscription.id)).to.deep.include({ subtotalCents: 10_100, taxCents: 833, totalCents: 10_933, status: 'paid' });
    expect(await one(credited.subscription.id)).to.deep.include({ creditAppliedCents: 2_000, subtotalCents: 7_900, taxCents: 652, totalCents: 8_552, status: 'paid' });
    expect((await BillingAccount.findOne({ where: { userId: credited.user.id } }))!.creditBalanceCents).to.equal(0);
    // Professional's 9,900 + 8.25% = 816.75 → 817.
    expect(await one(downgrading.subscription.id)).to.deep.include({ subtotalCents: 9_900, taxCents: 817, totalCents: 10_717 });
    // 100 overage + 8.25% = 8.25 → 8.
    expect(await one(cancelling.subscription.id)).to.deep.include({ subtotalCents: 100, taxCents: 8, totalCents: 108 });
    const professional = (await SubscriptionTier.findOne({ where: { name: 'professional' } }))!;
    const freeTier = (await SubscriptionTier.findOne({ where: { name: 'free' } }))!;
    expect(await downgrading.subscription.reload()).to.deep.include({ tierId: professional.id, scheduledTierId: null });
    expect(await cancelling.subscription.reload()).to.deep.include({ tierId: freeTier.id, cancelAtPeriodEnd: false, churnedFromTierId: professional.id });
    expect(await Invoice.count({ where: { subscriptionId: free.subscription.id } })).to.equal(0);
    const numbers = (await Invoice.findAll()).map((i) => i.number);
    expect(new Set(numbers).size).to.equal(numbers.length);
  });

  it('whole cycle over HTTP: Free → limit → card → upgrade mid-period → overage → month end → declined → past_due → retry → paid', async () => {
    clock.set(SIGNED_UP);
    const user = await makeUser({ email: 'cycle@example.com' });
    let agent = await signIn('cycle@example.com');
    const subscription = (await makeSubscription(user.id))!;
    await makeUsage(subscription, 'analyses_run', 20); // Free's limit reached
    expect((await agent.get('/api/subscriptions/usage')).status).to.equal(200);

    const good = await agent.post('/api/billing/payment-methods').send({ cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' });
    expect(good.status).to.equal(201);
    clock.advance(9 * DAY); // 10 March: 21 of 31 days left
    const up = await agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' });
    expect(up.status).to.equal(200);
    expect(up.body.invoice).to.deep.include({ kind: 'proration', status: 'paid', totalCents: 6_706 });
    await makeUsage(subscription, 'analyses_run', 500); // 520 in March on Professional

    // The card now on file fails when charged.
    const bad = await agent.post('/api/billing/payment-methods').send({ cardNumber: '4000 0000 0000 0341', expMonth: 12, expYear: 2099, cvc: '123' });
    expect(bad.status).to.equal(201);
    expect((await agent.post(`/api/billing/payment-methods/${bad.body.id}/default`)).status).to.equal(200);

    clock.set(AFTER_MARCH);
    expect(await runMonthEnd(gateway)).to.deep.include({ invoiced: 1, failed: 1 });
    agent = await signIn('cycle@example.com'); // 22 days on: past the 14-day session lifetime
    const list = await agent.get('/api/billing/invoices');
    expect(Array.isArray(list.body), JSON.stringify(list.body)).to.equal(true);
    const regular = list.body.find((i: { kind: string }) => i.kind === 'regular');
    expect(regular).to.deep.include({ status: 'failed', subtotalCents: 10_100, overageChargesCents: 200, totalCents: 10_100 });
    // The invoice closes March; each line names the period it bills: the fee April's (in advance), the overage March's.
    expect(regular).to.deep.include({ periodStart: '2027-03-01T00:00:00.000Z', periodEnd: '2027-04-01T00:00:00.000Z' });
    const lines = (await agent.get(`/api/billing/invoices/${regular.id}`)).body.items;
    expect(lines.map((i: Record<string, unknown>) => ({ itemType: i.itemType, description: i.description, periodStart: i.periodStart, periodEnd: i.periodEnd }))).to.deep.equal([
      { itemType: 'subscription', description: 'Professional plan', periodStart: '2027-04-01T00:00:00.000Z', periodEnd: '2027-05-01T00:00:00.000Z' },
      { itemType: 'overage', description: 'Analyses above the Professional limit of 500: 20 × $0.10', periodStart: '2027-03-01T00:00:00.000Z', periodEnd: '2027-04-01T00:00:00.000Z' },
    ]);
    // The upgrade on 10 March charged the 21 days after it: 11 March to the period end.
    const proration = list.body.find((i: { kind: string }) => i.kind === 'proration');
    const [prorated] = (await agent.get(`/api/billing/invoices/${proration.id}`)).body.items;
    expect(prorated).to.deep.include({ itemType: 'proration', totalCents: 6_706, periodStart: '2027-03-11T00:00:00.000Z', periodEnd: '2027-04-01T00:00:00.000Z' });
    expect((await agent.get('/api/subscriptions/current')).body.status).to.equal('past_due');

    expect((await agent.post(`/api/billing/payment-methods/${good.body.id}/default`)).status).to.equal(200);
    const retried = await agent.post(`/api/billing/invoices/${regular.id}/retry`);
    expect(retried.status).to.equal(200);
    expect(retried.body).to.deep.include({ status: 'paid', attemptCount: 2 });
    expect((await agent.get('/api/subscriptions/current')).body.status).to.equal('active');
  });
});

describe('billing: month end console (test mode)', () => {
  beforeEach(async () => {
    await resetDatabase();
    await resetBillingTables();
  });
  afterEach(settleLocalWebhooks);

  it('a billing admin advances the clock and runs month end now; both are audited; customers are refused', async () => {
    clock.set(SIGNED_UP);
    const customerUser = await makeUser({ email: 'free@example.com' });
    await makeSubscription(customerUser.id);
    await makeUser({ email: 'billing@example.com', role: 'billing_admin' });
    const admin = await signIn('billing@example.com');
    const customerAgent = await signIn('free@example.com');
    expect((await customerAgent.post('/api/admin/billing/run-month-end')).status).to.equal(403);
    expect((await customerAgent.post('/api/admin/billing/advance-clock').send({ days: 31 })).status).to.equal(403);

    const advanced = await admin.post('/api/admin/billing/advance-clock').send({ days: 31 });
    expect(advanced.status).to.equal(200);
    expect(advanced.body.now.slice(0, 10)).to.equal('2027-04-01');
    // 31 days is past the 14-day session lifetime: everyone signs in again (documented).
    const again = await signIn('billing@example.com');
    expect((await again.post('/api/admin/billing/advance-clock').send({ days: 0 })).status).to.equal(400);

    const run = await again.post('/api/admin/billing/run-month-end');
    expect(run.status).to.equal(200);
    expect(run.body).to.deep.include({ examined: 1, invoiced: 0, skipped: 1 });
    expect(await AuditLog.count({ where: { action: ['billing.clock_advanced', 'billing.month_end_run'] } })).to.equal(2);
    expect((await Subscription.findOne({ where: { userId: customerUser.id } }))!.currentPeriodStart.toISOString()).to.equal('2027-04-01T00:00:00.000Z');
  });

  it('answers 409 test_mode_only in production', async () => {
    const prod = createApp(testConfig({ NODE_ENV: 'production' }));
    await makeUser({ email: 'billing@example.com', role: 'billing_admin' });
    // Production cookies are Secure (not sent over plain HTTP): sign in on the test app and carry the session over.
    const login = await request(createApp(testConfig())).post('/api/auth/login').send({ email: 'billing@example.com', password: DEFAULT_PASSWORD });
    const cookie = login.headers['set-cookie'] as unknown as string[];
    const res = await request(prod).post('/api/admin/billing/run-month-end').set('Cookie', cookie);
    expect(res.status, JSON.stringify(res.body)).to.equal(409);
    expect(res.body.code).to.equal('test_mode_only');
    expect((await request(prod).post('/api/admin/billing/advance-clock').set('Cookie', cookie).send({ days: 1 })).status).to.equal(409);
    expect(clock.now().getTime()).to.be.closeTo(Date.now(), 60_000);
  });
});
