import type { RangeQuery } from '../analytics.schemas';
import { addDays, daysBetween } from '../days';
import type { DayRange } from '../range';
import { eachDay, percent, platformDays, ratio, runReport, select, TIER_FILTER, type Filters } from './admin-report';

type UsersKpi = 'signups' | 'totalCustomers' | 'activeUsers' | 'avgDau' | 'wau' | 'mau' | 'stickiness' | 'eventsPerActiveUser' | 'activeDaysPerActiveUser' | 'churnRate' | 'churnedUsers';

async function computeUsers(range: DayRange, f: Filters) {
  const len = daysBetween(range.from, range.to) + 1;
  const pfrom = addDays(range.from, -len);
  const w = addDays(range.to, -6);
  const m = addDays(range.to, -29);
  const lo = [pfrom, w, m].sort()[0];
  const [days, [before], [a]] = await Promise.all([
    platformDays(range, f),
    select<{ n: number }>(`SELECT coalesce(sum(signups), 0)::int AS n FROM analytics_daily_platform WHERE day < :from AND ${TIER_FILTER}`, { from: range.from, tier: f.tier }),
    // One pass over the customer-days from the earliest window needed: active customers and engagement in
    // the range, WAU/MAU (distinct customers active in its last 7 / 30 days) and churn (active in the
    // period of equal length just before, not active in this one).
    select<{ users: number; events: number; active_days: number; wau: number; mau: number; before: number; lost: number }>(
      `WITH d AS (SELECT day, user_id, events, ${TIER_FILTER} AS ok FROM analytics_daily_users WHERE day >= :lo AND day <= :to),
       pu AS (
         SELECT user_id, bool_or(ok AND day >= :from) AS cur, bool_or(day >= :from) AS cur_any, bool_or(ok AND day >= :pfrom AND day < :from) AS prev,
           bool_or(ok AND day >= :w) AS in_w, bool_or(ok AND day >= :m) AS in_m,
           coalesce(sum(events) FILTER (WHERE ok AND day >= :from), 0) AS events, count(*) FILTER (WHERE ok AND day >= :from) AS active_days
         FROM d GROUP BY user_id
       )
       SELECT (count(*) FILTER (WHERE cur))::int AS users, coalesce(sum(events), 0)::bigint AS events, coalesce(sum(active_days), 0)::int AS active_days,
         (count(*) FILTER (WHERE in_w))::int AS wau, (count(*) FILTER (WHERE in_m))::int AS mau,
         (count(*) FILTER (WHERE prev))::int AS before, (count(*) FILTER (WHERE prev AND NOT cur_any))::int AS lost
       FROM pu`,
      { ...range, lo, pfrom, w, m, tier: f.tier },
    ),
  ]);
  const engagement = { users: a.users, events: a.events, active_days: a.active_days };
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
