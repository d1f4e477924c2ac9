import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import type { RangeQuery } from '../analytics.schemas';
import { addDays, daysBetween } from '../days';
import { changes, resolveRange, type DayRange } from '../range';

/** What every admin report computes for one period. */
export interface PeriodReport<K extends string = string> {
  kpis: Record<K, number>;
  /** one row per UTC day (or cohort for retention), the table the CSV export writes */
  series: Array<Record<string, string | number | null>>;
}

export interface Filters {
  tier: string | null;
}

/**
 * Runs a report for the requested range and, with compare=previous, for the previous period of equal
 * length; adds the KPIs' change in percent. Admin figures come from the nightly rollups, so the default
 * range is the 30 days ending yesterday.
 */
export async function runReport<K extends string, R extends PeriodReport<K>>(q: RangeQuery, compute: (range: DayRange, f: Filters, period: 'current' | 'previous') => Promise<R>) {
  const { range, previous } = resolveRange(q, { defaultEnd: 'yesterday' });
  const filters = { tier: q.tier ?? null };
  // The two periods are independent: computed side by side on two pool connections.
  const [current, prev] = await Promise.all([compute(range, filters, 'current'), previous ? compute(previous, filters, 'previous') : Promise.resolve(null)]);
  return {
    range,
    tier: filters.tier,
    ...current,
    previous: prev && previous ? { range: previous, kpis: prev.kpis, series: prev.series } : null,
    changes: changes(current.kpis, prev?.kpis ?? null),
  };
}

/** Every day of the range, so charts and CSVs have no holes. */
export function eachDay(range: DayRange): string[] {
  const out: string[] = [];
  for (let i = 0; i <= daysBetween(range.from, range.to); i++) out.push(addDays(range.from, i));
  return out;
}

export async function select<T extends object>(sql: string, replacements: Record<string, unknown>): Promise<T[]> {
  return db().query<T>(sql, { replacements, type: QueryTypes.SELECT });
}

export function ratio(n: number, d: number, digits = 1): number {
  if (!d) return 0;
  const f = 10 ** digits;
  return Math.round((n / d) * f) / f;
}

export function percent(n: number, d: number): number {
  return ratio(n * 100, d);
}

/** Platform rows per day for the range (summed over tiers, or one tier). */
export async function platformDays(range: DayRange, f: Filters) {
  return select<{ day: string; signups: number; active_users: number; events: number; projects_created: number; analyses_run: number; analyses_completed: number; bugs_found: number; quality_score_sum: number; invoiced_cents: number; paid_cents: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(signups)::int AS signups, sum(active_users)::int AS active_users, sum(events)::bigint AS events,
       sum(projects_created)::int AS projects_created, sum(analyses_run)::int AS analyses_run, sum(analyses_completed)::int AS analyses_completed,
       sum(bugs_found)::int AS bugs_found, sum(quality_score_sum)::bigint AS quality_score_sum, sum(invoiced_cents)::bigint AS invoiced_cents,
       sum(paid_cents)::bigint AS paid_cents
     FROM analytics_daily_platform WHERE day >= :from AND day <= :to AND (CAST(:tier AS text) IS NULL OR tier = :tier)
     GROUP BY day ORDER BY day`,
    { ...range, tier: f.tier },
  );
}

export const TIER_FILTER = `(CAST(:tier AS text) IS NULL OR tier = :tier)`;

/** Each customer's tier now: the live subscription's tier (one at most per customer), Free without one. */
export const CURRENT_TIER = `SELECT s.user_id, t.name AS tier FROM subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id WHERE s.status <> 'cancelled'`;

/**
 * The monthly activity rows (`table`, migration 0013) with an active day in the range whose masks `masks`
 * (maskRelation: cur, and before = the month's days before the range) holds, each with n_before and
 * n_through, its active days of the month before the range and up to its end. A running total's sum over
 * the range's days is then `running[n_through] − running[n_before]` (element 0 is none: 0).
 */
export function activityInRange(table: string, columns: string, masks: { sql: string; months: (alias: string) => string }, where = 'true'): string {
  // bit_count only where needed: with no active day before the range in the month n_before is 0, with
  // none after its end n_through is the length of the running arrays (both tables have analyses_running)
  return `SELECT ${columns},
      CASE WHEN a.active_days & r.before = 0 THEN 0 ELSE bit_count(CAST(a.active_days & r.before AS bit(32)))::int END AS n_before,
      CASE WHEN a.active_days & ~(r.before | r.cur) = 0 THEN cardinality(a.analyses_running) ELSE bit_count(CAST(a.active_days & (r.before | r.cur) AS bit(32)))::int END AS n_through
    FROM ${table} a JOIN (${masks.sql}) r ON r.month = a.month
    WHERE ${masks.months('a')} AND a.active_days & r.cur <> 0 AND ${where}
    -- OFFSET 0 keeps this a subquery of its own: n_before and n_through are computed once per row, not
    -- inlined into each running total that reads them, and the rows are not copied as a materialized CTE would
    OFFSET 0`;
}

/** The sum over the range of a running-total column of activityInRange's rows. */
export function rangeSum(column: string): string {
  return `sum(${column}[n_through] - coalesce(${column}[n_before], 0))`;
}
