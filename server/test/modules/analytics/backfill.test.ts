import { expect } from 'chai';
import { db } from '../../../src/db/sequelize';
import { classifyMrrChange } from '../../../src/modules/analytics/calculators';
import { addDays, dayOf } from '../../../src/modules/analytics/days';
import { backfillAnalytics } from '../../../src/modules/analytics/services/backfill.service';
import { rollupMrr, rollupRange } from '../../../src/modules/analytics/services/rollup.service';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { resetAnalytics, rows, seedFixture } from './fixture';

const ROLLUPS = [
  'analytics_daily_users', 'analytics_daily_projects', 'analytics_monthly_user_activity', 'analytics_monthly_project_activity', 'analytics_mrr_daily', 'analytics_daily_mrr',
  'analytics_daily_platform', 'project_metrics', 'user_dashboard_metrics',
];
/** The tables the backfill builds anew and swaps in. */
const REBUILT = ['analytics_daily_users', 'analytics_daily_projects', 'analytics_mrr_daily', 'analytics_monthly_user_activity', 'analytics_monthly_project_activity'];
const ORDER: Record<string, string> = {
  analytics_daily_users: 'day, user_id',
  analytics_daily_projects: 'day, project_id, analysis_type',
  analytics_monthly_user_activity: 'month, user_id, tier',
  analytics_monthly_project_activity: 'month, project_id, analysis_type, user_id',
  analytics_mrr_daily: 'day, user_id',
  analytics_daily_mrr: 'day, tier',
  analytics_daily_platform: 'day, tier',
  project_metrics: 'project_id',
  user_dashboard_metrics: 'user_id',
};

/** Every rollup table's rows (timestamps of the refresh left out). */
async function snapshot() {
  const out: Record<string, unknown[]> = {};
  for (const table of ROLLUPS) {
    const all = await rows<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${ORDER[table]}`);
    out[table] = all.map(({ created_at: _c, updated_at: _u, ...r }) => r);
  }
  return out;
}

/** The keys, indexes and foreign keys of a table, as the catalog describes them (names included). */
async function schemaOf(table: string) {
  const indexes = await rows<{ name: string; def: string }>(`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = :table ORDER BY 1`, { table });
  const constraints = await rows<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = CAST(:table AS regclass) ORDER BY 1`,
    { table },
  );
  return { indexes, constraints };
}

