import type { Response } from 'express';
import { sendCsv } from '../csv';
import { resolveRange } from '../range';
import { track } from '../track';
import { getCustomerTimeline } from './customer-timeline.service';
import { listCustomerProjectAnalytics } from './customer-projects.service';

/** Streams the customer's own timeline (per day) or projects (per project) for the range as CSV, and records the download. */
export async function exportCustomerAnalytics(userId: string, q: { from?: string; to?: string; dataset: 'timeline' | 'projects' }, res: Response): Promise<void> {
  const { range } = resolveRange(q, { defaultEnd: 'today' });
  await track({ type: 'export_download', userId, properties: { dataset: q.dataset, from: range.from, to: range.to } });
  const name = `analytics-${q.dataset}-${range.from}-to-${range.to}.csv`;
  if (q.dataset === 'projects') {
    const { rows } = await listCustomerProjectAnalytics(userId, { ...range, _start: 0, all: true });
    const columns = ['id', 'name', 'status', 'completionPercentage', 'analysesInRange', 'bugsInRange', 'avgQualityInRange', 'totalAnalyses', 'totalBugsFound', 'avgQualityScore', 'avgConfidence', 'lastAnalysisAt'];
    return sendCsv(res, name, columns, rows as unknown as Array<Record<string, unknown>>);
  }
  const { days } = await getCustomerTimeline(userId, range);
  const columns = ['day', 'analysesRun', 'analysesCompleted', 'bugsFound', 'avgQualityScore', 'projectsCreated', 'snippetsCreated', 'logins', 'exports', 'events'];
  return sendCsv(res, name, columns, days as unknown as Array<Record<string, unknown>>);
}
