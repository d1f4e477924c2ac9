import type { RangeQuery } from '../analytics.schemas';
import type { DayRange } from '../range';
import { eachDay, platformDays, ratio, runReport, select, type Filters } from './admin-report';

const CURRENT_TIER = `SELECT s.user_id, t.name AS tier FROM subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id WHERE s.status <> 'cancelled'`;

async function computeQuality(range: DayRange, f: Filters) {
  const byDay = new Map((await platformDays(range, f)).map((d) => [d.day, d]));
  const series = eachDay(range).map((day) => {
    const d = byDay.get(day);
    const done = d?.analyses_completed ?? 0;
    return { day, analysesCompleted: done, avgQualityScore: done ? ratio(Number(d!.quality_score_sum), done) : null, bugsFound: d?.bugs_found ?? 0, bugsPerAnalysis: done ? ratio(d!.bugs_found, done, 2) : null };
  });
  const done = series.reduce((s, d) => s + d.analysesCompleted, 0);
  const bugs = series.reduce((s, d) => s + d.bugsFound, 0);
  const qsum = [...byDay.values()].reduce((s, d) => s + Number(d.quality_score_sum), 0);
  const [conf] = await select<{ c: number; n: number }>(
    `SELECT coalesce(sum(dp.confidence_sum), 0) AS c, coalesce(sum(dp.analyses_completed), 0)::int AS n FROM analytics_daily_projects dp
     LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = dp.user_id
     WHERE dp.day >= :from AND dp.day <= :to AND (CAST(:tier AS text) IS NULL OR coalesce(ct.tier, 'free') = :tier)`,
    { ...range, tier: f.tier },
  );
  const kpis = { analysesCompleted: done, avgQualityScore: ratio(qsum, done), bugsFound: bugs, bugsPerAnalysis: ratio(bugs, done, 2), avgConfidence: ratio(Number(conf.c), conf.n, 3) };
  return { kpis, series };
}

async function byType(range: DayRange, f: Filters) {
  const rows = await select<{ type: string; completed: number; q: number; bugs: number; c: number }>(
    `SELECT dp.analysis_type AS type, sum(dp.analyses_completed)::int AS completed, sum(dp.quality_score_sum)::bigint AS q, sum(dp.bugs_found)::int AS bugs, sum(dp.confidence_sum) AS c
     FROM analytics_daily_projects dp LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = dp.user_id
     WHERE dp.day >= :from AND dp.day <= :to AND (CAST(:tier AS text) IS NULL OR coalesce(ct.tier, 'free') = :tier)
     GROUP BY 1 ORDER BY 2 DESC`,
    { ...range, tier: f.tier },
  );
  return rows.map((r) => ({ type: r.type, analysesCompleted: r.completed, avgQualityScore: ratio(Number(r.q), r.completed), bugsFound: r.bugs, avgConfidence: ratio(Number(r.c), r.completed, 3) }));
}

/** Quality score, bugs and confidence of completed analyses over time and by analysis type. */
export async function getQualityReport(q: RangeQuery) {
  const report = await runReport(q, computeQuality);
  return { ...report, byType: await byType(report.range, { tier: q.tier ?? null }) };
}
