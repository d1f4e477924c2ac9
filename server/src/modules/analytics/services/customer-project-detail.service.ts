import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import type { RangeQuery } from '../analytics.schemas';
import { addDays, daysBetween } from '../days';
import { resolveRange } from '../range';
import { avg, projectTypeDays } from './customer-days';

/**
 * One of the customer's projects (404 for anyone else's): all-time metrics, the quality trend per day,
 * the breakdown by analysis type and the latest completed analyses with what they found.
 */
export async function getCustomerProjectAnalytics(userId: string, projectId: string, q: RangeQuery) {
  const { range } = resolveRange(q, { defaultEnd: 'today' });
  const [project] = await db().query<{ id: string; name: string; status: string; completion_percentage: number; created_at: Date; owner_name: string }>(
    `SELECT p.id, p.name, p.status, p.completion_percentage, p.created_at, u.name AS owner_name FROM projects p JOIN users u ON u.id = p.owner_id WHERE p.id = :projectId AND p.owner_id = :userId`,
    { replacements: { projectId, userId }, type: QueryTypes.SELECT },
  );
  if (!project) throw AppError.notFound('Project');
  const [m] = await db().query<{ total_analyses: number; total_bugs_found: number; avg_quality_score: number; avg_confidence: number; last_analysis_at: Date | null; updated_at: Date }>(
    `SELECT total_analyses, total_bugs_found, avg_quality_score, avg_confidence, last_analysis_at, updated_at FROM project_metrics WHERE project_id = :projectId`,
    { replacements: { projectId }, type: QueryTypes.SELECT },
  );
  const rows = await projectTypeDays(userId, range, projectId);
  const days = new Map<string, { run: number; done: number; bugs: number; q: number; c: number }>();
  const types = new Map<string, { run: number; done: number; bugs: number; q: number; c: number }>();
  for (const r of rows) {
    for (const [map, key] of [[days, r.day], [types, r.analysis_type]] as const) {
      const a = map.get(key) ?? { run: 0, done: 0, bugs: 0, q: 0, c: 0 };
      a.run += r.analyses_run;
      a.done += r.analyses_completed;
      a.bugs += r.bugs_found;
      a.q += Number(r.quality_score_sum);
      a.c += Number(r.confidence_sum);
      map.set(key, a);
    }
  }
  const trend = [];
  for (let i = 0; i <= daysBetween(range.from, range.to); i++) {
    const day = addDays(range.from, i);
    const a = days.get(day);
    trend.push({ day, analyses: a?.run ?? 0, bugsFound: a?.bugs ?? 0, avgQualityScore: a ? avg(a.q, a.done) : null, avgConfidence: a ? avg(a.c, a.done, 3) : null });
  }
  const recent = await db().query<{ id: string; type: string; snippet_filename: string; quality_score: number | null; bugs_found: number | null; confidence: number | null; summary: string | null; completed_at: Date }>(
    `SELECT id, type, snippet_filename, quality_score, bugs_found, confidence, summary, completed_at FROM analyses
     WHERE project_id = :projectId AND owner_id = :userId AND status = 'completed' ORDER BY completed_at DESC LIMIT 10`,
    { replacements: { projectId, userId }, type: QueryTypes.SELECT },
  );
  return {
    project: { id: project.id, name: project.name, status: project.status, completionPercentage: project.completion_percentage, ownerName: project.owner_name, createdAt: new Date(project.created_at).toISOString() },
    range,
    metrics: {
      totalAnalyses: m?.total_analyses ?? 0,
      totalBugsFound: m?.total_bugs_found ?? 0,
      avgQualityScore: Math.round((m?.avg_quality_score ?? 0) * 10) / 10,
      avgConfidence: Math.round((m?.avg_confidence ?? 0) * 1000) / 1000,
      lastAnalysisAt: m?.last_analysis_at ? new Date(m.last_analysis_at).toISOString() : null,
      rolledUpAt: m ? new Date(m.updated_at).toISOString() : null,
    },
    trend,
    byType: [...types.entries()].map(([type, a]) => ({ type, analyses: a.run, completed: a.done, bugsFound: a.bugs, avgQualityScore: avg(a.q, a.done), avgConfidence: avg(a.c, a.done, 3) })).sort((x, y) => y.analyses - x.analyses),
    recentAnalyses: recent.map((a) => ({ id: a.id, type: a.type, filename: a.snippet_filename, qualityScore: a.quality_score, bugsFound: a.bugs_found, confidence: a.confidence, summary: a.summary, completedAt: new Date(a.completed_at).toISOString() })),
  };
}
