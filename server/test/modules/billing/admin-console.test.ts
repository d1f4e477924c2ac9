import { expect } from 'chai';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { clock } from '../../../src/lib/clock';
import { BillingAccount, CreditGrant, Invoice, InvoiceRefund, Subscription, SubscriptionTier } from '../../../src/modules/billing/billing.models';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import { settleLocalWebhooks } from '../../../src/modules/billing/webhooks/ingest-webhook.service';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { ensureWebhookQueue, resetBillingTables } from './payment-methods/billing-test-app';
import { resetTiers } from '../../support/billing-factories';

const VISA = { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' };
const DAY = 86_400_000;
type Agent = Awaited<ReturnType<typeof signIn>>;

/** A customer who signed up at noon on 1 March 2027 (periods 1 Mar → 1 Apr → 1 May), optionally with a card and on Professional. */
async function customer(email: string, opts: { card?: boolean; professional?: boolean; name?: string } = {}) {
  clock.set(new Date('2027-03-01T12:00:00Z'));
  const user = await makeUser({ email, name: opts.name });
  const agent = await signIn(email);
  const sub = (await agent.get('/api/subscriptions/current')).body as { id: string };
  if (opts.card || opts.professional) expect((await agent.post('/api/billing/payment-methods').send(VISA)).status).to.equal(201);
  if (opts.professional) expect((await agent.post('/api/subscriptions/upgrade').send({ tier: 'professional' })).status).to.equal(200);
  return { user, agent, subscriptionId: sub.id };
}

async function admin(role: 'billing_admin' | 'super_admin' | 'support_admin' = 'billing_admin'): Promise<Agent> {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await makeUser({ email, role });
  return signIn(email);
}

describe('billing: admin console API', () => {
  before(ensureWebhookQueue);
  beforeEach(async () => {
    await resetDatabase();
    await resetBillingTables();
    await resetTiers();
  });
  afterEach(settleLocalWebhooks);
  after(resetTiers);

  describe('subscriptions', () => {
    it('lists with tier/status filters and q on the customer, with counts per tier', async () => {
      await customer('ada@example.com', { professional: true, name: 'Ada Lovelace' });
      await customer('bob@example.com', { name: 'Bob Free' });
      const ops = await admin();

      const all = await ops.get('/api/admin/subscriptions?_start=0&_end=10');
      expect(all.status).to.equal(200);
      expect(all.headers['x-total-count']).to.equal('2'); // the two customers (admins made by the factory have no plan)
      const pro = await ops.get('/api/admin/subscriptions?tier=professional');
      expect(pro.body).to.have.length(1);
      expect(pro.body[0]).to.deep.include({ customerEmail: 'ada@example.com', customerName: 'Ada Lovelace', tier: 'professional', status: 'active', monthlyPriceCents: 9_900, creditBalanceCents: 0 });
      expect((await ops.get('/api/admin/subscriptions?q=lovelace')).body.map((s: { customerEmail: string }) => s.customerEmail)).to.deep.equal(['ada@example.com']);
      expect((await ops.get('/api/admin/subscriptions?status=past_due')).body).to.have.length(0);
      const bad = await ops.get('/api/admin/subscriptions?status=asleep');
      expect(bad.status).to.equal(400);
      expect(bad.body.errors).to.have.property('status');

      const summary = await ops.get('/api/admin/subscriptions/summary');
      expect(summary.status).to.equal(200);
      const byTier = Object.fromEntries(summary.body.map((t: { tier: string }) => [t.tier, t]));
      expect(byTier.professional).to.deep.include({ active: 1, pastDue: 0, churned: 0, monthlyRecurringCents: 9_900 });
      expect(byTier.enterprise).to.deep.include({ active: 0, pastDue: 0, churned: 0 });
      expect(byTier.free.active).to.be.at.least(1);
    });

    it('is for billing permissions only: support (billing.read) reads but cannot credit; customers get 403', async () => {
      const { agent, subscriptionId } = await customer('c@example.com');
      expect((await agent.get('/api/admin/subscriptions')).status).to.equal(403);
      const support = await admin('support_admin');
      expect((await support.get('/api/admin/subscriptions')).status).to.equal(200);
      const res = await support.post(`/api/admin/subscriptions/${subscriptionId}/credit`).send({ amountCents: 500, reason: 'sorry' });
      expect(res.status).to.equal(403);
      expect((await support.post(`/api/admin/subscriptions/${subscriptionId}/upgrade`).send({ tierId: subscriptionId, charge: false, reason: 'x y z' })).status).to.equal(403);
    });

    it('applies a credit (ledger row, balance, audit) that the next month-end invoice takes off first', async () => {
      const { user, subscriptionId } = await customer('credit@example.com', { professional: true });
      const ops = await admin();
      const bad = await ops.post(`/api/admin/subscriptions/${subscriptionId}/credit`).send({ amountCents: 12.5, reason: '' });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors).to.have.keys('amountCents', 'reason');

      const res = await ops.post(`/api/admin/subscriptions/${subscriptionId}/credit`).send({ amountCents: 2_500, reason: 'Outage on 3 March' });
      expect(res.status).to.equal(200);
      expect(res.body.creditBalanceCents).to.equal(2_500);
      expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.creditBalanceCents).to.equal(2_500);
      const grant = (await CreditGrant.findOne())!;
      expect(grant).to.deep.include({ amountCents: 2_500, balanceAfterCents: 2_500, reason: 'Outage on 3 March' });
      const row = (await AuditLog.findOne({ where: { action: 'subscription.credit_applied', targetId: subscriptionId } }))!;
      expect(row.after).to.deep.include({ amountCents: 2_500, reason: 'Outage on 3 March' });

      clock.advance(31 * DAY); // 1 April, noon: the March period has ended (and the sessions with it)
      const ops2 = await admin();
      const run = await ops2.post('/api/admin/billing/run-month-end');
      expect(run.status).to.equal(200);
      const [invoice] = (await (await signIn('credit@example.com')).get('/api/billing/invoices?kind=regular')).body;
      // 9,900 base − 2,500 credit = 7,400; no tax configured
      expect(invoice).to.deep.include({ creditAppliedCents: 2_500, totalCents: 7_400, status: 'paid' });
      const detail = await ops2.get(`/api/admin/invoices/${invoice.id}`);
      expect(detail.body.items.map((i: { itemType: string; totalCents: number }) => [i.itemType, i.totalCents])).to.deep.equal([['subscription', 9_900], ['credit', -2_500]]);
      expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.creditBalanceCents).to.equal(0);
    });

    it('forces a tier without charge (any tier, audited with the reason) and with charge (the prorated upgrade)', async () => {
      const { subscriptionId } = await customer('force@example.com');
      const ops = await admin('super_admin');
      const tiers = Object.fromEntries((await SubscriptionTier.findAll()).map((t) => [t.name, t.id]));

      const comp = await ops.post(`/api/admin/subscriptions/${subscriptionId}/upgrade`).send({ tierId: tiers.enterprise, charge: false, reason: 'Partner programme' });
      expect(comp.status).to.equal(200);
      expect(comp.body).to.deep.include({ charged: false, invoice: null });
      expect(comp.body.subscription.tier.name).to.equal('enterprise');
      expect(await Invoice.count()).to.equal(0);
      const row = (await AuditLog.findOne({ where: { action: 'subscription.tier_forced', targetId: subscriptionId } }))!;
      expect(row.before).to.deep.include({ tier: 'free' });
      expect(row.after).to.deep.include({ tier: 'enterprise', charge: false, reason: 'Partner programme' });
      const again = await ops.post(`/api/admin/subscriptions/${subscriptionId}/upgrade`).send({ tierId: tiers.enterprise, charge: false, reason: 'again' });
      expect(again.status).to.equal(409);
      expect(again.body.code).to.equal('already_on_tier');

      // back to Free at no charge, then a charged upgrade without a card → 402
      await ops.post(`/api/admin/subscriptions/${subscriptionId}/upgrade`).send({ tierId: tiers.free, charge: false, reason: 'End of trial' });
      const noCard = await ops.post(`/api/admin/subscriptions/${subscriptionId}/upgrade`).send({ tierId: tiers.professional, charge: true, reason: 'Asked by phone' });
      expect(noCard.status).to.equal(402);
      expect(noCard.body.code).to.equal('payment_method_required');
      const unknown = await ops.post(`/api/admin/subscriptions/${subscriptionId}/upgrade`).send({ tierId: '00000000-0000-4000-8000-000000000000', charge: false, reason: 'typo' });
      expect(unknown.status).to.equal(400);
    });

    it('a charged force upgrade bills the proration to the card and audits the reason', async () => {
      const { subscriptionId } = await customer('charged@example.com', { card: true });
      clock.advance(9 * DAY); // 10 March noon: 21 of 31 days left
      const ops = await admin();
      const pro = (await SubscriptionTier.findOne({ where: { name: 'professional' } }))!;
      const res = await ops.post(`/api/admin/subscriptions/${subscriptionId}/upgrade`).send({ tierId: pro.id, charge: true, reason: 'Asked by phone' });
      expect(res.status).to.equal(200);
      // 9,900 × 21 / 31 = 6,706.45 → 6,706
      expect(res.body.invoice).to.deep.include({ kind: 'proration', status: 'paid', totalCents: 6_706 });
      const row = (await AuditLog.findOne({ where: { action: 'subscription.upgrade', targetId: subscriptionId } }))!;
      expect(row.after).to.deep.include({ tier: 'professional', reason: 'Asked by phone' });
    });
  });

  describe('tiers', () => {
    it('creates and edits tiers with validation; a new price applies from the next period only', async () => {
      const { agent, subscriptionId } = await customer('tiers@example.com', { professional: true });
      const ops = await admin();
      const list = await ops.get('/api/admin/subscriptions/tiers');
      expect(list.status).to.equal(200);
      expect(list.headers['x-total-count']).to.equal('3');
      const pro = list.body.find((t: { name: string }) => t.name === 'professional');
      expect(pro.subscribers).to.equal(1);

      const bad = await ops.post('/api/admin/subscriptions/tiers').send({ name: 'Team Plan', displayName: '', monthlyPriceCents: -1, maxProjects: 10, maxAnalysesPerMonth: 100, maxStorageMb: null });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors).to.include.keys('name', 'displayName', 'monthlyPriceCents');
      const created = await ops.post('/api/admin/subscriptions/tiers').send({ name: 'team', displayName: 'Team', monthlyPriceCents: 19_900, maxProjects: 100, maxAnalysesPerMonth: 1_000, maxStorageMb: 51_200, overageAnalysisCents: 8, sortOrder: 2 });
      expect(created.status).to.equal(201);
      expect(created.body).to.deep.include({ name: 'team', monthlyPriceCents: 19_900, active: true, subscribers: 0 });
      expect((await ops.post('/api/admin/subscriptions/tiers').send({ name: 'team', displayName: 'Team 2', monthlyPriceCents: 1, maxProjects: 1, maxAnalysesPerMonth: 1, maxStorageMb: 1 })).status).to.equal(409);
      expect((await AuditLog.findOne({ where: { action: 'tier.created', targetId: created.body.id } }))).to.not.equal(null);

      const free = list.body.find((t: { name: string }) => t.name === 'free');
      const freeCost = await ops.patch(`/api/admin/subscriptions/tiers/${free.id}`).send({ monthlyPriceCents: 100 });
      expect(freeCost.status).to.equal(400);
      expect(freeCost.body.errors).to.have.property('monthlyPriceCents');

      const [before] = (await agent.get('/api/billing/invoices')).body;
      const raised = await ops.patch(`/api/admin/subscriptions/tiers/${pro.id}`).send({ monthlyPriceCents: 12_900 });
      expect(raised.status).to.equal(200);
      expect(raised.body.monthlyPriceCents).to.equal(12_900);
      const audit = (await AuditLog.findOne({ where: { action: 'tier.updated', targetId: pro.id } }))!;
      expect((audit.before as { monthlyPriceCents: number }).monthlyPriceCents).to.equal(9_900);
      // the invoice already written keeps its price
      expect((await Invoice.findByPk(before.id))!.totalCents).to.equal(before.totalCents);
      clock.advance(31 * DAY);
      expect((await (await admin()).post('/api/admin/billing/run-month-end')).status).to.equal(200);
      const regular = await Invoice.findOne({ where: { subscriptionId, kind: 'regular' } });
      expect(regular!.subtotalCents).to.equal(12_900);
    });
  });

  describe('invoices', () => {
    it('lists every customer\'s invoices with filters, shows lines and attempts, and refunds in part then in full', async () => {
      const { user, subscriptionId } = await customer('refund@example.com', { professional: true });
      await customer('other@example.com');
      const ops = await admin();

      const list = await ops.get(`/api/admin/invoices?customerId=${user.id}`);
      expect(list.status).to.equal(200);
      expect(list.body).to.have.length(1);
      // the upgrade at noon on day 1: 9,900 × 30 / 31 = 9,580.6 → 9,581
      expect(list.body[0]).to.deep.include({ customerEmail: 'refund@example.com', subscriptionId, status: 'paid', totalCents: 9_581, refundedCents: 0 });
      expect((await ops.get('/api/admin/invoices?status=failed')).body).to.have.length(0);
      expect((await ops.get('/api/admin/invoices?q=refund@')).body).to.have.length(1);
      expect((await ops.get('/api/admin/invoices?createdAt_gte=2099-01-01')).body).to.have.length(0);
      expect((await ops.get('/api/admin/invoices?customerId=nope')).status).to.equal(400);

      const id = list.body[0].id;
      const detail = await ops.get(`/api/admin/invoices/${id}`);
      expect(detail.body).to.deep.include({ refundableCents: 9_581 });
      expect(detail.body.customer.email).to.equal('refund@example.com');
      expect(detail.body.attempts).to.have.length(1);
      expect(detail.body.attempts[0]).to.deep.include({ status: 'succeeded', amountCents: 9_581 });

      const partial = await ops.post(`/api/admin/invoices/${id}/refund`).send({ amountCents: 2_500, reason: 'Goodwill' });
      expect(partial.status).to.equal(200);
      expect(partial.body).to.deep.include({ status: 'paid', refundedCents: 2_500, refundableCents: 7_081 });
      expect(partial.body.refunds[0]).to.deep.include({ amountCents: 2_500, status: 'succeeded', reason: 'Goodwill' });

      const tooMuch = await ops.post(`/api/admin/invoices/${id}/refund`).send({ amountCents: 7_082, reason: 'Goodwill' });
      expect(tooMuch.status).to.equal(400);
      expect(tooMuch.body.code).to.equal('amount_exceeds_refundable');
      expect(tooMuch.body.errors).to.have.property('amountCents');

      const rest = await ops.post(`/api/admin/invoices/${id}/refund`).send({ reason: 'Cancelled by agreement' });
      expect(rest.status).to.equal(200);
      expect(rest.body).to.deep.include({ status: 'refunded', refundedCents: 9_581, refundableCents: 0 });
      const none = await ops.post(`/api/admin/invoices/${id}/refund`).send({ reason: 'again' });
      expect(none.status).to.equal(409);
      expect(none.body.code).to.equal('not_refundable');

      // each refund went through the gateway with its own key, and was audited and e-mailed
      const refunds = await InvoiceRefund.findAll({ where: { invoiceId: id }, order: [['createdAt', 'ASC']] });
      expect(refunds.map((r) => [r.idempotencyKey, r.status, Boolean(r.gatewayRefundId)])).to.deep.equal([
        [`invoice:${id}:refund:1`, 'succeeded', true],
        [`invoice:${id}:refund:2`, 'succeeded', true],
      ]);
      expect(await AuditLog.count({ where: { action: 'invoice.refunded', targetId: id } })).to.equal(2);
      expect(await OutboxEmail.count({ where: { toAddress: 'refund@example.com', template: 'refund' } })).to.equal(2);
      const support = await admin('support_admin');
      expect((await support.post(`/api/admin/invoices/${id}/refund`).send({ reason: 'x y z' })).status).to.equal(403);
      expect((await Subscription.findByPk(subscriptionId))!.status).to.equal('active');
    });

    it('refuses to refund an invoice that is not paid', async () => {
      const { subscriptionId } = await customer('open@example.com');
      const sub = (await Subscription.findByPk(subscriptionId))!;
      const invoice = await Invoice.create({ subscriptionId, periodStart: sub.currentPeriodStart, periodEnd: sub.currentPeriodEnd, status: 'failed', totalCents: 9_900, subtotalCents: 9_900 });
      const ops = await admin();
      const res = await ops.post(`/api/admin/invoices/${invoice.id}/refund`).send({ reason: 'nope' });
      expect(res.status).to.equal(409);
      expect(res.body.code).to.equal('not_refundable');
      expect((await ops.get('/api/admin/invoices/00000000-0000-4000-8000-000000000000')).status).to.equal(404);
    });

    it('serves an invoice as a PDF to its owner and to billing admins, not to other customers', async () => {
      const { agent } = await customer('pdf@example.com', { professional: true });
      const [invoice] = (await agent.get('/api/billing/invoices')).body;
      const pdf = await agent.get(`/api/billing/invoices/${invoice.id}/pdf`).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(pdf.status).to.equal(200);
      expect(pdf.headers['content-type']).to.match(/^application\/pdf/);
      expect(pdf.headers['content-disposition']).to.include(`${invoice.number}.pdf`);
      const body = pdf.body as Buffer;
      expect(body.subarray(0, 5).toString()).to.equal('%PDF-');
      expect(body.includes(invoice.number)).to.equal(true);

      const { agent: stranger } = await customer('stranger@example.com');
      expect((await stranger.get(`/api/billing/invoices/${invoice.id}/pdf`)).status).to.equal(404);
      const ops = await admin();
      const adminPdf = await ops.get(`/api/admin/invoices/${invoice.id}/pdf`);
      expect(adminPdf.status).to.equal(200);
      expect(adminPdf.headers['content-type']).to.match(/^application\/pdf/);
    });
  });
});
