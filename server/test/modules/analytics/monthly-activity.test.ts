import { expect } from 'chai';
import { db } from '../../../src/db/sequelize';
import { maskIn, periodPieces } from '../../../src/modules/analytics/day-masks';
import { addDays, dayOf, nextMonth } from '../../../src/modules/analytics/days';
import { backfillAnalytics } from '../../../src/modules/analytics/services/backfill.service';
import { rollupRange } from '../../../src/modules/analytics/services/rollup.service';
import { percent, ratio } from '../../../src/modules/analytics/services/admin-report';
import { track, type AnalyticsEventType } from '../../../src/modules/analytics/track';
import { resetDatabase, signIn } from '../../support/app';
import { makeProject, makeUser } from '../../support/factories';
import { makeSubscription } from '../../support/billing-factories';
import { lcg, resetAnalytics, rows } from './fixture';

interface UserDay {
  day: string;
  user_id: string;
  tier: string;
  events: number;
  analyses_run: number;
  projects_created: number;
  snippets_created: number;
  exports: number;
  searches: number;
  tickets_created: number;
  feature_uses: number;
}
interface ProjectDay {
  day: string;
  project_id: string;
  user_id: string;
  analysis_type: string;
  analyses_run: number;
  analyses_completed: number;
  bugs_found: number;
  quality_score_sum: string;
  confidence_sum: number;
}
type Range = { from: string; to: string };

const FEATURES: Array<[string, keyof UserDay]> = [
  ['projects', 'projects_created'], ['snippets', 'snippets_created'], ['analyses', 'analyses_run'], ['exports', 'exports'],
  ['search', 'searches'], ['support', 'tickets_created'], ['ui_features', 'feature_uses'],
];
const TYPES: AnalyticsEventType[] = ['login', 'project_created', 'snippet_created', 'analysis_run', 'analysis_completed', 'export_download', 'search', 'ticket_created', 'page_view', 'feature_used'];
const inRange = (r: Range, day: string) => day >= r.from && day <= r.to;
const dom = (day: string) => Number(day.slice(8, 10));

describe('day masks', () => {
  it('sets bit d − 1 for each day d of the range inside the month', () => {
    expect(maskIn('2026-02-01', { from: '2026-01-30', to: '2026-02-03' })).to.equal(0b111);
    expect(maskIn('2026-01-01', { from: '2026-01-30', to: '2026-02-03' })).to.equal(2 ** 29 + 2 ** 30); // the 30th and 31st
    expect(maskIn('2026-03-01', { from: '2026-01-30', to: '2026-02-03' })).to.equal(0);
    expect(maskIn('2026-01-01', { from: '2025-12-01', to: '2026-02-01' })).to.equal(2 ** 31 - 1);
  });

  it('cuts a range into pieces per ISO week and month (a week across two months is two pieces)', () => {
    // 2026-01-26 is a Monday; its week runs to Sunday 2026-02-01
    expect(periodPieces({ from: '2026-01-28', to: '2026-02-03' }, 'week')).to.deep.equal([
      { month: '2026-01-01', period: '2026-01-26', mask: 2 ** 27 + 2 ** 28 + 2 ** 29 + 2 ** 30 },
      { month: '2026-02-01', period: '2026-01-26', mask: 1 },
      { month: '2026-02-01', period: '2026-02-02', mask: 0b110 },
    ]);
    expect(periodPieces({ from: '2026-01-28', to: '2026-02-03' }, 'month').map((p) => p.period)).to.deep.equal(['2026-01-01', '2026-02-01']);
  });
});

/**
 * The monthly activity rows against the day rows they fold, and every admin figure that reads them
 * against a direct computation over the day rows, on a history of two to three months in which a
 * customer changes tier mid-month (so one month has two rows for them).
 */
