import type { RangeQuery } from '../analytics.schemas';
import { rangeMasks } from '../day-masks';
import type { DayRange } from '../range';
import { activityInRange, CURRENT_TIER, eachDay, platformDays, rangeSum, ratio, runReport, select, type Filters } from './admin-report';

/**
 * Completed analyses, quality, bugs and confidence per analysis type over the range, from the monthly
 * project rows; with a tier filter, of the projects whose owner at roll-up is in that tier now. (Without
 * one the tier join is left out: a customer has one live subscription at most, so it changes nothing.)
 */
async function typeSums(range: DayRange, f: Filters) {
  const masks = rangeMasks(range);
  return select<{ type: string; completed: number; q: string; bugs: number; c: string; c_all: string; completed_all: number }>(
    `WITH a AS (
       ${activityInRange('analytics_monthly_project_activity', 'a.user_id, a.analysis_type, a.completed_running, a.quality_running, a.bugs_running, a.confidence_running', masks)}
     )
     SELECT a.analysis_type AS type, ${rangeSum('completed_running')}::int AS completed, ${rangeSum('quality_running')}::bigint AS q,
       ${rangeSum('bugs_running')}::int AS bugs, ${rangeSum('confidence_running')} AS c,
       -- over every type, for the confidence KPI (exact decimal sums, added up before any rounding)
       sum(${rangeSum('confidence_running')}) OVER () AS c_all, (sum(${rangeSum('completed_running')}) OVER ())::int AS completed_all
     FROM a ${f.tier ? `LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = a.user_id WHERE coalesce(ct.tier, 'free') = :tier` : ''}
     GROUP BY 1 ORDER BY 2 DESC, 1`,
    { ...masks.replacements, tier: f.tier },
  );
}

async function computeQuality(range: DayRange, f: Filters) {
  const [platform, types] = await Promise.all([platformDays(range, f), typeSums(range, f)]);
  const byDay = new Map(platform.map((d) => [d.day, d]));
  const series = eachDay(range).map((day) => {
    const d = byDay.get(day);
    const done = d?.analyses_completed ?? 0;
    return { day, analysesCompleted: done, avgQualityScore: done ? ratio(Number(d!.quality_score_sum), done) : null, bugsFound: d?.bugs_found ?? 0, bugsPerAnalysis: done ? ratio(d!.bugs_found, done, 2) : null };
  });
  const done = series.reduce((s, d) => s + d.analysesCompleted, 0);
  const bugs = series.reduce((s, d) => s + d.bugsFound, 0);
  const qsum = [...byDay.values()].reduce((s, d) => s + Number(d.quality_score_sum), 0);
  const conf = { c: Number(types[0]?.c_all ?? 0), n: types[0]?.completed_all ?? 0 };
  const byType = types.map((r) => ({ type: r.type, analysesCompleted: r.completed, avgQualityScore: ratio(Number(r.q), r.completed), bugsFound: r.bugs, avgConfidence: ratio(Number(r.c), r.completed, 3) }));
  const kpis = { analysesCompleted: done, avgQualityScore: ratio(qsum, done), bugsFound: bugs, bugsPerAnalysis: ratio(bugs, done, 2), avgConfidence: ratio(conf.c, conf.n, 3) };
  return { kpis, series, byType };
}

/** Quality score, bugs and confidence of completed analyses over time and by analysis type. */
export async function getQualityReport(q: RangeQuery) {
  const { byType, ...report } = await runReport(q, computeQuality);
  return { ...report, byType };
}
