import { expect } from 'chai';
import { clock } from '../../../src/lib/clock';
import { db } from '../../../src/db/sequelize';
import { SubscriptionTier } from '../../../src/modules/billing/billing.models';
import { classifyMrrChange } from '../../../src/modules/analytics/calculators';
import { addDays, dayOf } from '../../../src/modules/analytics/days';
import { runDailyRollup } from '../../../src/modules/analytics/services/rollup.service';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { makeSubscription } from '../../support/billing-factories';
import { resetAnalytics } from './fixture';

describe('MRR movements', () => {
  describe('classifyMrrChange', () => {
    it('classifies each kind of change between two days', () => {
      expect(classifyMrrChange(0, 9_900)).to.deep.equal({ newCents: 9_900, expansionCents: 0, contractionCents: 0, churnedCents: 0 });
      expect(classifyMrrChange(9_900, 49_900)).to.deep.equal({ newCents: 0, expansionCents: 40_000, contractionCents: 0, churnedCents: 0 });
      expect(classifyMrrChange(49_900, 9_900)).to.deep.equal({ newCents: 0, expansionCents: 0, contractionCents: 40_000, churnedCents: 0 });
      expect(classifyMrrChange(9_900, 0)).to.deep.equal({ newCents: 0, expansionCents: 0, contractionCents: 0, churnedCents: 9_900 });
      expect(classifyMrrChange(9_900, 9_900)).to.deep.equal({ newCents: 0, expansionCents: 0, contractionCents: 0, churnedCents: 0 });
    });
  });

  describe('GET /api/admin/analytics/revenue on a hand-made history', () => {
    // Day 0 (the day before the range): A Professional 9,900, B Professional 9,900, C Enterprise 49,900, D Free 0
    //   start MRR = 9,900 + 9,900 + 49,900 = 69,700
    // Day 1: D upgrades Free → Professional          new          +9,900
    // Day 2: A upgrades Professional → Enterprise    expansion   +40,000 (49,900 − 9,900)
    // Day 3: C moves Enterprise → Professional       contraction −40,000 (49,900 − 9,900)
    // Day 4: B cancels, back on Free                  churned      −9,900
    //   end MRR = 69,700 + 9,900 + 40,000 − 40,000 − 9,900 = 69,700  (A 49,900 + C 9,900 + D 9,900)
    const base = addDays(dayOf(new Date()), -20);
    const day = (n: number) => addDays(base, n);
    let analyst: Awaited<ReturnType<typeof signIn>>;

    before(async function () {
      this.timeout(60_000);
      await resetDatabase();
      await resetAnalytics();
      const tiers = Object.fromEntries((await SubscriptionTier.findAll()).map((t) => [t.name, t.id]));
      const subs: Record<string, Awaited<ReturnType<typeof makeSubscription>>> = {};
      for (const [name, tier] of [['a', 'professional'], ['b', 'professional'], ['c', 'enterprise'], ['d', 'free']] as const) {
        const u = await makeUser({ email: `${name}@mrr.test` });
        subs[name] = await makeSubscription(u.id, { tier });
      }
      // The subscriptions exist since before the history starts.
      await db().query(`UPDATE subscriptions SET created_at = :at`, { replacements: { at: `${day(-5)}T00:00:00Z` } });
      // The nightly job runs just after midnight and snapshots the day that ended.
      const nightAfter = async (n: number) => {
        clock.set(new Date(`${day(n + 1)}T00:10:00Z`));
        await runDailyRollup();
      };
      await nightAfter(0);
      await subs.d.update({ tierId: tiers.professional });
      await nightAfter(1);
      await subs.a.update({ tierId: tiers.enterprise });
      await nightAfter(2);
      await subs.c.update({ tierId: tiers.professional });
      await nightAfter(3);
      await subs.b.update({ tierId: tiers.free });
      await nightAfter(4);
      clock.reset();
      await makeUser({ email: 'analyst@mrr.test', role: 'analytics_admin' });
      analyst = await signIn('analyst@mrr.test');
    });

    it('reports start and end balances with new, expansion, contraction and churned MRR', async () => {
      const res = await analyst.get('/api/admin/analytics/revenue').query({ from: day(1), to: day(4) });
      expect(res.status).to.equal(200);
      expect(res.body.kpis).to.include({
        mrrStartCents: 69_700,
        newMrrCents: 9_900,
        expansionMrrCents: 40_000,
        contractionMrrCents: 40_000,
        churnedMrrCents: 9_900,
        netNewMrrCents: 0,
        mrrEndCents: 69_700,
        payingCustomers: 3,
        arpuCents: 23_233, // 69,700 / 3 = 23,233.33 → 23,233
        newCustomers: 1,
        churnedCustomers: 1,
      });
      const byDay = Object.fromEntries(res.body.series.map((d: { day: string }) => [d.day, d]));
      expect(byDay[day(1)]).to.include({ newCents: 9_900, mrrCents: 79_600 });
      expect(byDay[day(2)]).to.include({ expansionCents: 40_000, mrrCents: 119_600 });
      expect(byDay[day(3)]).to.include({ contractionCents: 40_000, mrrCents: 79_600 });
      expect(byDay[day(4)]).to.include({ churnedCents: 9_900, mrrCents: 69_700 });
      expect(res.body.subscriptionMix).to.deep.equal([
        { tier: 'free', subscribers: 1, mrrCents: 0 },
        { tier: 'professional', subscribers: 2, mrrCents: 19_800 },
        { tier: 'enterprise', subscribers: 1, mrrCents: 49_900 },
      ]);
    });

    it('with a tier filter, moving out of the tier is churn from it and moving in is new', async () => {
      // Professional only: start A 9,900 + B 9,900 = 19,800; day 1 D in (+9,900 new); day 2 A out (−9,900 churned);
      // day 3 C in (+9,900 new); day 4 B to Free (−9,900 churned); end C 9,900 + D 9,900 = 19,800.
      const res = await analyst.get('/api/admin/analytics/revenue').query({ from: day(1), to: day(4), tier: 'professional' });
      expect(res.body.kpis).to.include({ mrrStartCents: 19_800, newMrrCents: 19_800, expansionMrrCents: 0, contractionMrrCents: 0, churnedMrrCents: 19_800, mrrEndCents: 19_800 });
    });

    it('compare=previous reports the period of equal length before, and the change', async () => {
      // Days 3..4 against days 1..2. Previous: start 69,700 (day 0), +9,900 new, +40,000 expansion → end 119,600.
      // Current: start 119,600, −40,000 contraction, −9,900 churned → end 69,700.
      const res = await analyst.get('/api/admin/analytics/revenue').query({ from: day(3), to: day(4), compare: 'previous' });
      expect(res.body.previous.range).to.deep.equal({ from: day(1), to: day(2) });
      expect(res.body.previous.kpis).to.include({ mrrStartCents: 69_700, newMrrCents: 9_900, expansionMrrCents: 40_000, contractionMrrCents: 0, churnedMrrCents: 0, mrrEndCents: 119_600 });
      expect(res.body.kpis).to.include({ mrrStartCents: 119_600, newMrrCents: 0, expansionMrrCents: 0, contractionMrrCents: 40_000, churnedMrrCents: 9_900, mrrEndCents: 69_700 });
      expect(res.body.changes.mrrEndCents).to.equal(-41.7); // (69,700 − 119,600) / 119,600 = −41.72 %
      expect(res.body.changes.newMrrCents).to.equal(-100);
    });

    it('exports the daily series as CSV', async () => {
      const res = await analyst.get('/api/admin/analytics/revenue/export').query({ from: day(1), to: day(4) }).buffer(true).parse((r, cb) => {
        let s = '';
        r.on('data', (c: Buffer) => (s += c.toString()));
        r.on('end', () => cb(null, s));
      });
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.match(/text\/csv/);
      const lines = (res.body as string).trim().split('\n');
      expect(lines[0]).to.equal('period,day,mrrCents,newCents,expansionCents,contractionCents,churnedCents,invoicedCents,paidCents');
      expect(lines[2]).to.equal(`current,${day(2)},119600,0,40000,0,0,0,0`);
      expect(lines).to.have.length(5);
    });
  });
});
