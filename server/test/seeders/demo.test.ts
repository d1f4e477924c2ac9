import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { seedDemo, DEMO_PASSWORD } from '../../../seeders/demo';
import { seedDemoAudit } from '../../../seeders/demo-audit';
import { db } from '../../src/db/sequelize';
import { clock } from '../../src/lib/clock';
import { AuditLog } from '../../src/modules/admin/admin.models';
import { verifyAuditChain } from '../../src/modules/admin/audit-log/verify-audit-chain.service';
import { Analysis } from '../../src/modules/analyses/analysis.models';
import { BillingAccount, Invoice, InvoiceItem, PaymentAttempt, Subscription, SubscriptionTier } from '../../src/modules/billing/billing.models';
import { computeInvoiceTotals } from '../../src/modules/billing/calculators/compute-invoice-totals';
import { computeOverage } from '../../src/modules/billing/calculators/compute-overage';
import { computeProration } from '../../src/modules/billing/calculators/compute-proration';
import { createPaymentGateway } from '../../src/modules/billing/gateways';
import { SqlLocalGatewayStore } from '../../src/modules/billing/gateways/sql-local-gateway-store';
import { daysIn, daysRemaining, nextPeriod, periodContaining, type Period } from '../../src/modules/billing/periods';
import { MINIMUM_CHARGE_CENTS } from '../../src/modules/billing/services/collect-invoice.service';
import { runMonthEnd } from '../../src/modules/billing/services/run-month-end.service';
import { taxRateBasisPoints } from '../../src/modules/billing/tax-rate';
import { User } from '../../src/modules/users/user.models';
import { app, resetDatabase, signIn } from '../support/app';
import { escalateSlaBreaches } from '../../src/modules/support/services/escalate-sla.service';

const HOUR = 3_600_000;
const sum = (values: number[]) => values.reduce((a, v) => a + v, 0);

