import { expect } from 'chai';
import { clock } from '../../../src/lib/clock';
import { addDays, dayOf } from '../../../src/modules/analytics/days';
import { rollupRange, runDailyRollup } from '../../../src/modules/analytics/services/rollup.service';
import { track } from '../../../src/modules/analytics/track';
import { backfillAnalytics } from '../../../src/modules/analytics/services/backfill.service';
import { resetDatabase } from '../../support/app';
import { resetAnalytics, rows, seedFixture, type FixtureEvent } from './fixture';

/** The direct computation the rollups must equal: per user and day, straight from the fixture's events. */
function expectedUserDays(events: FixtureEvent[], customerIds: Set<string>) {
  const out = new Map<string, { events: number; logins: number; analyses_run: number; analyses_completed: number; bugs_found: number; quality_score_sum: number; page_views: number; exports: number }>();
  for (const e of events) {
    if (!customerIds.has(e.userId)) continue;
    const key = `${dayOf(e.occurredAt)}|${e.userId}`;
    const r = out.get(key) ?? { events: 0, logins: 0, analyses_run: 0, analyses_completed: 0, bugs_found: 0, quality_score_sum: 0, page_views: 0, exports: 0 };
    r.events++;
    if (e.type === 'login') r.logins++;
    if (e.type === 'analysis_run') r.analyses_run++;
    if (e.type === 'analysis_completed') {
      r.analyses_completed++;
      r.bugs_found += e.properties.bugsFound as number;
      r.quality_score_sum += e.properties.qualityScore as number;
    }
    if (e.type === 'page_view') r.page_views++;
    if (e.type === 'export_download') r.exports++;
    out.set(key, r);
  }
  return out;
}

