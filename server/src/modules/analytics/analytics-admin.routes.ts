import { z } from 'zod';
import type { Api } from '../../http/route';
import { ADMIN_REPORTS, rangeQuery, retentionQuery, type AdminReport } from './analytics.schemas';
import { sendCsv } from './csv';
import { resolveRange } from './range';
import { cachedReport } from './report-cache';
import { getUsersReport } from './services/admin-users.service';
import { getPlatformReport } from './services/admin-platform.service';
import { getRevenueReport } from './services/admin-revenue.service';
import { getQualityReport } from './services/admin-quality.service';
import { getRetentionReport } from './services/admin-retention.service';

const PERMISSION = 'analytics.read';

type Report = { range: { from: string; to: string }; series: Array<Record<string, unknown>>; previous: { series: Array<Record<string, unknown>> } | null };
const REPORTS: Record<AdminReport, { summary: string; query: typeof rangeQuery | typeof retentionQuery; run: (q: never) => Promise<Report> }> = {
  users: { summary: 'Customer growth, daily/weekly/monthly active customers, engagement and churn', query: rangeQuery, run: getUsersReport as (q: never) => Promise<Report> },
  platform: { summary: 'Projects, analyses, feature adoption, top projects and customers', query: rangeQuery, run: getPlatformReport as (q: never) => Promise<Report> },
  revenue: { summary: 'MRR with new, expansion, contraction and churned movements; invoiced revenue, ARPU, subscription mix', query: rangeQuery, run: getRevenueReport as (q: never) => Promise<Report> },
  quality: { summary: 'Quality score, bugs and confidence trends, by analysis type', query: rangeQuery, run: getQualityReport as (q: never) => Promise<Report> },
  retention: { summary: 'Signup cohorts by week or month × share still active', query: retentionQuery, run: getRetentionReport as (q: never) => Promise<Report> },
};

/**
 * Platform analytics for the console (analytics.read: analytics_admin and super_admin by default). Every
 * report takes from/to (inclusive UTC days), tier and compare=previous, and has a CSV export of its table.
 */
export function analyticsAdminRoutes(api: Api): void {
  const tags = ['Admin: analytics'];
  for (const name of ADMIN_REPORTS) {
    const r = REPORTS[name];
    // Cached per rollup version (report-cache.ts), keyed by the resolved range: "the last 30 days" is a new key each day.
    const run = (query: Record<string, unknown>) => {
      const { range } = resolveRange(query, { defaultEnd: 'yesterday' });
      return cachedReport(JSON.stringify([name, { ...query, ...range }]), () => r.run(query as never));
    };
    api.route({ method: 'get', path: `/admin/analytics/${name}`, tags, permission: PERMISSION, summary: r.summary, query: r.query as typeof rangeQuery, handler: ({ query }) => run(query) });
    api.route({
      method: 'get', path: `/admin/analytics/${name}/export`, tags, permission: PERMISSION, raw: true, query: r.query as typeof rangeQuery,
      summary: `The ${name} report's table as CSV (with the previous period's rows when compare=previous)`,
      handler: async ({ query, res }) => {
        const report = await run(query);
        const rows = [...report.series.map((row) => ({ period: 'current', ...row })), ...(report.previous?.series ?? []).map((row) => ({ period: 'previous', ...row }))];
        const columns = ['period', ...new Set(rows.flatMap((row) => Object.keys(row).filter((k) => k !== 'period')))];
        await sendCsv(res, `${name}-${report.range.from}-to-${report.range.to}.csv`, columns, rows);
      },
    });
  }
}

export const reportName = z.enum(ADMIN_REPORTS);
