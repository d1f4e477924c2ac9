import type { RangeQuery } from '../analytics.schemas';
import { resolveRange, type DayRange } from '../range';
import { eachDay, percent, platformDays, ratio, runReport, select, TIER_FILTER, type Filters } from './admin-report';

const CURRENT_TIER = `SELECT s.user_id, t.name AS tier FROM subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id WHERE s.status <> 'cancelled'`;

/** Feature adoption: share of the period's active customers who used each feature at least once. */
async function featureAdoption(range: DayRange, f: Filters) {
  const [r] = await select<Record<string, number>>(
    `SELECT count(*)::int AS active,
       (count(*) FILTER (WHERE projects_created > 0))::int AS projects, (count(*) FILTER (WHERE snippets_created > 0))::int AS snippets,
       (count(*) FILTER (WHERE analyses_run > 0))::int AS analyses, (count(*) FILTER (WHERE exports > 0))::int AS exports,
       (count(*) FILTER (WHERE searches > 0))::int AS search, (count(*) FILTER (WHERE tickets_created > 0))::int AS support,
       (count(*) FILTER (WHERE feature_uses > 0))::int AS ui_features
     FROM (SELECT user_id, sum(projects_created) AS projects_created, sum(snippets_created) AS snippets_created, sum(analyses_run) AS analyses_run,
             sum(exports) AS exports, sum(searches) AS searches, sum(tickets_created) AS tickets_created, sum(feature_uses) AS feature_uses
           FROM analytics_daily_users WHERE day >= :from AND day <= :to AND ${TIER_FILTER} GROUP BY user_id) u`,
    { ...range, tier: f.tier },
  );
  return ['projects', 'snippets', 'analyses', 'exports', 'search', 'support', 'ui_features'].map((feature) => ({ feature, users: r[feature], share: percent(r[feature], r.active) }));
}

async function computePlatform(range: DayRange, f: Filters) {
  const byDay = new Map((await platformDays(range, f)).map((d) => [d.day, d]));
  const series = eachDay(range).map((day) => {
    const d = byDay.get(day);
    return { day, activeUsers: d?.active_users ?? 0, projectsCreated: d?.projects_created ?? 0, analysesRun: d?.analyses_run ?? 0, analysesCompleted: d?.analyses_completed ?? 0, events: Number(d?.events ?? 0) };
  });
  const sum = (k: keyof (typeof series)[number]) => series.reduce((s, d) => s + Number(d[k]), 0);
  const [active] = await select<{ n: number }>(`SELECT count(DISTINCT user_id)::int AS n FROM analytics_daily_users WHERE day >= :from AND day <= :to AND ${TIER_FILTER}`, { ...range, tier: f.tier });
  const kpis = {
    projectsCreated: sum('projectsCreated'),
    analysesRun: sum('analysesRun'),
    analysesCompleted: sum('analysesCompleted'),
    completionRate: percent(sum('analysesCompleted'), sum('analysesRun')),
    activeUsers: active.n,
    analysesPerActiveUser: ratio(sum('analysesRun'), active.n),
    events: sum('events'),
  };
  return { kpis, series };
}

async function topLists(range: DayRange, f: Filters) {
  const [topProjects, topCustomers] = await Promise.all([select<{ id: string; name: string; owner_email: string; tier: string; analyses: number; bugs_found: number; avg_quality: number | null }>(
    `SELECT p.id, p.name, u.email AS owner_email, coalesce(ct.tier, 'free') AS tier, sum(dp.analyses_run)::int AS analyses, sum(dp.bugs_found)::int AS bugs_found,
       round(sum(dp.quality_score_sum)::numeric / nullif(sum(dp.analyses_completed), 0), 1)::float8 AS avg_quality
     FROM analytics_daily_projects dp JOIN projects p ON p.id = dp.project_id JOIN users u ON u.id = p.owner_id
     LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = p.owner_id
     WHERE dp.day >= :from AND dp.day <= :to AND (CAST(:tier AS text) IS NULL OR coalesce(ct.tier, 'free') = :tier)
     GROUP BY p.id, p.name, u.email, ct.tier ORDER BY analyses DESC, p.name LIMIT 10`,
    { ...range, tier: f.tier },
  ), select<{ id: string; name: string; email: string; tier: string; analyses: number; events: number; active_days: number }>(
    `SELECT u.id, u.name, u.email, max(du.tier) AS tier, sum(du.analyses_run)::int AS analyses, sum(du.events)::int AS events, count(*)::int AS active_days
     FROM analytics_daily_users du JOIN users u ON u.id = du.user_id
     WHERE du.day >= :from AND du.day <= :to AND (CAST(:tier AS text) IS NULL OR du.tier = :tier)
     GROUP BY u.id ORDER BY analyses DESC, events DESC, u.email LIMIT 10`,
    { ...range, tier: f.tier },
  )]);
  return {
    topProjects: topProjects.map((p) => ({ id: p.id, name: p.name, ownerEmail: p.owner_email, tier: p.tier, analyses: p.analyses, bugsFound: p.bugs_found, avgQualityScore: p.avg_quality })),
    topCustomers: topCustomers.map((c) => ({ id: c.id, name: c.name, email: c.email, tier: c.tier, analyses: c.analyses, events: c.events, activeDays: c.active_days })),
  };
}

/** Projects and analyses over time, feature adoption among active customers, and the top projects and customers of the range. */
export async function getPlatformReport(q: RangeQuery) {
  const { range } = resolveRange(q, { defaultEnd: 'yesterday' });
  const filters = { tier: q.tier ?? null };
  const [report, adoption, tops] = await Promise.all([runReport(q, computePlatform), featureAdoption(range, filters), topLists(range, filters)]);
  return { ...report, featureAdoption: adoption, ...tops };
}