describe('demo seeder', () => {
  before(resetDatabase);
  after(resetDatabase);

  it('seeds the demo accounts and six months of history once, and never twice', async () => {
    const counts = await seedDemo();
    expect(counts).to.not.equal(null);
    expect(counts!.users).to.be.greaterThan(50);
    expect(counts!.adminUsers).to.equal(4);
    expect(counts!.auditEntries).to.be.greaterThan(0);

    for (const [email, role] of [['ops@example.com', 'super_admin'], ['support@example.com', 'support_admin'], ['customer@example.com', 'customer'], ['free@example.com', 'customer']]) {
      const res = await request(app()).post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
      expect(res.status, email).to.equal(200);
      expect(res.body.user.role).to.equal(role);
    }
    const oldest = await User.min<Date, User>('createdAt');
    expect(Date.now() - new Date(oldest).getTime()).to.be.greaterThan(150 * 86_400_000);
    expect(await Analysis.count({ where: { status: 'completed' } })).to.equal(counts!.analyses);

    expect(await seedDemo()).to.equal(null);
    expect(await User.count()).to.equal(counts!.users);
  });

  it('gives the demo a month of searches that record what they find, for history, popular searches and the query reports', async () => {
    // seeded by the first test
    const rows = await db().query<{ query: string; result_count: number; created_at: Date; email: string; scope: string }>(
      `SELECT q.query, q.result_count, q.created_at, q.scope, u.email FROM search_queries q JOIN users u ON u.id = q.user_id ORDER BY q.created_at`,
      { type: QueryTypes.SELECT },
    );
    expect(rows.length).to.be.greaterThan(30);
    for (const r of rows) {
      expect(clock.now().getTime() - new Date(r.created_at).getTime(), r.query).to.be.within(HOUR, 30 * 24 * HOUR);
    }
    expect(rows.some((r) => r.result_count === 0), 'some found nothing').to.equal(true);
    expect(rows.filter((r) => r.result_count > 0).length, 'most found something').to.be.greaterThan(rows.length / 2);

    // a recorded count is what the same search finds now
    const casey = await signIn('customer@example.com', DEMO_PASSWORD);
    const recorded = rows.find((r) => r.email === 'customer@example.com' && r.query === 'cart total')!;
    const now = await casey.get('/api/search').query({ q: 'cart total' }).expect(200);
    expect(now.body.total).to.equal(recorded.result_count).and.to.be.greaterThan(0);
    const history = await casey.get('/api/search/history').expect(200);
    expect(history.body.map((h: { query: string }) => h.query)).to.include.members(['retry', 'invoice pdf', 'cart total']);
    // customers see queries that three people ran with results
    expect((await casey.get('/api/search/popular').expect(200)).body).to.not.be.empty;

    const ops = await signIn('ops@example.com', DEMO_PASSWORD);
    const report = await ops.get('/api/admin/search/queries').expect(200);
    expect(report.body.top).to.not.be.empty;
    expect(report.body.zeroResults.map((z: { query: string }) => z.query)).to.include('invoice pdf');
  });

  it('gives the console an audit trail of what staff did in the demo data, chained in time order, once', async () => {
    if ((await User.count()) === 0) await seedDemo();
    // Demo tickets past a target are seeded flagged, as the SLA sweep leaves them: its first run after a
    // start (a background job) changes nothing, so it cannot move a ticket away from its audit trail.
    expect(await escalateSlaBreaches()).to.deep.equal({ escalated: 0 });
    const q = <T extends object>(sql: string, replacements: unknown[] = []) => db().query<T>(sql, { replacements, type: QueryTypes.SELECT });
    const rows = await AuditLog.findAll({ order: [['seq', 'ASC']] });
    expect(rows.length).to.be.greaterThan(0);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['support_ticket.reply', 'support_ticket.note', 'support_ticket.assign', 'support_ticket.update', 'canned_response.create', 'user.suspended']) expect(actions, a).to.include(a);

    // Every actor is a staff account, named by its e-mail, with the request details real rows carry.
    const staff = new Map((await q<{ id: string; email: string }>(`SELECT u.id, u.email FROM admin_users a JOIN users u ON u.id = a.user_id`)).map((s) => [s.id, s.email]));
    for (const r of rows) {
      expect(staff.get(r.actorId!), `${r.action} ${r.targetId}`).to.equal(r.actorEmail);
      expect(r.ip).to.match(/^\d+\.\d+\.\d+\.\d+$/);
      expect(r.userAgent).to.match(/^Mozilla\/5\.0 /);
      expect(r.createdAt.getTime()).to.be.at.most(Date.now());
    }
    // Every target exists.
    const tables: Record<string, string> = { support_ticket: 'support_tickets', canned_response: 'canned_responses', user: 'users' };
    for (const r of rows) {
      expect(tables, r.targetType).to.have.property(r.targetType);
      const [found] = await q(`SELECT 1 FROM ${tables[r.targetType]} WHERE id = ?`, [r.targetId]);
      expect(found, `${r.action} ${r.targetId}`).to.exist;
    }

    // One reply or note per agent message, by its author, at its time, about its ticket.
    const agentMessages = await q<{ id: string; ticket_id: string; author_id: string; internal: boolean; created_at: Date }>(`SELECT id, ticket_id, author_id, internal, created_at FROM ticket_messages WHERE author_kind = 'agent'`);
    const messageRows = rows.filter((r) => r.action === 'support_ticket.reply' || r.action === 'support_ticket.note');
    expect(messageRows.length).to.equal(agentMessages.length);
    for (const r of messageRows) {
      const m = agentMessages.find((x) => x.id === (r.after as { messageId: string }).messageId)!;
      expect(m, r.id).to.exist;
      expect([r.targetId, r.actorId, r.action, r.createdAt.getTime()]).to.deep.equal([m.ticket_id, m.author_id, m.internal ? 'support_ticket.note' : 'support_ticket.reply', new Date(m.created_at).getTime()]);
      expect(r.after).to.deep.equal({ messageId: m.id, internal: m.internal });
    }
    // Assignments and status changes end where the ticket is now, set by its assignee.
    for (const r of rows.filter((x) => x.action === 'support_ticket.assign' || x.action === 'support_ticket.update')) {
      const [t] = await q<{ assignee_id: string; status: string; priority: string; updated_at: Date }>(`SELECT assignee_id, status, priority, updated_at FROM support_tickets WHERE id = ?`, [r.targetId]);
      expect(r.actorId).to.equal(t.assignee_id);
      if (r.action === 'support_ticket.assign') expect(r.after).to.deep.equal({ assigneeId: t.assignee_id });
      else {
        expect(r.after).to.deep.equal({ status: t.status, priority: t.priority });
        expect((r.before as { status: string }).status).to.not.equal(t.status);
        expect(r.createdAt.getTime()).to.equal(new Date(t.updated_at).getTime());
      }
    }
    // One suspension per suspended customer, when the account last changed.
    const suspended = await q<{ id: string; updated_at: Date }>(`SELECT id, updated_at FROM users WHERE status = 'suspended'`);
    const suspensions = rows.filter((r) => r.action === 'user.suspended');
    expect(suspensions.map((r) => [r.targetId, r.createdAt.getTime()]).sort()).to.deep.equal(suspended.map((u) => [u.id, new Date(u.updated_at).getTime()]).sort());
    expect(suspensions.every((r) => r.actorEmail === 'ops@example.com')).to.equal(true);
    for (const r of suspensions) {
      // nothing the account did comes after its suspension
      const [{ last }] = await q<{ last: Date }>(
        `SELECT greatest(u.last_active_at, (SELECT max(updated_at) FROM projects WHERE owner_id = u.id), (SELECT max(updated_at) FROM snippets WHERE owner_id = u.id),
                (SELECT max(updated_at) FROM analyses WHERE owner_id = u.id), (SELECT max(updated_at) FROM intakes WHERE owner_id = u.id)) AS last FROM users u WHERE u.id = ?`,
        [r.targetId],
      );
      expect(new Date(last).getTime()).to.equal(r.createdAt.getTime());
    }

    // The chain order is the time order, and the chain verifies.
    expect(rows.map((r) => r.createdAt.getTime())).to.deep.equal(rows.map((r) => r.createdAt.getTime()).sort((a, b) => a - b));
    expect(await verifyAuditChain()).to.deep.include({ intact: true, checkedRows: rows.length });

    // The console lists them.
    const ops = await signIn('ops@example.com', DEMO_PASSWORD);
    const listed = await ops.get('/api/admin/audit-log?_start=0&_end=5');
    expect(listed.status).to.equal(200);
    expect(Number(listed.headers['x-total-count'])).to.equal(rows.length);
    expect(listed.body[0].id).to.equal(rows[rows.length - 1].id);

    // Seeding again adds nothing.
    expect(await seedDemo()).to.equal(null);
    expect(await db().transaction((transaction) => seedDemoAudit(transaction))).to.equal(0);
    expect(await AuditLog.count()).to.equal(rows.length);
  });

  it('gives the Professional customer paid invoices for every ended period, as the calculators compute them, that month end never bills again', async () => {
    if ((await User.count()) === 0) await seedDemo();
    const casey = (await User.findOne({ where: { email: 'customer@example.com' } }))!;
    const subscription = (await Subscription.findOne({ where: { userId: casey.id } }))!;
    const tier = (await SubscriptionTier.findByPk(subscription.tierId))!;
    expect(tier.name).to.equal('professional');

    // The periods that ended since they joined (150 days ago: 4 or 5, with the calendar), and the upgrade on day one.
    const ended: Period[] = [];
    for (let p = periodContaining(subscription.anchorDay, subscription.createdAt); p.end <= subscription.currentPeriodStart; p = nextPeriod(subscription.anchorDay, p.end)) ended.push(p);
    expect(ended.length).to.be.within(4, 5);
    const invoices = await Invoice.findAll({ where: { subscriptionId: subscription.id }, order: [['createdAt', 'ASC']] });
    expect(invoices.map((i) => i.kind)).to.deep.equal(['proration', ...ended.map(() => 'regular')]);
    const regular = invoices.filter((i) => i.kind === 'regular');
    expect(regular.map((i) => [i.periodStart.toISOString(), i.periodEnd.toISOString()])).to.deep.equal(ended.map((p) => [p.start.toISOString(), p.end.toISOString()]));

    // Numbers from the invoice sequence, in date order, with the invoice's year.
    const seq = invoices.map((i) => {
      const m = /^INV-(\d{4})-(\d{6})$/.exec(i.number);
      expect(m, i.number).to.not.equal(null);
      expect(Number(m![1])).to.equal(i.createdAt.getUTCFullYear());
      return Number(m![2]);
    });
    expect(seq).to.deep.equal([...seq].sort((a, b) => a - b));
    expect(new Set(seq).size).to.equal(seq.length);

    const taxBasisPoints = await taxRateBasisPoints();
    const usage = await db().query<{ period_start: Date; used: number }>(
      `SELECT period_start, sum(quantity)::bigint AS used FROM usage_records WHERE subscription_id = ? AND metric = 'analyses_run' GROUP BY period_start`,
      { replacements: [subscription.id], type: QueryTypes.SELECT },
    );
    const usedIn = (start: Date) => Number(usage.find((u) => new Date(u.period_start).getTime() === start.getTime())?.used ?? 0);
    const free = (await SubscriptionTier.findOne({ where: { name: 'free' } }))!;
    let retried = 0;
    for (const invoice of invoices) {
      const items = await InvoiceItem.findAll({ where: { invoiceId: invoice.id } });
      const ofType = (t: string) => sum(items.filter((i) => i.itemType === t).map((i) => i.totalCents));
      let base: number;
      let overageCents = 0;
      if (invoice.kind === 'proration') {
        // Free → Professional minutes after joining: the unused days of the first period.
        const period = periodContaining(subscription.anchorDay, invoice.periodStart);
        expect(invoice.periodEnd.toISOString()).to.equal(period.end.toISOString());
        base = computeProration({ fromPriceCents: free.monthlyPriceCents, toPriceCents: tier.monthlyPriceCents, daysInPeriod: daysIn(period), daysRemaining: daysRemaining(period, invoice.periodStart) });
        expect(ofType('proration')).to.equal(base);
      } else {
        // The coming period's fee in advance, the ended period's analyses above 500 at 10¢.
        base = tier.monthlyPriceCents;
        overageCents = computeOverage({ used: usedIn(invoice.periodStart), limit: tier.maxAnalysesPerMonth, unitPriceCents: tier.overageAnalysisCents }).totalCents;
        expect(ofType('subscription')).to.equal(base);
        expect(ofType('overage')).to.equal(overageCents);
        const next = nextPeriod(subscription.anchorDay, invoice.periodEnd);
        const fee = items.find((i) => i.itemType === 'subscription')!;
        expect([fee.description, fee.periodStart?.toISOString(), fee.periodEnd?.toISOString()]).to.deep.equal(['Professional plan', next.start.toISOString(), next.end.toISOString()]);
      }
      const expected = computeInvoiceTotals({ baseCents: base, overageCents, creditBalanceCents: 0, taxBasisPoints, minimumChargeCents: MINIMUM_CHARGE_CENTS });
      expect(invoice, invoice.number).to.deep.include({ subtotalCents: expected.subtotalCents, taxCents: expected.taxCents, totalCents: expected.totalCents, overageChargesCents: overageCents, creditAppliedCents: 0, status: 'paid', nextAttemptAt: null });
      expect(sum(items.map((i) => i.totalCents)), invoice.number).to.equal(invoice.totalCents);
      expect(ofType('tax')).to.equal(expected.taxCents);

      // Paid by the demo card: a succeeded attempt for the total, backed by the local gateway's payment.
      const attempts = await PaymentAttempt.findAll({ where: { invoiceId: invoice.id }, order: [['createdAt', 'ASC']] });
      expect(attempts.length).to.equal(invoice.attemptCount);
      const paid = attempts[attempts.length - 1];
      expect(paid).to.deep.include({ status: 'succeeded', amountCents: invoice.totalCents, idempotencyKey: `invoice:${invoice.id}:attempt:${attempts.length}` });
      expect(attempts.slice(0, -1).every((a) => a.status === 'failed' && a.failureCode === 'card_declined')).to.equal(true);
      if (attempts.length > 1) retried += 1;
      expect(invoice.paidAt!.getTime()).to.be.greaterThan(paid.createdAt.getTime());
      expect(invoice.paidAt!.getTime()).to.be.lessThan(Date.now());
      const [payment] = await db().query<{ status: string; amount_cents: number }>(`SELECT status, amount_cents FROM local_gateway_payments WHERE id = ?`, { replacements: [paid.gatewayPaymentId], type: QueryTypes.SELECT });
      expect(payment).to.deep.equal({ status: 'succeeded', amount_cents: invoice.totalCents });
    }
    expect(retried).to.equal(1); // one earlier invoice was declined once and paid on the retry
    expect((await BillingAccount.findOne({ where: { userId: casey.id } }))!.creditBalanceCents).to.equal(0);

    const gateway = createPaymentGateway({ localStore: new SqlLocalGatewayStore() });
    // Put back on its first seeded period, month end rolls through every seeded period without a new invoice.
    const current = { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd };
    await subscription.update({ currentPeriodStart: ended[0].start, currentPeriodEnd: ended[0].end });
    const rerun = await runMonthEnd(gateway);
    expect(rerun).to.deep.include({ invoiced: 0, failed: 0 });
    expect(rerun.skipped).to.be.at.least(ended.length);
    await subscription.reload();
    expect([subscription.currentPeriodStart, subscription.currentPeriodEnd]).to.deep.equal([current.start, current.end]);
    expect(await Invoice.count({ where: { subscriptionId: subscription.id } })).to.equal(invoices.length);

    // When the current period ends, month end bills it, once, next in the number sequence, paid by the card.
    clock.set(new Date(current.end.getTime() + HOUR));
    expect(await runMonthEnd(gateway)).to.deep.include({ invoiced: 1, collected: 1, failed: 0 });
    const latest = (await Invoice.findOne({ where: { subscriptionId: subscription.id }, order: [['createdAt', 'DESC']] }))!;
    expect(latest).to.deep.include({ kind: 'regular', status: 'paid', totalCents: computeInvoiceTotals({ baseCents: tier.monthlyPriceCents, overageCents: computeOverage({ used: usedIn(current.start), limit: tier.maxAnalysesPerMonth, unitPriceCents: tier.overageAnalysisCents }).totalCents, creditBalanceCents: 0, taxBasisPoints, minimumChargeCents: MINIMUM_CHARGE_CENTS }).totalCents });
    expect(latest.periodStart.toISOString()).to.equal(current.start.toISOString());
    expect(Number(latest.number.slice(-6))).to.be.greaterThan(Math.max(...seq));
  });
});
