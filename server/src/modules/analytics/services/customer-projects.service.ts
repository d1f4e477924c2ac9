import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import type { Page } from '../../../http/route';
import { resolveRange } from '../range';
import { avg, projectTypeDays } from './customer-days';

export interface ProjectAnalyticsRow {
  id: string;
  name: string;
  status: string;
  completionPercentage: number;
  /** all time (ProjectMetrics, nightly) */
  totalAnalyses: number;
  totalBugsFound: number;
  avgQualityScore: number;
  avgConfidence: number;
  lastAnalysisAt: string | null;
  /** in the requested range (rollup + today live) */
  analysesInRange: number;
  bugsInRange: number;
  avgQualityInRange: number | null;
}

/** The customer's projects with their all-time metrics and the range's figures, most analysed first. */
export async function listCustomerProjectAnalytics(userId: string, q: { from?: string; to?: string; _start: number; _end?: number; all?: boolean }): Promise<Page<ProjectAnalyticsRow>> {
  const { range } = resolveRange(q, { defaultEnd: 'today' });
  const projects = await db().query<{ id: string; name: string; status: string; completion_percentage: number; total_analyses: number | null; total_bugs_found: number | null; avg_quality_score: number | null; avg_confidence: number | null; last_analysis_at: Date | null }>(
    `SELECT p.id, p.name, p.status, p.completion_percentage, m.total_analyses, m.total_bugs_found, m.avg_quality_score, m.avg_confidence, m.last_analysis_at
     FROM projects p LEFT JOIN project_metrics m ON m.project_id = p.id WHERE p.owner_id = :userId`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  const inRange = new Map<string, { run: number; bugs: number; q: number; done: number }>();
  for (const r of await projectTypeDays(userId, range)) {
    const a = inRange.get(r.project_id) ?? { run: 0, bugs: 0, q: 0, done: 0 };
    a.run += r.analyses_run;
    a.bugs += r.bugs_found;
    a.q += Number(r.quality_score_sum);
    a.done += r.analyses_completed;
    inRange.set(r.project_id, a);
  }
  const rows: ProjectAnalyticsRow[] = projects.map((p) => {
    const a = inRange.get(p.id);
    return {
      id: p.id,
      name: p.name,
      status: p.status,
      completionPercentage: p.completion_percentage,
      totalAnalyses: p.total_analyses ?? 0,
      totalBugsFound: p.total_bugs_found ?? 0,
      avgQualityScore: Math.round((p.avg_quality_score ?? 0) * 10) / 10,
      avgConfidence: Math.round((p.avg_confidence ?? 0) * 1000) / 1000,
      lastAnalysisAt: p.last_analysis_at ? new Date(p.last_analysis_at).toISOString() : null,
      analysesInRange: a?.run ?? 0,
      bugsInRange: a?.bugs ?? 0,
      avgQualityInRange: a ? avg(a.q, a.done) : null,
    };
  });
  rows.sort((x, y) => y.analysesInRange - x.analysesInRange || y.totalAnalyses - x.totalAnalyses || x.name.localeCompare(y.name));
  const end = q.all ? rows.length : Math.min(q._end ?? q._start + 25, q._start + 100);
  return { rows: rows.slice(q._start, end), total: rows.length };
}
