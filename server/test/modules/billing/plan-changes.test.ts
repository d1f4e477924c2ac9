import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { db } from '../../../src/db/sequelize';
import { clock } from '../../../src/lib/clock';
import { BillingAccount, Invoice, PaymentAttempt, Subscription } from '../../../src/modules/billing/billing.models';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { createBillingGateway } from '../../../src/modules/billing/index';
import { upgradeSubscription } from '../../../src/modules/billing/services/change-plan.service';
import { testConfig } from '../../support/app';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import { settleLocalWebhooks } from '../../../src/modules/billing/webhooks/ingest-webhook.service';
import { app, resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { ensureWebhookQueue, resetBillingTables } from './payment-methods/billing-test-app';

const VISA = { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' };
const FAILS_WHEN_CHARGED = { cardNumber: '4000 0000 0000 0341', expMonth: 12, expYear: 2099, cvc: '123' };
const DAY = 86_400_000;

/** A Free customer who signed up at noon on 1 March 2027: periods run 1 Mar → 1 Apr (31 days). */
async function freeCustomer(email: string) {
  clock.set(new Date('2027-03-01T12:00:00Z'));
  const user = await makeUser({ email });
  const agent = await signIn(email);
  expect((await agent.get('/api/subscriptions/current')).body.tier.name).to.equal('free');
  return { user, agent };
}

async function chargesOf(userId: string): Promise<number> {
  const [{ n }] = await db().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM local_gateway_payments p JOIN local_gateway_customers c ON c.id = p.customer_id WHERE c.user_id = ?`,
    { replacements: [userId], type: QueryTypes.SELECT },
  );
  return n;
}

describe('billing: plan changes (HTTP, local test mode)', () => {
  before(ensureWebhookQueue);
  beforeEach(async () => {
    await resetDatabase();
    await resetBillingTables();
  });
  afterEach(settleLocalWebhooks);

  it('Free → add 4242 → upgrade to Professional mid-period: prorated invoice paid, receipt, new limits', async () => {
    const { user, agent } = await freeCustomer('up@example.com');
    expect((await agent.post('/api/billing/payment-methods').send(VISA)).status).to.equal(201);
    clock.advance(9 * DAY); // 10 March, noon: days 1–10 used, 21 of 31 left

    const res = await agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' });
    expect(res.status).to.equal(200);
    // (9,900 − 0) × 21 / 31 = 207,900 / 31 = 6,706.45 → 6,706 cents (half up); no tax setting → 0 tax.
    expect(res.body.invoice).to.deep.include({ kind: 'proration', status: 'paid', subtotalCents: 6_706, taxCents: 0, totalCents: 6_706, attemptCount: 1 });
    expect(res.body.invoice.paidAt).to.be.a('string');
    expect(res.body.subscription).to.deep.include({ status: 'active' });
    expect(res.body.subscription.tier.name).to.equal('professional');

    const usage = await agent.get('/api/subscriptions/usage');
    expect(usage.body.metrics.find((m: { metric: string }) => m.metric === 'analyses_run').limit).to.equal(500);

    const detail = await agent.get(`/api/billing/invoices/${res.body.invoice.id}`);
    expect(detail.status).to.equal(200);
    expect(detail.body.items).to.have.length(1);
    expect(detail.body.items[0]).to.deep.include({ itemType: 'proration', quantity: 1, unitPriceCents: 6_706, totalCents: 6_706 });

    const receipts = await OutboxEmail.findAll({ where: { toAddress: 'up@example.com', template: 'receipt' } });
    expect(receipts).to.have.length(1);
    expect(receipts[0].textBody).to.include('$67.06');
    expect(await chargesOf(user.id)).to.equal(1);
    const attempt = (await PaymentAttempt.findOne({ where: { invoiceId: res.body.invoice.id } }))!;
    expect(attempt).to.deep.include({ status: 'succeeded', idempotencyKey: `invoice:${res.body.invoice.id}:attempt:1`, amountCents: 6_706 });
  });

  it('upgrade-preview quotes exactly what the upgrade then charges (proration, credit, tax)', async () => {
    const { user, agent } = await freeCustomer('preview@example.com');
    await db().query(`INSERT INTO settings (key, value, updated_at) VALUES ('billing.tax_rate_bps', '825', now())`);
    await agent.post('/api/billing/payment-methods').send(VISA);
    await BillingAccount.update({ creditBalanceCents: 1_000 }, { where: { userId: user.id } });
    clock.advance(9 * DAY); // 10 March, noon: 21 of 31 days left

    const preview = await agent.get('/api/subscriptions/upgrade-preview').query({ tier: 'professional' });
    expect(preview.status).to.equal(200);
    // 9,900 × 21 / 31 = 6,706.45 → 6,706; − 1,000 credit = 5,706; tax 8.25% = 470.745 → 471; total 6,177.
    expect(preview.body).to.deep.equal({
      tier: 'professional', amountDueNowCents: 6_177, subtotalCents: 5_706, taxCents: 471, creditAppliedCents: 1_000,
      currency: 'usd', periodEnd: '2027-04-01T00:00:00.000Z', daysRemaining: 21, daysInPeriod: 31,
    });
    // A preview changes nothing: no invoice, the credit is still there, still on Free.
    expect(await Invoice.count()).to.equal(0);
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.creditBalanceCents).to.equal(1_000);

    const res = await agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' });
    expect(res.status).to.equal(200);
    expect(res.body.invoice).to.deep.include({
      status: 'paid', totalCents: preview.body.amountDueNowCents, subtotalCents: preview.body.subtotalCents,
      taxCents: preview.body.taxCents, creditAppliedCents: preview.body.creditAppliedCents, periodEnd: preview.body.periodEnd,
    });
  });

  it('upgrade-preview refuses unknown, same and cheaper tiers with 400 and a tier error', async () => {
    const { agent } = await freeCustomer('preview-bad@example.com');
    for (const tier of ['platinum', 'free']) {
      const res = await agent.get('/api/subscriptions/upgrade-preview').query({ tier });
      expect(res.status, tier).to.equal(400);
      expect(res.body.errors, tier).to.have.property('tier');
    }
    expect((await agent.get('/api/subscriptions/upgrade-preview')).status).to.equal(400);
    await agent.post('/api/billing/payment-methods').send(VISA);
    expect((await agent.post('/api/subscriptions/upgrade').send({ tier: 'enterprise' })).status).to.equal(200);
    const cheaper = await agent.get('/api/subscriptions/upgrade-preview').query({ tier: 'professional' });
    expect(cheaper.status).to.equal(400);
    expect(cheaper.body.errors).to.have.property('tier');
    expect((await agent.get('/api/subscriptions/upgrade-preview').query({ tier: 'enterprise' })).status).to.equal(400);
  });

  it('upgrade-preview works without a card (the portal says a card is needed)', async () => {
    const { agent } = await freeCustomer('preview-nocard@example.com');
    const res = await agent.get('/api/subscriptions/upgrade-preview').query({ tier: 'enterprise' });
    expect(res.status).to.equal(200);
    // Day 1 of 31 (noon on 1 March counts as used): 49,900 × 30 / 31 = 48,290.32 → 48,290.
    expect(res.body).to.deep.include({ amountDueNowCents: 48_290, daysRemaining: 30, daysInPeriod: 31 });
  });

  it('tax comes from the billing.tax_rate_bps setting', async () => {
    const { agent } = await freeCustomer('tax@example.com');
    await db().query(`INSERT INTO settings (key, value, updated_at) VALUES ('billing.tax_rate_bps', '825', now())`);
    await agent.post('/api/billing/payment-methods').send(VISA);
    clock.advance(9 * DAY);
    const res = await agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' });
    expect(res.status).to.equal(200);
    // 6,706 × 8.25% = 553.245 → 553; total 6,706 + 553 = 7,259.
    expect(res.body.invoice).to.deep.include({ subtotalCents: 6_706, taxCents: 553, totalCents: 7_259, status: 'paid' });
  });

  it('account credit is applied to the proration, held back so the card is never charged under 50¢', async () => {
    const { user, agent } = await freeCustomer('credit@example.com');
    await agent.post('/api/billing/payment-methods').send(VISA);
    await BillingAccount.update({ creditBalanceCents: 6_690 }, { where: { userId: user.id } });
    clock.advance(9 * DAY);
    const res = await agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' });
    expect(res.status).to.equal(200);
    // 6,706 − 6,690 credit would leave 16¢ (< 50¢): apply 6,656, charge 50, 34 stays on the balance.
    expect(res.body.invoice).to.deep.include({ creditAppliedCents: 6_656, subtotalCents: 50, totalCents: 50, status: 'paid' });
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.creditBalanceCents).to.equal(34);
    const detail = await agent.get(`/api/billing/invoices/${res.body.invoice.id}`);
    expect(detail.body.items.map((i: { itemType: string; totalCents: number }) => [i.itemType, i.totalCents])).to.deep.equal([['proration', 6_706], ['credit', -6_656]]);
  });

  it('an upgrade done by an admin is audited', async () => {
    const { user, agent } = await freeCustomer('audited@example.com');
    await agent.post('/api/billing/payment-methods').send(VISA);
    const admin = { id: null, email: 'billing@example.com', ip: '127.0.0.1', userAgent: 'test' };
    const { subscription } = await upgradeSubscription(createBillingGateway(testConfig()), { userId: user.id, tier: 'enterprise', admin });
    const rows = await AuditLog.findAll({ where: { action: 'subscription.upgrade' } });
    expect(rows).to.have.length(1);
    expect(rows[0]).to.deep.include({ targetType: 'subscription', targetId: subscription.id, actorEmail: 'billing@example.com' });
    expect(rows[0].after).to.deep.include({ tier: 'enterprise' });
  });

  it('upgrade without a card → 402 payment_method_required and nothing changes', async () => {
    const { user, agent } = await freeCustomer('nocard@example.com');
    const res = await agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' });
    expect(res.status).to.equal(402);
    expect(res.body.code).to.equal('payment_method_required');
    expect((await agent.get('/api/subscriptions/current')).body.tier.name).to.equal('free');
    expect(await Invoice.count()).to.equal(0);
    expect(await chargesOf(user.id)).to.equal(0);
  });

  it('unknown, same or cheaper tiers are refused with field errors', async () => {
    const { agent } = await freeCustomer('bad@example.com');
    await agent.post('/api/billing/payment-methods').send(VISA);
    const unknown = await agent.post('/api/subscriptions/upgrade').send({ tier: 'platinum' });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.errors).to.have.property('tier');
    const same = await agent.post('/api/subscriptions/upgrade').send({ tier: 'free' });
    expect(same.status).to.equal(409);
    expect(same.body.code).to.equal('already_on_tier');
    expect((await agent.post('/api/subscriptions/downgrade').send({ tier: 'free' })).body.errors).to.have.property('tier');
    const downUnknown = await agent.post('/api/subscriptions/downgrade').send({ tier: 'platinum' });
    expect(downUnknown.status).to.equal(400);
    expect(downUnknown.body.errors).to.have.property('tier');
    expect((await agent.post('/api/subscriptions/downgrade').send({})).status).to.equal(400);
  });

  it('a card that fails when charged: upgrade stays, invoice failed, past_due, dunning e-mail; a new default card and retry → paid', async () => {
    const { user, agent } = await freeCustomer('dunning@example.com');
    expect((await agent.post('/api/billing/payment-methods').send(FAILS_WHEN_CHARGED)).status).to.equal(201);
    clock.advance(9 * DAY);

    const res = await agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' });
    expect(res.status).to.equal(200);
    expect(res.body.invoice).to.deep.include({ status: 'failed', totalCents: 6_706, attemptCount: 1 });
    // First failure → next automatic retry one day later.
    expect(Date.parse(res.body.invoice.nextAttemptAt)).to.be.closeTo(clock.now().getTime() + DAY, 5_000);
    expect(res.body.subscription).to.deep.include({ status: 'past_due' });
    expect(res.body.subscription.tier.name).to.equal('professional');
    const attempt = (await PaymentAttempt.findOne({ where: { invoiceId: res.body.invoice.id } }))!;
    expect(attempt).to.deep.include({ status: 'failed', failureCode: 'card_declined' });
    expect(await OutboxEmail.count({ where: { toAddress: 'dunning@example.com', template: 'payment_failed' } })).to.equal(1);

    const visa = await agent.post('/api/billing/payment-methods').send(VISA);
    expect((await agent.post(`/api/billing/payment-methods/${visa.body.id}/default`)).status).to.equal(200);
    const retry = await agent.post(`/api/billing/invoices/${res.body.invoice.id}/retry`);
    expect(retry.status).to.equal(200);
    expect(retry.body).to.deep.include({ status: 'paid', attemptCount: 2, nextAttemptAt: null });
    expect((await agent.get('/api/subscriptions/current')).body.status).to.equal('active');
    expect(await OutboxEmail.count({ where: { toAddress: 'dunning@example.com', template: 'receipt' } })).to.equal(1);
    expect(await chargesOf(user.id)).to.equal(2); // one declined, one paid

    const again = await agent.post(`/api/billing/invoices/${res.body.invoice.id}/retry`);
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('not_collectable');
    expect(await chargesOf(user.id)).to.equal(2);
  });

  it('downgrade is scheduled for the period end and shown by /current; resume clears it', async () => {
    const { agent } = await freeCustomer('down@example.com');
    await agent.post('/api/billing/payment-methods').send(VISA);
    await agent.post('/api/subscriptions/upgrade').send({ tier: 'enterprise' });

    const down = await agent.post('/api/subscriptions/downgrade').send({ tier: 'professional' });
    expect(down.status).to.equal(200);
    expect(down.body.tier.name).to.equal('enterprise');
    const current = await agent.get('/api/subscriptions/current');
    expect(current.body.scheduledTier.name).to.equal('professional');
    expect(current.body.tier.name).to.equal('enterprise');

    const resumed = await agent.post('/api/subscriptions/resume');
    expect(resumed.status).to.equal(200);
    expect(resumed.body).to.deep.include({ scheduledTier: null, cancelAtPeriodEnd: false });
  });

  it('cancel sets cancelAtPeriodEnd (the plan stays until then); resume takes it back', async () => {
    const { agent } = await freeCustomer('cancel@example.com');
    const res = await agent.post('/api/subscriptions/cancel');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ cancelAtPeriodEnd: true, status: 'active' });
    expect((await agent.get('/api/subscriptions/current')).body.cancelAtPeriodEnd).to.equal(true);
    expect((await agent.post('/api/subscriptions/resume')).body.cancelAtPeriodEnd).to.equal(false);
  });

  it('50 parallel upgrades → one tier change, one paid invoice, one charge; the rest 409 already_on_tier', async function () {
    this.timeout(60_000);
    const { user, agent } = await freeCustomer('race@example.com');
    await agent.post('/api/billing/payment-methods').send(VISA);
    const results = await Promise.all(Array.from({ length: 50 }, () => agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).to.have.length(1);
    expect(statuses.filter((s) => s === 409)).to.have.length(49);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'already_on_tier')).to.equal(true);
    const sub = (await Subscription.findOne({ where: { userId: user.id } }))!;
    expect(await Invoice.count({ where: { subscriptionId: sub.id } })).to.equal(1);
    expect(await Invoice.count({ where: { subscriptionId: sub.id, status: 'paid' } })).to.equal(1);
    expect(await chargesOf(user.id)).to.equal(1);
  });

  it('invoices: list and detail are scoped to their owner', async () => {
    const { agent } = await freeCustomer('owner@example.com');
    await agent.post('/api/billing/payment-methods').send(VISA);
    const up = await agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' });

    const list = await agent.get('/api/billing/invoices');
    expect(list.status).to.equal(200);
    expect(list.headers['x-total-count']).to.equal('1');
    expect(list.body.map((i: { id: string }) => i.id)).to.deep.equal([up.body.invoice.id]);
    expect(list.body[0]).to.not.have.property('items');

    await makeUser({ email: 'other@example.com' });
    const other = await signIn('other@example.com');
    const otherList = await other.get('/api/billing/invoices');
    expect(otherList.body).to.deep.equal([]);
    expect(otherList.headers['x-total-count']).to.equal('0');
    expect((await other.get(`/api/billing/invoices/${up.body.invoice.id}`)).status).to.equal(404);
    expect((await other.post(`/api/billing/invoices/${up.body.invoice.id}/retry`)).status).to.equal(404);
    expect((await request(app()).get('/api/billing/invoices')).status).to.equal(401);
  });

  it('the plan-change and invoice routes are in the OpenAPI document', async () => {
    const res = await request(app()).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    for (const path of ['/api/subscriptions/upgrade', '/api/subscriptions/downgrade', '/api/subscriptions/cancel', '/api/subscriptions/resume', '/api/billing/invoices', '/api/billing/invoices/{id}', '/api/billing/invoices/{id}/retry']) {
      expect(res.body.paths, path).to.have.property(path);
    }
  });
});
