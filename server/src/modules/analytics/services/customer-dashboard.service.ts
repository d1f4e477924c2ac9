import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { dayOf } from '../days';
import { changes, resolveRange, type DayRange } from '../range';
import type { RangeQuery } from '../analytics.schemas';
import { avg, projectTypeDays, sumBy, userDays } from './customer-days';

export interface CustomerPeriodKpis {
  analysesRun: number;
  analysesCompleted: number;
  bugsFound: number;
  avgQualityScore: number;
  avgConfidence: number;
  projectsCreated: number;
  snippetsCreated: number;
  logins: number;
  exports: number;
}

async function periodKpis(userId: string, range: DayRange): Promise<CustomerPeriodKpis> {
  const s = sumBy(await userDays(userId, range), ['analyses_run', 'analyses_completed', 'bugs_found', 'quality_score_sum', 'confidence_sum', 'projects_created', 'snippets_created', 'logins', 'exports'] as const);
  return {
    analysesRun: s.analyses_run,
    analysesCompleted: s.analyses_completed,
    bugsFound: s.bugs_found,
    avgQualityScore: avg(s.quality_score_sum, s.analyses_completed) ?? 0,
    avgConfidence: avg(s.confidence_sum, s.analyses_completed, 3) ?? 0,
    projectsCreated: s.projects_created,
    snippetsCreated: s.snippets_created,
    logins: s.logins,
    exports: s.exports,
  };
}

/** Recent activity of one customer: their last raw events, read through the (user_id, occurred_at) index. */
async function recentActivity(userId: string, limit = 15) {
  const rows = await db().query<{ type: string; occurred_at: Date; project_id: string | null; project_name: string | null; properties: Record<string, unknown> }>(
    `SELECT e.event_type AS type, e.occurred_at, e.project_id, p.name AS project_name, e.properties
     FROM analytics_events e LEFT JOIN projects p ON p.id = e.project_id AND p.owner_id = :userId
     WHERE e.user_id = :userId AND e.source = 'server' AND e.occurred_at <= :now
     ORDER BY e.occurred_at DESC LIMIT :limit`,
    { replacements: { userId, limit, now: clock.now().toISOString() }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    type: r.type,
    occurredAt: new Date(r.occurred_at).toISOString(),
    projectId: r.project_id,
    projectName: r.project_name,
    details: pick(r.properties, ['analysisType', 'qualityScore', 'bugsFound', 'fromTier', 'toTier', 'dataset', 'filename']),
  }));
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/**
 * The customer's dashboard: all-time totals (UserDashboardMetrics from the nightly rollup plus today's
 * live events; project counts are the projects' current state), the period's KPIs (and the previous
 * period's with compare=previous), the analyses by type and the recent activity.
 */
export async function getCustomerDashboard(userId: string, q: RangeQuery) {
  const { range, previous } = resolveRange(q, { defaultEnd: 'today' });
  const today = dayOf(clock.now());
  const [metrics] = await db().query<{ total_analyses: number; ai_interactions: number; updated_at: Date }>(
    `SELECT total_analyses, ai_interactions, updated_at FROM user_dashboard_metrics WHERE user_id = :userId`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  const [projects] = await db().query<{ total: number; active: number; completed: number }>(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE status = 'active'))::int AS active, (count(*) FILTER (WHERE status = 'completed'))::int AS completed
     FROM projects WHERE owner_id = :userId`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  // The rollup covers days before today; today's events are added live (the nightly run has not seen them).
  const [todayLive] = await userDays(userId, { from: today, to: today });
  const current = await periodKpis(userId, range);
  const prev = previous ? await periodKpis(userId, previous) : null;
  const byType = new Map<string, number>();
  for (const r of await projectTypeDays(userId, range)) byType.set(r.analysis_type, (byType.get(r.analysis_type) ?? 0) + r.analyses_run);
  return {
    range,
    previousRange: previous,
    totals: {
      totalProjects: projects.total,
      activeProjects: projects.active,
      projectsCompleted: projects.completed,
      completionRate: projects.total ? Math.round((projects.completed / projects.total) * 1000) / 10 : 0,
      totalAnalyses: (metrics?.total_analyses ?? 0) + (todayLive?.analyses_run ?? 0),
      aiInteractions: (metrics?.ai_interactions ?? 0) + (todayLive?.analyses_completed ?? 0),
    },
    kpis: current,
    previous: prev,
    changes: changes(current as unknown as Record<string, number>, prev as unknown as Record<string, number> | null),
    distribution: [...byType.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count),
    recentActivity: await recentActivity(userId),
    rolledUpAt: metrics ? new Date(metrics.updated_at).toISOString() : null,
  };
}