describe('analytics rollups', () => {
  const today = dayOf(new Date());
  const firstDay = addDays(today, -12);
  let fixture: Awaited<ReturnType<typeof seedFixture>>;
  let customerIds: Set<string>;

  before(async function () {
    this.timeout(60_000);
    await resetDatabase();
    await resetAnalytics();
    fixture = await seedFixture({ firstDay, days: 10, count: 600 });
    customerIds = new Set(fixture.customers.map((c) => c.user.id));
    await rollupRange(firstDay, addDays(firstDay, 10));
  });

  it('per customer and day equal a direct computation over the raw events (staff left out)', async () => {
    const expected = expectedUserDays(fixture.events, customerIds);
    const got = await rows<{ day: string; user_id: string; events: number; logins: number; analyses_run: number; analyses_completed: number; bugs_found: number; quality_score_sum: number; page_views: number; exports: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, user_id, events, logins, analyses_run, analyses_completed, bugs_found, quality_score_sum, page_views, exports FROM analytics_daily_users`,
    );
    expect(got.length).to.equal(expected.size);
    expect(got.some((r) => r.user_id === fixture.staff.id)).to.equal(false);
    for (const r of got) {
      const { day, user_id, ...counts } = r;
      expect({ ...counts, quality_score_sum: Number(counts.quality_score_sum) }, `${day} ${user_id}`).to.deep.equal(expected.get(`${day}|${user_id}`));
    }
    // the whole fixture, in one number: 600 customer events, nothing lost or double counted
    const [total] = await rows<{ n: number }>(`SELECT sum(events)::int AS n FROM analytics_daily_users`);
    expect(total.n).to.equal(600);
  });

  it('per project equal the analyses of the raw events, and ProjectMetrics their all-time totals', async () => {
    for (const c of fixture.customers) {
      for (const p of c.projects) {
        const mine = fixture.events.filter((e) => e.projectId === p.id);
        const done = mine.filter((e) => e.type === 'analysis_completed');
        const [m] = await rows<{ total_analyses: number; total_bugs_found: number; avg_quality_score: number }>(`SELECT total_analyses, total_bugs_found, avg_quality_score FROM project_metrics WHERE project_id = :id`, { id: p.id });
        expect(m.total_analyses, p.name).to.equal(mine.filter((e) => e.type === 'analysis_run').length);
        expect(m.total_bugs_found, p.name).to.equal(done.reduce((s, e) => s + (e.properties.bugsFound as number), 0));
        const avgQ = done.length ? done.reduce((s, e) => s + (e.properties.qualityScore as number), 0) / done.length : 0;
        expect(m.avg_quality_score, p.name).to.be.closeTo(avgQ, 1e-9);
      }
    }
  });

  it('UserDashboardMetrics: projects from their state, analyses and AI interactions from the events', async () => {
    for (const c of fixture.customers) {
      const [m] = await rows<{ total_projects: number; total_analyses: number; ai_interactions: number; active_projects: number }>(`SELECT * FROM user_dashboard_metrics WHERE user_id = :id`, { id: c.user.id });
      const mine = fixture.events.filter((e) => e.userId === c.user.id);
      expect(m.total_projects).to.equal(2);
      expect(m.active_projects).to.equal(2);
      expect(m.total_analyses).to.equal(mine.filter((e) => e.type === 'analysis_run').length);
      expect(m.ai_interactions).to.equal(mine.filter((e) => e.type === 'analysis_completed').length);
    }
  });

  it('platform rows per day and tier: active customers and analyses equal the raw events', async () => {
    const got = await rows<{ day: string; tier: string; active_users: number; analyses_run: number }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, tier, active_users, analyses_run FROM analytics_daily_platform`);
    expect(got.length).to.equal(10 * 3); // every day × every tier, zeros included
    for (const r of got) {
      const c = fixture.customers.find((x) => x.tier === r.tier)!;
      const mine = fixture.events.filter((e) => e.userId === c.user.id && dayOf(e.occurredAt) === r.day);
      expect(r.active_users, `${r.day} ${r.tier}`).to.equal(mine.length ? 1 : 0);
      expect(r.analyses_run, `${r.day} ${r.tier}`).to.equal(mine.filter((e) => e.type === 'analysis_run').length);
    }
  });

  it('re-running the rollup changes nothing (idempotent)', async () => {
    const before = await rows(`SELECT * FROM analytics_daily_users ORDER BY day, user_id`);
    await rollupRange(firstDay, addDays(firstDay, 10));
    expect(await rows(`SELECT * FROM analytics_daily_users ORDER BY day, user_id`)).to.deep.equal(before);
  });

  it('events for a month without a partition land in the default one and the backfill gives them their own', async function () {
    this.timeout(30_000);
    const old = new Date(Date.UTC(new Date().getUTCFullYear() - 3, 4, 15, 10));
    const userId = fixture.customers[0].user.id;
    await track({ type: 'login', userId, occurredAt: old });
    const [inDefault] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_events_default`);
    expect(inDefault.n).to.equal(1);
    const result = await backfillAnalytics({ from: dayOf(old), to: addDays(dayOf(old), 1) });
    expect(result.partitionsCreated).to.include(dayOf(old).slice(0, 7));
    const [after] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_events_default`);
    expect(after.n).to.equal(0);
    const [rolled] = await rows<{ logins: number }>(`SELECT logins FROM analytics_daily_users WHERE day = :day AND user_id = :userId`, { day: dayOf(old), userId });
    expect(rolled.logins).to.equal(1);
  });

  it('the nightly job rolls up yesterday and snapshots its MRR', async () => {
    clock.set(new Date(`${addDays(firstDay, 10)}T00:10:00Z`));
    const result = await runDailyRollup();
    expect(result.to).to.equal(addDays(firstDay, 10));
    // paying customers only: the Free customer has no MRR row
    const snap = await rows<{ tier: string; mrr_cents: number; reconstructed: boolean }>(`SELECT tier, mrr_cents, reconstructed FROM analytics_mrr_daily WHERE day = :day ORDER BY mrr_cents`, { day: addDays(firstDay, 9) });
    expect(snap.map((s) => [s.tier, Number(s.mrr_cents), s.reconstructed])).to.deep.equal([['professional', 9900, false], ['enterprise', 49900, false]]);
    const [all] = await rows<{ mrr_cents: number; paying: number; subscribers: number }>(`SELECT mrr_cents, paying, subscribers FROM analytics_daily_mrr WHERE day = :day AND tier = '*'`, { day: addDays(firstDay, 9) });
    expect({ ...all, mrr_cents: Number(all.mrr_cents) }).to.deep.equal({ mrr_cents: 59_800, paying: 2, subscribers: 3 });
  });
});
