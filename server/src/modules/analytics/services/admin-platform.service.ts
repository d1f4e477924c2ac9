import type { RangeQuery } from '../analytics.schemas';
import { maskRelation, rangeMasks } from '../day-masks';
import type { DayRange } from '../range';
import { activityInRange, CURRENT_TIER, eachDay, percent, platformDays, rangeSum, ratio, runReport, select, TIER_FILTER, type Filters } from './admin-report';

type Adoption = Record<'active' | 'projects' | 'snippets' | 'analyses' | 'exports' | 'search' | 'support' | 'ui_features', number>;
interface TopCustomer {
  id: string;
  name: string;
  email: string;
  tier: string;
  analyses: number;
  events: number;
  active_days: number;
}

/**
 * The range's active customers, in one pass over their monthly rows (migration 0013): how many, how many
 * used each feature at least once on a day of the range (feature adoption), and the top 10 by analyses
 * with their events, active days and highest tier (each sum from running totals: activityInRange).
 */
async function customers(range: DayRange, f: Filters): Promise<{ adoption: Adoption; top: TopCustomer[] }> {
  const masks = rangeMasks(range);
  const [row] = await select<{ adoption: Adoption; top: TopCustomer[] | null }>(
    `WITH a AS (
       ${activityInRange('analytics_monthly_user_activity', `a.user_id, a.tier, a.events_running, a.analyses_running, ${['project_days', 'snippet_days', 'analysis_days', 'export_days', 'search_days', 'ticket_days', 'feature_days'].map((c) => `a.${c} & r.cur <> 0 AS ${c}`).join(', ')}`, masks, TIER_FILTER)}
     ),
     s AS MATERIALIZED (
       SELECT user_id, max(tier) AS tier, ${rangeSum('analyses_running')}::int AS analyses, ${rangeSum('events_running')}::int AS events,
         sum(n_through - n_before)::int AS active_days,
         bool_or(project_days) AS projects, bool_or(snippet_days) AS snippets, bool_or(analysis_days) AS analyses_used, bool_or(export_days) AS exports,
         bool_or(search_days) AS search, bool_or(ticket_days) AS support, bool_or(feature_days) AS ui_features
       FROM a GROUP BY user_id
     )
     SELECT
       (SELECT json_build_object('active', count(*), 'projects', count(*) FILTER (WHERE projects), 'snippets', count(*) FILTER (WHERE snippets),
          'analyses', count(*) FILTER (WHERE analyses_used), 'exports', count(*) FILTER (WHERE exports), 'search', count(*) FILTER (WHERE search),
          'support', count(*) FILTER (WHERE support), 'ui_features', count(*) FILTER (WHERE ui_features)) FROM s) AS adoption,
       (SELECT json_agg(t ORDER BY t.analyses DESC, t.events DESC, t.email) FROM (
          SELECT u.id, u.name, u.email, s.tier, s.analyses, s.events, s.active_days
          FROM s JOIN users u ON u.id = s.user_id ORDER BY s.analyses DESC, s.events DESC, u.email LIMIT 10
        ) t) AS top`,
    { ...masks.replacements, tier: f.tier },
  );
  return { adoption: row.adoption, top: row.top ?? [] };
}

/** Distinct customers active in the range (the previous period needs no more than that). */
async function activeCustomers(range: DayRange, f: Filters): Promise<number> {
  const masks = maskRelation('r', range, { cur: range });
  const [row] = await select<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT DISTINCT a.user_id FROM analytics_monthly_user_activity a JOIN (${masks.sql}) r ON r.month = a.month
       WHERE ${masks.months('a')} AND a.active_days & r.cur <> 0 AND ${TIER_FILTER}
     ) u`,
    { ...masks.replacements, tier: f.tier },
  );
  return row.n;
}

async function computePlatform(range: DayRange, f: Filters, period: 'current' | 'previous') {
  const [days, detail, projects] = await Promise.all([
    platformDays(range, f),
    period === 'current' ? customers(range, f) : activeCustomers(range, f).then((active) => ({ adoption: { active } as Adoption, top: [] })),
    period === 'current' ? topProjects(range, f) : Promise.resolve([]),
  ]);
  const active = detail.adoption.active;
  const byDay = new Map(days.map((d) => [d.day, d]));
  const series = eachDay(range).map((day) => {
    const d = byDay.get(day);
    return { day, activeUsers: d?.active_users ?? 0, projectsCreated: d?.projects_created ?? 0, analysesRun: d?.analyses_run ?? 0, analysesCompleted: d?.analyses_completed ?? 0, events: Number(d?.events ?? 0) };
  });
  const sum = (k: keyof (typeof series)[number]) => series.reduce((s, d) => s + Number(d[k]), 0);
  const kpis = {
    projectsCreated: sum('projectsCreated'),
    analysesRun: sum('analysesRun'),
    analysesCompleted: sum('analysesCompleted'),
    completionRate: percent(sum('analysesCompleted'), sum('analysesRun')),
    activeUsers: active,
    analysesPerActiveUser: ratio(sum('analysesRun'), active),
    events: sum('events'),
  };
  const adoption = detail.adoption;
  const featureAdoption = (['projects', 'snippets', 'analyses', 'exports', 'search', 'support', 'ui_features'] as const).map((feature) => ({ feature, users: adoption[feature], share: percent(adoption[feature], adoption.active) }));
  const topCustomers = detail.top.map((c) => ({ id: c.id, name: c.name, email: c.email, tier: c.tier, analyses: c.analyses, events: c.events, activeDays: c.active_days }));
  // the lists are of the current period only (the previous one reports its KPIs and series)
  return { kpis, series, featureAdoption, topProjects: projects, topCustomers };
}

async function topProjects(range: DayRange, f: Filters) {
  const masks = rangeMasks(range);
  const rows = await select<{ id: string; name: string; owner_email: string; tier: string; analyses: number; bugs_found: number; avg_quality: number | null }>(
    // Summed per project from the monthly rows first; the owner and their tier now only for those projects.
    `WITH a AS (${activityInRange('analytics_monthly_project_activity', 'a.project_id, a.analyses_running, a.bugs_running, a.quality_running, a.completed_running', masks)}),
     s AS (
       SELECT project_id, ${rangeSum('analyses_running')}::int AS analyses, ${rangeSum('bugs_running')}::int AS bugs_found,
         ${rangeSum('quality_running')} AS quality, ${rangeSum('completed_running')} AS completed
       FROM a GROUP BY project_id
     )
     SELECT p.id, p.name, u.email AS owner_email, coalesce(ct.tier, 'free') AS tier, s.analyses, s.bugs_found,
       round(s.quality::numeric / nullif(s.completed, 0), 1)::float8 AS avg_quality
     FROM s JOIN projects p ON p.id = s.project_id JOIN users u ON u.id = p.owner_id
     LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = p.owner_id
     WHERE (CAST(:tier AS text) IS NULL OR coalesce(ct.tier, 'free') = :tier)
     ORDER BY s.analyses DESC, p.name, p.id LIMIT 10`,
    { ...masks.replacements, tier: f.tier },
  );
  return rows.map((p) => ({ id: p.id, name: p.name, ownerEmail: p.owner_email, tier: p.tier, analyses: p.analyses, bugsFound: p.bugs_found, avgQualityScore: p.avg_quality }));
}

/** Projects and analyses over time, feature adoption among active customers, and the top projects and customers of the range. */
export async function getPlatformReport(q: RangeQuery) {
  const { featureAdoption, topProjects, topCustomers, ...report } = await runReport(q, computePlatform);
  return { ...report, featureAdoption, topProjects, topCustomers };
}
