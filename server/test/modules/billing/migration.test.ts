import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
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

  it('0016 moves the periods month-end lines named in their text into the period columns, and back on the way down', async () => {
    const user = await makeUser();
    const sub = await db().transaction(async (t) => {
      await ensureSubscription(t, user.id);
      return (await Subscription.findOne({ where: { userId: user.id }, transaction: t }))!;
    });
    const regular = await Invoice.create({ subscriptionId: sub.id, periodStart: new Date('2026-09-27T00:00:00Z'), periodEnd: new Date('2026-10-27T00:00:00Z') });
    const upgrade = await Invoice.create({ subscriptionId: sub.id, kind: 'proration', periodStart: new Date('2026-06-27T10:00:00Z'), periodEnd: new Date('2026-07-27T00:00:00Z') });
    const migrator = createMigrator(db(), { quiet: true });
    const lines = async (columns = 'item_type, description, period_start, period_end') =>
      (await db().query<Record<string, string | Date | null>>(`SELECT ${columns} FROM invoice_items WHERE invoice_id IN (?) ORDER BY item_type`, {
        replacements: [[regular.id, upgrade.id]],
        type: QueryTypes.SELECT,
      })).map((l) => Object.values(l).map((v) => (v instanceof Date ? v.toISOString() : v)));
    const written = [
      ['overage', 'Analyses above the Professional limit of 500, 2026-09-27 – 2026-10-27: 20 × $0.10'],
      ['proration', 'Free → Professional: 29 of 30 days left ($99.00 × 29/30)'],
      ['subscription', 'Professional plan, 2026-10-27 – 2026-11-27'],
      ['tax', 'Tax'],
    ];
    try {
      await migrator.down({ to: '0016-invoice-line-periods.ts' });
      // As the code before 0016 wrote them.
      await db().query(
        `INSERT INTO invoice_items (invoice_id, description, quantity, unit_price_cents, total_cents, item_type) VALUES
           (:regular, 'Professional plan, 2026-10-27 – 2026-11-27', 1, 9900, 9900, 'subscription'),
           (:regular, 'Analyses above the Professional limit of 500, 2026-09-27 – 2026-10-27: 20 × $0.10', 20, 10, 200, 'overage'),
           (:regular, 'Tax', 1, 833, 833, 'tax'),
           (:upgrade, 'Free → Professional: 29 of 30 days left ($99.00 × 29/30)', 1, 9570, 9570, 'proration')`,
        { replacements: { regular: regular.id, upgrade: upgrade.id } },
      );
      await migrateUp(db(), { quiet: true });
      expect(await lines()).to.deep.equal([
        ['overage', 'Analyses above the Professional limit of 500: 20 × $0.10', '2026-09-27T00:00:00.000Z', '2026-10-27T00:00:00.000Z'],
        ['proration', 'Free → Professional: 29 of 30 days left ($99.00 × 29/30)', '2026-06-28T00:00:00.000Z', '2026-07-27T00:00:00.000Z'],
        ['subscription', 'Professional plan', '2026-10-27T00:00:00.000Z', '2026-11-27T00:00:00.000Z'],
        ['tax', 'Tax', null, null],
      ]);
      await migrator.down({ to: '0016-invoice-line-periods.ts' });
      const [[columns]] = (await db().query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'invoice_items' AND column_name LIKE 'period_%'`)) as [Array<{ n: number }>, unknown];
      expect(columns.n).to.equal(0);
      expect(await lines('item_type, description')).to.deep.equal(written);
    } finally {
      await migrateUp(db(), { quiet: true });
    }
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