describe('analytics backfill', () => {
  const today = dayOf(new Date());
  const firstDay = addDays(today, -12);
  let fixture: Awaited<ReturnType<typeof seedFixture>>;

  before(async function () {
    this.timeout(60_000);
    await resetDatabase();
    await resetAnalytics();
    fixture = await seedFixture({ firstDay, days: 10, count: 400, seed: 11 });
  });

  it('builds exactly the rollups the nightly path writes, and swaps in tables with the same keys, indexes and foreign keys', async function () {
    this.timeout(30_000);
    const schemaBefore = await Promise.all(REBUILT.map(schemaOf));
    await rollupRange(firstDay, today);
    const nightly = await snapshot();
    expect(nightly.analytics_daily_users.length).to.be.greaterThan(0);
    expect(nightly.analytics_mrr_daily.length).to.be.greaterThan(0);

    const result = await backfillAnalytics({ from: firstDay, to: today });
    expect(result.days).to.equal(12);
    expect(await snapshot()).to.deep.equal(nightly);
    expect(await Promise.all(REBUILT.map(schemaOf))).to.deep.equal(schemaBefore);
    const [leftover] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'analytics\\_%\\_rebuild'`);
    expect(leftover.n).to.equal(0);
  });

  it('keeps the rows outside its range, and rebuilds the days inside it from the events', async function () {
    this.timeout(30_000);
    const day = addDays(firstDay, 4);
    const userId = fixture.customers[1].user.id;
    // A figure the events do not support, inside the range, and one outside it
    await db().query(`UPDATE analytics_daily_users SET events = events + 1000 WHERE user_id = :userId AND day IN (:day, :outside)`, { replacements: { userId, day, outside: firstDay } });
    const [outsideBefore] = await rows<{ events: number }>(`SELECT events FROM analytics_daily_users WHERE user_id = :userId AND day = :day`, { userId, day: firstDay });
    await backfillAnalytics({ from: addDays(firstDay, 1), to: today });
    const [inside] = await rows<{ events: number }>(`SELECT events FROM analytics_daily_users WHERE user_id = :userId AND day = :day`, { userId, day });
    const direct = fixture.events.filter((e) => e.userId === userId && dayOf(e.occurredAt) === day).length;
    if (direct) expect(inside.events).to.equal(direct);
    else expect(inside).to.equal(undefined);
    const [outside] = await rows<{ events: number }>(`SELECT events FROM analytics_daily_users WHERE user_id = :userId AND day = :day`, { userId, day: firstDay });
    expect(outside.events).to.equal(outsideBefore.events);
    await rollupRange(firstDay, today);
  });

  it('a deleted customer\'s rows go with them after a backfill too (the foreign keys cascade)', async () => {
    const userId = fixture.customers[0].user.id;
    const [had] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_daily_users WHERE user_id = :userId`, { userId });
    expect(had.n).to.be.greaterThan(0);
    await db().query(`DELETE FROM users WHERE id = :userId`, { replacements: { userId } });
    for (const table of REBUILT) {
      const [left] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = :userId`, { userId });
      expect(left.n, table).to.equal(0);
    }
  });

  it('refuses a second backfill while one runs', async function () {
    this.timeout(30_000);
    const results = await Promise.allSettled([backfillAnalytics({ from: firstDay, to: today }), backfillAnalytics({ from: firstDay, to: today })]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    expect(String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).to.match(/Another analytics backfill is running/);
  });
});

describe('analytics MRR movements (set-based) against a direct computation', () => {
  it('classifies every customer-day change, gaps and tier moves included, as calculators.ts does', async () => {
    await resetDatabase();
    await resetAnalytics();
    const start = '2026-03-01';
    const days = 8;
    // Per customer, MRR per day (0 = no snapshot row) and the tier of each day.
    const history: Array<Array<[string, number]>> = [
      [['professional', 9900], ['professional', 9900], ['enterprise', 49900], ['enterprise', 49900], ['professional', 9900], ['professional', 9900], ['professional', 9900], ['professional', 9900]],
      [['free', 0], ['professional', 9900], ['professional', 9900], ['free', 0], ['free', 0], ['professional', 9900], ['professional', 4900], ['free', 0]],
      [['enterprise', 49900], ['enterprise', 49900], ['enterprise', 49900], ['enterprise', 49900], ['enterprise', 49900], ['enterprise', 49900], ['enterprise', 49900], ['enterprise', 49900]],
      [['free', 0], ['free', 0], ['free', 0], ['free', 0], ['free', 0], ['free', 0], ['free', 0], ['enterprise', 49900]],
    ];
    const users = [];
    for (let i = 0; i < history.length; i++) users.push(await makeUser({ email: `mrr${i}@analytics.test` }));
    for (let u = 0; u < history.length; u++) {
      for (let d = 0; d < days; d++) {
        const [tier, cents] = history[u][d];
        if (cents > 0) await db().query(`INSERT INTO analytics_mrr_daily (day, user_id, tier, mrr_cents) VALUES (:day, :userId, :tier, :cents)`, { replacements: { day: addDays(start, d), userId: users[u].id, tier, cents } });
      }
    }
    // Roll up days 1..7 (day 0 is the day before the range: the start balance).
    await db().transaction((t) => rollupMrr(t, addDays(start, 1), addDays(start, days)));

    for (let d = 1; d < days; d++) {
      const day = addDays(start, d);
      const expected: Record<string, { new_cents: number; expansion_cents: number; contraction_cents: number; churned_cents: number; mrr_cents: number }> = {};
      const add = (tier: string, prev: number, cur: number) => {
        const e = (expected[tier] ??= { new_cents: 0, expansion_cents: 0, contraction_cents: 0, churned_cents: 0, mrr_cents: 0 });
        const m = classifyMrrChange(prev, cur);
        e.new_cents += m.newCents;
        e.expansion_cents += m.expansionCents;
        e.contraction_cents += m.contractionCents;
        e.churned_cents += m.churnedCents;
      };
      for (const h of history) {
        const [ptier, prev] = h[d - 1];
        const [ctier, cur] = h[d];
        add('*', prev, cur);
        // per tier only MRR in that tier counts: a move between tiers leaves one and arrives in the other
        if (prev > 0) add(ptier, prev, ctier === ptier ? cur : 0);
        if (cur > 0 && ctier !== ptier) add(ctier, 0, cur);
        if (cur > 0) {
          (expected['*'] ??= { new_cents: 0, expansion_cents: 0, contraction_cents: 0, churned_cents: 0, mrr_cents: 0 }).mrr_cents += cur;
          (expected[ctier] ??= { new_cents: 0, expansion_cents: 0, contraction_cents: 0, churned_cents: 0, mrr_cents: 0 }).mrr_cents += cur;
        }
      }
      const got = await rows<{ tier: string; new_cents: string; expansion_cents: string; contraction_cents: string; churned_cents: string; mrr_cents: string }>(
        `SELECT tier, new_cents, expansion_cents, contraction_cents, churned_cents, mrr_cents FROM analytics_daily_mrr WHERE day = :day`,
        { day },
      );
      for (const [tier, e] of Object.entries(expected)) {
        const g = got.find((r) => r.tier === tier);
        const actual = g ? { new_cents: Number(g.new_cents), expansion_cents: Number(g.expansion_cents), contraction_cents: Number(g.contraction_cents), churned_cents: Number(g.churned_cents), mrr_cents: Number(g.mrr_cents) } : undefined;
        expect(actual, `${day} ${tier}`).to.deep.equal(e);
      }
    }
  });
});

describe('admin report cache', () => {
  it('serves a report from the rollups of its version: a rollup run shows new figures, a direct edit waits for it', async function () {
    this.timeout(30_000);
    await resetDatabase();
    await resetAnalytics();
    const today = dayOf(new Date());
    const from = addDays(today, -5);
    await makeUser({ email: 'analyst@analytics.test', role: 'analytics_admin' });
    const analyst = await signIn('analyst@analytics.test');
    await rollupRange(from, today);
    const signups = async () => (await analyst.get('/api/admin/analytics/users').query({ from, to: addDays(today, -1) })).body.kpis.signups as number;
    const first = await signups();
    // an edit that no rollup made: the cached report does not see it…
    await db().query(`UPDATE analytics_daily_platform SET signups = signups + 5 WHERE day = :day AND tier = 'free'`, { replacements: { day: from } });
    expect(await signups()).to.equal(first);
    // …a rollup run moves the version on (and rewrites the rows from the source of truth)
    await makeUser({ email: 'new-customer@analytics.test' });
    await db().query(`UPDATE users SET created_at = :at WHERE email = 'new-customer@analytics.test'`, { replacements: { at: `${from}T08:00:00Z` } });
    await rollupRange(from, today);
    expect(await signups()).to.equal(first + 1);
  });
});
