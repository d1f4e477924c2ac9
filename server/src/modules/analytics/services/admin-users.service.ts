import type { RangeQuery } from '../analytics.schemas';
import { addDays, daysBetween } from '../days';
import { maskRelation } from '../day-masks';
import type { DayRange } from '../range';
import { eachDay, percent, platformDays, ratio, runReport, select, TIER_FILTER, type Filters } from './admin-report';

type UsersKpi = 'signups' | 'totalCustomers' | 'activeUsers' | 'avgDau' | 'wau' | 'mau' | 'stickiness' | 'eventsPerActiveUser' | 'activeDaysPerActiveUser' | 'churnRate' | 'churnedUsers';

async function computeUsers(range: DayRange, f: Filters) {
  const len = daysBetween(range.from, range.to) + 1;
  const pfrom = addDays(range.from, -len);
  const w = addDays(range.to, -6);
  const m = addDays(range.to, -29);
  const lo = [pfrom, w, m].sort()[0];
  const masks = maskRelation('r', { from: lo, to: range.to }, { cur: range, prev: { from: pfrom, to: addDays(range.from, -1) }, w: { from: w, to: range.to }, m: { from: m, to: range.to } });
  const [days, [before], [a]] = await Promise.all([
    platformDays(range, f),
    select<{ n: number }>(`SELECT coalesce(sum(signups), 0)::int AS n FROM analytics_daily_platform WHERE day < :from AND ${TIER_FILTER}`, { from: range.from, tier: f.tier }),
    // Distinct customers from the monthly activity rows (a few per customer, not one per active day):
    // active in the range, WAU/MAU (active in its last 7 / 30 days) and churn (active in the period of
    // equal length just before, not active in this one in any tier).
    select<{ users: number; wau: number; mau: number; before: number; lost: number }>(
      `WITH pu AS (
         SELECT a.user_id, bool_or(ok AND a.active_days & r.cur <> 0) AS cur, bool_or(a.active_days & r.cur <> 0) AS cur_any,
           bool_or(ok AND a.active_days & r.prev <> 0) AS prev, bool_or(ok AND a.active_days & r.w <> 0) AS in_w, bool_or(ok AND a.active_days & r.m <> 0) AS in_m
         FROM (SELECT month, user_id, active_days, ${TIER_FILTER} AS ok FROM analytics_monthly_user_activity) a JOIN (${masks.sql}) r ON r.month = a.month
         WHERE ${masks.months('a')}
         GROUP BY a.user_id
       )
       SELECT (count(*) FILTER (WHERE cur))::int AS users, (count(*) FILTER (WHERE in_w))::int AS wau, (count(*) FILTER (WHERE in_m))::int AS mau,
         (count(*) FILTER (WHERE prev))::int AS before, (count(*) FILTER (WHERE prev AND NOT cur_any))::int AS lost
       FROM pu`,
      { ...masks.replacements, tier: f.tier },
    ),
  ]);
  // Events and active days are sums over customer-days, which the platform rows (per day and tier) hold.
  const engagement = { users: a.users, events: days.reduce((s, d) => s + Number(d.events), 0), active_days: days.reduce((s, d) => s + d.active_users, 0) };
  const wau = a.wau;
  const mau = a.mau;
  const churn = { before: a.before, lost: a.lost };
  const byDay = new Map(days.map((d) => [d.day, d]));
  let total = before.n;
  const series = eachDay(range).map((day) => {
    const d = byDay.get(day);
    total += d?.signups ?? 0;
    return { day, signups: d?.signups ?? 0, activeUsers: d?.active_users ?? 0, totalCustomers: total, events: Number(d?.events ?? 0) };
  });
  const signups = series.reduce((s, d) => s + d.signups, 0);
  const avgDau = ratio(series.reduce((s, d) => s + d.activeUsers, 0), series.length);
  const kpis: Record<UsersKpi, number> = {
    signups,
    totalCustomers: total,
    activeUsers: engagement.users,
    avgDau,
    wau,
    mau,
    stickiness: percent(avgDau, mau),
    eventsPerActiveUser: ratio(Number(engagement.events), engagement.users),
    activeDaysPerActiveUser: ratio(engagement.active_days, engagement.users),
    churnRate: percent(churn.lost, churn.before),
    churnedUsers: churn.lost,
  };
  return { kpis, series };
}

/**
 * Customer growth (signups, cumulative customers), daily/weekly/monthly active customers, engagement
 * (events and active days per active customer, DAU/MAU stickiness) and activity churn, from the rollups.
 */
export function getUsersReport(q: RangeQuery) {
  return runReport(q, computeUsers);
}
