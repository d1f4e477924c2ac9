import type { RangeQuery } from '../analytics.schemas';
import { addDays, daysBetween } from '../days';
import type { DayRange } from '../range';
import { eachDay, percent, platformDays, ratio, runReport, select, TIER_FILTER, type Filters } from './admin-report';

type UsersKpi = 'signups' | 'totalCustomers' | 'activeUsers' | 'avgDau' | 'wau' | 'mau' | 'stickiness' | 'eventsPerActiveUser' | 'activeDaysPerActiveUser' | 'churnRate' | 'churnedUsers';

/** Distinct customers with any event in [from, to]. */
async function distinctActive(range: DayRange, f: Filters): Promise<number> {
  const [r] = await select<{ n: number }>(`SELECT count(DISTINCT user_id)::int AS n FROM analytics_daily_users WHERE day >= :from AND day <= :to AND ${TIER_FILTER}`, { ...range, tier: f.tier });
  return r.n;
}

async function computeUsers(range: DayRange, f: Filters) {
  const len = daysBetween(range.from, range.to) + 1;
  // Independent reads of the rollups, side by side.
  const [days, [before], [engagement], wau, mau, [churn]] = await Promise.all([
    platformDays(range, f),
    select<{ n: number }>(`SELECT coalesce(sum(signups), 0)::int AS n FROM analytics_daily_platform WHERE day < :from AND ${TIER_FILTER}`, { from: range.from, tier: f.tier }),
    select<{ events: number; active_days: number; users: number }>(
      `SELECT coalesce(sum(events), 0)::bigint AS events, count(*)::int AS active_days, count(DISTINCT user_id)::int AS users
       FROM analytics_daily_users WHERE day >= :from AND day <= :to AND ${TIER_FILTER}`,
      { ...range, tier: f.tier },
    ),
    // WAU/MAU at the end of the range: distinct customers active in its last 7 / 30 days.
    distinctActive({ from: addDays(range.to, -6), to: range.to }, f),
    distinctActive({ from: addDays(range.to, -29), to: range.to }, f),
    // Churn: customers active in the period of equal length just before, and not active in this one.
    select<{ before: number; lost: number }>(
      `WITH prev AS (SELECT DISTINCT user_id FROM analytics_daily_users WHERE day >= :pfrom AND day <= :pto AND ${TIER_FILTER}),
            cur AS (SELECT DISTINCT user_id FROM analytics_daily_users WHERE day >= :from AND day <= :to)
       SELECT (SELECT count(*) FROM prev)::int AS before, (SELECT count(*) FROM prev WHERE user_id NOT IN (SELECT user_id FROM cur))::int AS lost`,
      { ...range, pfrom: addDays(range.from, -len), pto: addDays(range.from, -1), tier: f.tier },
    ),
  ]);
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
