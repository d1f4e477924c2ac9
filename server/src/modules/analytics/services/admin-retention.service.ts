import type { RetentionQuery } from '../analytics.schemas';
import { periodPieces } from '../day-masks';
import type { DayRange } from '../range';
import { percent, runReport, select, type Filters } from './admin-report';
import { DAY_MS } from '../../../lib/time';

const CURRENT_TIER = `SELECT s.user_id, t.name AS tier FROM subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id WHERE s.status <> 'cancelled'`;

export interface Cohort {
  cohort: string;
  size: number;
  /** share (%) of the cohort active in period k after signup; k = 0 is the signup period itself */
  retention: number[];
  active: number[];
}

/**
 * Signup cohorts by week (ISO, Monday) or month: customers who signed up in [from, to], and for each later
 * period up to the end of the range the share of them with any activity in it (rolled-up days).
 */
async function cohorts(range: DayRange, f: Filters, period: 'week' | 'month'): Promise<Cohort[]> {
  const pieces = periodPieces(range, period);
  // periods from the cohort's to the active one (a.p, a.cohort)
  const offset = period === 'week' ? `((a.p - a.cohort) / 7)` : `((extract(year FROM a.p)::int - extract(year FROM a.cohort)::int) * 12 + extract(month FROM a.p)::int - extract(month FROM a.cohort)::int)`;
  const rows = await select<{ cohort: string; size: number; k: number | null; active: number }>(
    `WITH c AS (
       SELECT u.id, date_trunc(:period, u.created_at AT TIME ZONE 'UTC')::date AS cohort
       FROM users u LEFT JOIN (${CURRENT_TIER}) ct ON ct.user_id = u.id
       WHERE u.created_at >= CAST(:from AS date)::timestamp AT TIME ZONE 'UTC' AND u.created_at < (CAST(:to AS date) + 1)::timestamp AT TIME ZONE 'UTC'
         AND u.id NOT IN (SELECT user_id FROM admin_users) AND (CAST(:tier AS text) IS NULL OR coalesce(ct.tier, 'free') = :tier)
     ),
     sizes AS (SELECT cohort, count(*)::int AS size FROM c GROUP BY cohort),
     -- the periods each of them was active in, inside the range (a customer is active only on or after
     -- signing up, and every cohort signed up on or after :from): the range cut into pieces per period and
     -- calendar month, each a mask over the days of that month's activity rows (migration 0013)
     pieces AS (SELECT * FROM unnest(CAST(ARRAY[:pieceMonths] AS date[]), CAST(ARRAY[:piecePeriods] AS date[]), CAST(ARRAY[:pieceMasks] AS int[])) AS x(month, p, mask)),
     -- each (customer, period) once (a week can span two months, a month hold two tiers), then counted
     a AS (
       SELECT DISTINCT c.id, c.cohort, pieces.p
       FROM c JOIN analytics_monthly_user_activity m ON m.user_id = c.id AND m.month BETWEEN CAST(:pieceFirst AS date) AND CAST(:pieceLast AS date)
       JOIN pieces ON pieces.month = m.month AND m.active_days & pieces.mask <> 0 AND pieces.p >= c.cohort
     ),
     grid AS (SELECT a.cohort, ${offset} AS k, count(*)::int AS active FROM a GROUP BY 1, 2)
     SELECT to_char(s.cohort, 'YYYY-MM-DD') AS cohort, s.size, g.k, coalesce(g.active, 0) AS active
     FROM sizes s LEFT JOIN grid g ON g.cohort = s.cohort ORDER BY s.cohort, g.k`,
    { ...range, period, tier: f.tier, pieceMonths: pieces.map((x) => x.month), piecePeriods: pieces.map((x) => x.period), pieceMasks: pieces.map((x) => x.mask), pieceFirst: pieces[0].month, pieceLast: pieces[pieces.length - 1].month },
  );
  // the period holding the range's last day (its piece is the last)
  const lastPeriod = pieces[pieces.length - 1].period;
  const out = new Map<string, Cohort>();
  for (const r of rows) {
    let c = out.get(r.cohort);
    if (!c) {
      const periods = period === 'week' ? Math.round((Date.parse(lastPeriod) - Date.parse(r.cohort)) / (7 * DAY_MS)) + 1 : monthsBetween(r.cohort, lastPeriod) + 1;
      c = { cohort: r.cohort, size: r.size, active: new Array(periods).fill(0), retention: new Array(periods).fill(0) };
      out.set(r.cohort, c);
    }
    if (r.k !== null && r.k < c.active.length) c.active[r.k] = r.active;
  }
  for (const c of out.values()) c.retention = c.active.map((n) => percent(n, c.size));
  return [...out.values()];
}

function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** Signup cohorts × share still active, with the weighted average retention one and three periods on. */
export async function getRetentionReport(q: RetentionQuery) {
  const period = q.period;
  const report = await runReport(q, async (range, f) => {
    const list = await cohorts(range, f, period);
    const at = (k: number) => {
      const eligible = list.filter((c) => c.active.length > k);
      return percent(eligible.reduce((s, c) => s + c.active[k], 0), eligible.reduce((s, c) => s + c.size, 0));
    };
    const kpis = { cohorts: list.length, customers: list.reduce((s, c) => s + c.size, 0), retentionPeriod1: at(1), retentionPeriod3: at(3) };
    const series = list.map((c) => ({ cohort: c.cohort, size: c.size, ...Object.fromEntries(c.retention.map((r, k) => [`period${k}`, r])) }));
    return { kpis, series, cohorts: list };
  });
  return { ...report, period };
}
