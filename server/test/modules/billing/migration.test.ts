import { expect } from 'chai';
import { db } from '../../../src/db/sequelize';
import { createMigrator, migrateUp } from '../../../src/db/migrator';
import { Invoice, Subscription, SubscriptionTier } from '../../../src/modules/billing/billing.models';
import { ensureSubscription } from '../../../src/modules/billing/subscription-lock';
import { resetDatabase } from '../../support/app';
import { makeUser } from '../../support/factories';

describe('billing: migration 0002', () => {
  before(resetDatabase);
  after(resetDatabase);

  it('goes down and up again, backfilling Free for users who had no plan', async () => {
    const migrator = createMigrator(db(), { quiet: true });
    try {
      await migrator.down({ to: '0002-billing.ts' });
      // Exists before billing. Plain SQL: model hooks of later modules (search) write to tables the down-migration removed.
      const [[user]] = (await db().query(`INSERT INTO users (name, email, password_hash) VALUES ('Before Billing', 'before-billing@example.com', 'x') RETURNING id`)) as [Array<{ id: string }>, unknown];
      await migrateUp(db(), { quiet: true });
      const [sub] = await Subscription.findAll({ where: { userId: user.id } });
      expect((await SubscriptionTier.findByPk(sub.tierId))!.name).to.equal('free');
      expect(sub.anchorDay).to.equal(sub.currentPeriodStart.getUTCDate()); // anchored on the day of the migration
      expect(sub.currentPeriodStart.getTime()).to.be.at.most(Date.now());
      expect(sub.currentPeriodEnd.getTime()).to.be.greaterThan(Date.now());
      const [[account]] = (await db().query(`SELECT count(*)::int AS n FROM billing_accounts WHERE user_id = ?`, { replacements: [user.id] })) as [Array<{ n: number }>, unknown];
      expect(account.n).to.equal(1);
    } finally {
      await migrateUp(db(), { quiet: true }); // the rest of the suite needs the schema whatever happened
    }
  });

  it('0004 (refunds, credit grants, churn, usage alerts) goes down and up again', async () => {
    const migrator = createMigrator(db(), { quiet: true });
    const columns = async () => (await db().query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'invoices' AND column_name = 'refunded_cents'`))[0].length;
    try {
      await migrator.down({ to: '0004-billing-admin.ts' });
      expect(await columns()).to.equal(0);
      const [[tables]] = (await db().query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('invoice_refunds', 'credit_grants', 'usage_alerts')`)) as [Array<{ n: number }>, unknown];
      expect(tables.n).to.equal(0);
    } finally {
      await migrateUp(db(), { quiet: true });
    }
    expect(await columns()).to.equal(1);
  });

  it('numbers invoices from a sequence: INV-YYYY-NNNNNN', async () => {
    const user = await makeUser();
    const sub = await db().transaction(async (t) => {
      await ensureSubscription(t, user.id);
      return (await Subscription.findOne({ where: { userId: user.id }, transaction: t }))!;
    });
    const a = await Invoice.create({ subscriptionId: sub.id, periodStart: sub.currentPeriodStart, periodEnd: sub.currentPeriodEnd });
    const b = await Invoice.create({ subscriptionId: sub.id, kind: 'proration', periodStart: sub.currentPeriodStart, periodEnd: sub.currentPeriodEnd });
    await a.reload();
    await b.reload();
    expect(a.number).to.match(/^INV-\d{4}-\d{6}$/);
    expect(Number(b.number.slice(-6))).to.equal(Number(a.number.slice(-6)) + 1);
    // one regular invoice per subscription and period
    let error: unknown;
    try {
      await Invoice.create({ subscriptionId: sub.id, periodStart: sub.currentPeriodStart, periodEnd: sub.currentPeriodEnd });
    } catch (e) {
      error = e;
    }
    expect((error as Error)?.name).to.equal('SequelizeUniqueConstraintError');
  });
});