describe('analytics monthly activity', () => {
  const today = dayOf(new Date());
  const firstDay = addDays(today, -70);
  const lastDay = addDays(today, -11);
  let analyst: Awaited<ReturnType<typeof signIn>>;
  let userDays: UserDay[];
  let projectDays: ProjectDay[];
  let tierNow: Map<string, string>;
  let emails: Map<string, string>;
  let signedUp: Map<string, string>;
  let projectsById: Map<string, { name: string; owner: string }>;

  before(async function () {
    this.timeout(120_000);
    await resetDatabase();
    await resetAnalytics();
    const rnd = lcg(23);
    const tiers = ['free', 'free', 'professional', 'professional', 'enterprise', 'free', 'professional', 'enterprise'] as const;
    const customers = [];
    for (let i = 0; i < tiers.length; i++) {
      // signups spread over the history, for the retention cohorts
      const user = await makeUser({ email: `c${i}@monthly.test`, createdAt: new Date(`${addDays(firstDay, i * 6)}T08:00:00Z`) });
      await makeSubscription(user.id, { tier: tiers[i] });
      customers.push({ user, projects: [await makeProject(user.id, { name: `p${i}a` }), await makeProject(user.id, { name: `p${i % 3}b` })] });
    }
    await makeUser({ email: 'analyst@monthly.test', role: 'analytics_admin' });
    analyst = await signIn('analyst@monthly.test');
    const days = 60;
    for (let i = 0; i < 900; i++) {
      const c = customers[Math.floor(rnd() * customers.length)];
      // customers are quiet on some days, so months have gaps
      const day = addDays(firstDay, Math.floor(rnd() * rnd() * days));
      const type = TYPES[Math.floor(rnd() * TYPES.length)];
      const project = c.projects[Math.floor(rnd() * 2)];
      const analysisType = ['security', 'quality', 'bugs'][Math.floor(rnd() * 3)];
      const properties = type === 'analysis_completed' ? { analysisType, qualityScore: Math.floor(rnd() * 101), bugsFound: Math.floor(rnd() * 6), confidence: Math.round(rnd() * 1000) / 1000 } : type === 'analysis_run' ? { analysisType } : {};
      const projectId = ['project_created', 'snippet_created', 'analysis_run', 'analysis_completed'].includes(type) ? project.id : null;
      await track({ type, userId: c.user.id, projectId, properties, occurredAt: new Date(Date.parse(`${day}T00:00:00Z`) + Math.floor(rnd() * 86_400_000)) });
    }
    await rollupRange(firstDay, addDays(lastDay, 1));
    // Customer 0 upgrades; the nightly job then records the later days at the new tier (mid-month, in
    // some month of the history), and the Professional customer 2 downgrades to Free for the rest.
    await db().query(`UPDATE subscriptions SET tier_id = (SELECT id FROM subscription_tiers WHERE name = 'professional') WHERE user_id = :id`, { replacements: { id: customers[0].user.id } });
    await db().query(`UPDATE subscriptions SET tier_id = (SELECT id FROM subscription_tiers WHERE name = 'free') WHERE user_id = :id`, { replacements: { id: customers[2].user.id } });
    await rollupRange(addDays(firstDay, 33), addDays(lastDay, 1));

    userDays = await rows<UserDay>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, user_id, tier, events, analyses_run, projects_created, snippets_created, exports, searches, tickets_created, feature_uses FROM analytics_daily_users`);
    projectDays = await rows<ProjectDay>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, project_id, user_id, analysis_type, analyses_run, analyses_completed, bugs_found, quality_score_sum, confidence_sum FROM analytics_daily_projects`);
    tierNow = new Map((await rows<{ user_id: string; tier: string }>(`SELECT s.user_id, t.name AS tier FROM subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id WHERE s.status <> 'cancelled'`)).map((r) => [r.user_id, r.tier]));
    const users = await rows<{ id: string; email: string; signed_up: string }>(`SELECT id, email, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS signed_up FROM users`);
    emails = new Map(users.map((u) => [u.id, u.email]));
    signedUp = new Map(users.filter((u) => u.email.endsWith('@monthly.test') && u.email.startsWith('c')).map((u) => [u.id, u.signed_up]));
    projectsById = new Map((await rows<{ id: string; name: string; owner_id: string }>(`SELECT id, name, owner_id FROM projects`)).map((p) => [p.id, { name: p.name, owner: p.owner_id }]));
  });

  /** The customer rows against the customer-days they fold. */
  async function checkUserMonths(opts: { tierChange: boolean }) {
    const userDays = await rows<UserDay>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, user_id, tier, events, analyses_run, projects_created, snippets_created, exports, searches, tickets_created, feature_uses FROM analytics_daily_users`);
    const expected = new Map<string, { active_days: number; features: Record<string, number>; events_running: number[]; analyses_running: number[] }>();
    for (const d of [...userDays].sort((a, b) => a.day.localeCompare(b.day))) {
      const key = `${d.day.slice(0, 7)}-01|${d.user_id}|${d.tier}`;
      const e = expected.get(key) ?? { active_days: 0, features: Object.fromEntries(FEATURES.map(([f]) => [f, 0])), events_running: [], analyses_running: [] };
      const bit = 2 ** (dom(d.day) - 1);
      e.active_days += bit;
      for (const [f, column] of FEATURES) if (Number(d[column]) > 0) e.features[f] += bit;
      e.events_running.push((e.events_running.at(-1) ?? 0) + d.events);
      e.analyses_running.push((e.analyses_running.at(-1) ?? 0) + d.analyses_run);
      expected.set(key, e);
    }
    const got = await rows<Record<string, unknown>>(`SELECT to_char(month, 'YYYY-MM-DD') AS month, * FROM analytics_monthly_user_activity`);
    expect(got.length).to.equal(expected.size);
    // the upgraded customer has two rows in the month of the change
    if (opts.tierChange) expect(new Set(got.map((r) => `${r.month}|${r.user_id}`)).size).to.be.lessThan(got.length);
    for (const r of got) {
      const e = expected.get(`${r.month}|${r.user_id}|${r.tier}`)!;
      expect(e, `${r.month} ${r.user_id} ${r.tier}`).to.not.equal(undefined);
      expect({
        active_days: r.active_days, events_running: r.events_running, analyses_running: r.analyses_running,
        features: { projects: r.project_days, snippets: r.snippet_days, analyses: r.analysis_days, exports: r.export_days, search: r.search_days, support: r.ticket_days, ui_features: r.feature_days },
      }).to.deep.equal(e);
    }
  }

  /** The project rows against the project-days they fold. */
  async function checkProjectMonths() {
    const projectDays = await rows<ProjectDay>(`SELECT to_char(day, 'YYYY-MM-DD') AS day, project_id, user_id, analysis_type, analyses_run, analyses_completed, bugs_found, quality_score_sum, confidence_sum FROM analytics_daily_projects`);
    const expected = new Map<string, { active_days: number; analyses: number[]; completed: number[]; bugs: number[]; quality: number[]; confidence: number[] }>();
    for (const d of [...projectDays].sort((a, b) => a.day.localeCompare(b.day))) {
      const key = `${d.day.slice(0, 7)}-01|${d.project_id}|${d.analysis_type}|${d.user_id}`;
      const e = expected.get(key) ?? { active_days: 0, analyses: [], completed: [], bugs: [], quality: [], confidence: [] };
      e.active_days += 2 ** (dom(d.day) - 1);
      e.analyses.push((e.analyses.at(-1) ?? 0) + d.analyses_run);
      e.completed.push((e.completed.at(-1) ?? 0) + d.analyses_completed);
      e.bugs.push((e.bugs.at(-1) ?? 0) + d.bugs_found);
      e.quality.push((e.quality.at(-1) ?? 0) + Number(d.quality_score_sum));
      e.confidence.push((e.confidence.at(-1) ?? 0) + d.confidence_sum);
      expected.set(key, e);
    }
    const got = await rows<Record<string, unknown>>(`SELECT to_char(month, 'YYYY-MM-DD') AS month, * FROM analytics_monthly_project_activity`);
    expect(got.length).to.equal(expected.size);
    for (const r of got) {
      const e = expected.get(`${r.month}|${r.project_id}|${r.analysis_type}|${r.user_id}`)!;
      expect(r.active_days).to.equal(e.active_days);
      expect({ a: r.analyses_running, c: r.completed_running, b: r.bugs_running, q: (r.quality_running as string[]).map(Number) }).to.deep.equal({ a: e.analyses, c: e.completed, b: e.bugs, q: e.quality });
      (r.confidence_running as string[]).forEach((c, i) => expect(Number(c)).to.be.closeTo(e.confidence[i], 1e-9));
    }
  }

  it('one row per customer, month and tier: a bit per active day and per feature used, running totals of events and analyses', () => checkUserMonths({ tierChange: true }));

  it('one row per project, analysis type and month with running totals of its analyses', () => checkProjectMonths());

  // Ranges within a month, across one or two month ends, of one day, and the default length.
  const ranges = () => [
    { from: addDays(firstDay, 3), to: addDays(firstDay, 9) },
    { from: addDays(firstDay, 20), to: addDays(firstDay, 49) },
    { from: addDays(firstDay, 5), to: addDays(firstDay, 58) },
    { from: addDays(firstDay, 34), to: addDays(firstDay, 34) },
    { from: addDays(lastDay, -29), to: lastDay },
  ];
  const TIERS = [undefined, 'free', 'professional', 'enterprise'];

  /** Customers active in the range (in the tier, when given: the tier of the day). */
  const activeIn = (r: Range, tier?: string) => new Set(userDays.filter((d) => inRange(r, d.day) && (!tier || d.tier === tier)).map((d) => d.user_id));

  it('users: active customers, WAU/MAU, engagement and churn equal the customer-days', async function () {
    this.timeout(30_000);
    for (const r of ranges()) {
      for (const tier of TIERS) {
        const res = await analyst.get('/api/admin/analytics/users').query({ ...r, ...(tier ? { tier } : {}), compare: 'previous' });
        expect(res.status).to.equal(200);
        for (const [period, range] of [['current', r], ['previous', res.body.previous.range]] as const) {
          const kpis = period === 'current' ? res.body.kpis : res.body.previous.kpis;
          const len = Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000) + 1;
          const active = activeIn(range, tier);
          const dayRows = userDays.filter((d) => inRange(range, d.day) && (!tier || d.tier === tier));
          const before = activeIn({ from: addDays(range.from, -len), to: addDays(range.from, -1) }, tier);
          const anyTier = activeIn(range);
          const lost = [...before].filter((u) => !anyTier.has(u)).length;
          const label = `${period} ${JSON.stringify(range)} ${tier}`;
          expect(kpis, label).to.include({
            activeUsers: active.size,
            wau: activeIn({ from: addDays(range.to, -6), to: range.to }, tier).size,
            mau: activeIn({ from: addDays(range.to, -29), to: range.to }, tier).size,
            eventsPerActiveUser: ratio(dayRows.reduce((s, d) => s + d.events, 0), active.size),
            activeDaysPerActiveUser: ratio(dayRows.length, active.size),
            churnedUsers: lost,
            churnRate: percent(lost, before.size),
          });
        }
      }
    }
  });

  it('platform: active customers, feature adoption and top customers and projects equal the day rows', async function () {
    this.timeout(30_000);
    for (const r of ranges()) {
      for (const tier of TIERS) {
        const res = await analyst.get('/api/admin/analytics/platform').query({ ...r, ...(tier ? { tier } : {}), compare: 'previous' });
        expect(res.status).to.equal(200);
        const label = `${JSON.stringify(r)} ${tier}`;
        const dayRows = userDays.filter((d) => inRange(r, d.day) && (!tier || d.tier === tier));
        const active = activeIn(r, tier);
        expect(res.body.kpis.activeUsers, label).to.equal(active.size);
        expect(res.body.previous.kpis.activeUsers, label).to.equal(activeIn(res.body.previous.range, tier).size);
        expect(res.body.featureAdoption, label).to.deep.equal(FEATURES.map(([feature, column]) => {
          const users = new Set(dayRows.filter((d) => Number(d[column]) > 0).map((d) => d.user_id)).size;
          return { feature, users, share: percent(users, active.size) };
        }));

        const perCustomer = new Map<string, { analyses: number; events: number; activeDays: number; tier: string }>();
        for (const d of dayRows) {
          const c = perCustomer.get(d.user_id) ?? { analyses: 0, events: 0, activeDays: 0, tier: d.tier };
          c.analyses += d.analyses_run;
          c.events += d.events;
          c.activeDays++;
          if (d.tier > c.tier) c.tier = d.tier;
          perCustomer.set(d.user_id, c);
        }
        const topCustomers = [...perCustomer].map(([id, c]) => ({ id, email: emails.get(id)!, ...c }))
          .sort((a, b) => b.analyses - a.analyses || b.events - a.events || (a.email < b.email ? -1 : 1)).slice(0, 10);
        expect(res.body.topCustomers.map((c: Record<string, unknown>) => ({ id: c.id, email: c.email, analyses: c.analyses, events: c.events, activeDays: c.activeDays, tier: c.tier })), label).to.deep.equal(topCustomers);

        const perProject = new Map<string, { analyses: number; bugsFound: number; quality: number; completed: number }>();
        for (const d of projectDays.filter((x) => inRange(r, x.day))) {
          const p = perProject.get(d.project_id) ?? { analyses: 0, bugsFound: 0, quality: 0, completed: 0 };
          p.analyses += d.analyses_run;
          p.bugsFound += d.bugs_found;
          p.quality += Number(d.quality_score_sum);
          p.completed += d.analyses_completed;
          perProject.set(d.project_id, p);
        }
        const topProjects = [...perProject]
          .map(([id, p]) => ({ id, name: projectsById.get(id)!.name, tier: tierNow.get(projectsById.get(id)!.owner) ?? 'free', analyses: p.analyses, bugsFound: p.bugsFound, avgQualityScore: p.completed ? Math.round((p.quality / p.completed) * 10) / 10 : null }))
          .filter((p) => !tier || p.tier === tier)
          .sort((a, b) => b.analyses - a.analyses || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)).slice(0, 10);
        expect(res.body.topProjects.map((p: Record<string, unknown>) => ({ id: p.id, name: p.name, tier: p.tier, analyses: p.analyses, bugsFound: p.bugsFound, avgQualityScore: p.avgQualityScore })), label).to.deep.equal(topProjects);
      }
    }
  });

  it('quality: confidence and the figures by analysis type equal the project-days (owners in the tier now)', async function () {
    this.timeout(30_000);
    for (const r of ranges()) {
      for (const tier of TIERS) {
        const res = await analyst.get('/api/admin/analytics/quality').query({ ...r, ...(tier ? { tier } : {}), compare: 'previous' });
        expect(res.status).to.equal(200);
        // confidence sums of the project-days as exact decimals (a float sum's last bits depend on the order of the
        // days, and can move an average that is exactly half-way between two reported values)
        const direct = async (range: Range) =>
          new Map((await rows<{ type: string | null; c: string; n: number }>(
            `SELECT dp.analysis_type AS type, sum(dp.confidence_sum::numeric) AS c, sum(dp.analyses_completed)::int AS n FROM analytics_daily_projects dp
             LEFT JOIN (SELECT s.user_id, t.name AS tier FROM subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id WHERE s.status <> 'cancelled') ct ON ct.user_id = dp.user_id
             WHERE dp.day >= :from AND dp.day <= :to AND (CAST(:tier AS text) IS NULL OR coalesce(ct.tier, 'free') = :tier) GROUP BY ROLLUP (1)`,
            { ...range, tier: tier ?? null },
          )).map((x) => [x.type, ratio(Number(x.c), x.n, 3)]));
        const confidence = await direct(r);
        expect(res.body.kpis.avgConfidence, `${JSON.stringify(r)} ${tier}`).to.equal(confidence.get(null) ?? 0);
        expect(res.body.previous.kpis.avgConfidence, `previous ${JSON.stringify(r)} ${tier}`).to.equal((await direct(res.body.previous.range)).get(null) ?? 0);
        const types = new Map<string, { completed: number; q: number; bugs: number }>();
        for (const d of projectDays.filter((x) => inRange(r, x.day) && (!tier || (tierNow.get(x.user_id) ?? 'free') === tier))) {
          const t = types.get(d.analysis_type) ?? { completed: 0, q: 0, bugs: 0 };
          t.completed += d.analyses_completed;
          t.q += Number(d.quality_score_sum);
          t.bugs += d.bugs_found;
          types.set(d.analysis_type, t);
        }
        const byType = [...types].map(([type, t]) => ({ type, analysesCompleted: t.completed, avgQualityScore: ratio(t.q, t.completed), bugsFound: t.bugs, avgConfidence: confidence.get(type) }))
          .sort((a, b) => b.analysesCompleted - a.analysesCompleted || (a.type < b.type ? -1 : 1));
        expect(res.body.byType, `${JSON.stringify(r)} ${tier}`).to.deep.equal(byType);
      }
    }
  });

  it('retention: weekly and monthly cohorts equal the customer-days', async function () {
    this.timeout(30_000);
    const periodOf = (day: string, period: 'week' | 'month') => (period === 'month' ? `${day.slice(0, 7)}-01` : addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7)));
    const offset = (from: string, to: string, period: 'week' | 'month') =>
      period === 'week' ? Math.round((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000)) : (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
    for (const r of [{ from: firstDay, to: lastDay }, { from: addDays(firstDay, 10), to: addDays(firstDay, 45) }]) {
      for (const tier of TIERS) {
        for (const period of ['week', 'month'] as const) {
          const res = await analyst.get('/api/admin/analytics/retention').query({ ...r, ...(tier ? { tier } : {}), period });
          expect(res.status).to.equal(200);
          const members = [...signedUp].filter(([id, day]) => inRange(r, day) && (!tier || (tierNow.get(id) ?? 'free') === tier));
          const cohorts = new Map<string, { size: number; active: number[] }>();
          const last = periodOf(r.to, period);
          for (const [id, day] of members.sort((a, b) => a[1].localeCompare(b[1]))) {
            const cohort = periodOf(day, period);
            const c = cohorts.get(cohort) ?? { size: 0, active: new Array(offset(cohort, last, period) + 1).fill(0) };
            c.size++;
            const periods = new Set(userDays.filter((d) => d.user_id === id && inRange(r, d.day)).map((d) => periodOf(d.day, period)).filter((p) => p >= cohort));
            for (const p of periods) c.active[offset(cohort, p, period)]++;
            cohorts.set(cohort, c);
          }
          const label = `${JSON.stringify(r)} ${tier} ${period}`;
          expect(res.body.cohorts.map((c: { cohort: string; size: number; active: number[] }) => ({ cohort: c.cohort, size: c.size, active: c.active })), label)
            .to.deep.equal([...cohorts].map(([cohort, c]) => ({ cohort, ...c })));
        }
      }
    }
  });

  it('a backfill over whole months and cut ones builds the same monthly rows from its day rows', async function () {
    this.timeout(60_000);
    // starts mid-month and ends mid-month: the whole months in between come from the months' statements,
    // the two cut ones from all their days (the kept ones included)
    const whole = nextMonth(`${addDays(firstDay, 3).slice(0, 7)}-01`);
    const result = await backfillAnalytics({ from: addDays(whole, -3), to: addDays(nextMonth(whole), 2) });
    expect(result.from.slice(8)).to.not.equal('01');
    expect(result.to.slice(8)).to.not.equal('01');
    await checkUserMonths({ tierChange: false });
    await checkProjectMonths();
  });
});
