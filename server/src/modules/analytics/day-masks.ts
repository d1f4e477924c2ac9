import { addDays, monthsCovering, nextMonth } from './days';
import type { DayRange } from './range';

/**
 * Day ranges as bit masks over the days of calendar months, the unit of analytics_monthly_user_activity
 * (migration 0013): bit d − 1 stands for day d of the month, so a month fits in 31 bits of an integer.
 */

/** The bits of the days of `range` that fall in `month` ('YYYY-MM-01'); 0 when none do. */
export function maskIn(month: string, range: DayRange): number {
  const last = addDays(nextMonth(month), -1);
  const lo = range.from > month ? range.from : month;
  const hi = range.to < last ? range.to : last;
  if (lo > hi) return 0;
  // days lo..hi of the month: bits (lo − 1)..(hi − 1); at most 2^31 − 1, exact in a double
  return 2 ** Number(hi.slice(8, 10)) - 2 ** (Number(lo.slice(8, 10)) - 1);
}

/** First days of the months touching the inclusive range. */
export function monthsOf(range: DayRange): string[] {
  return monthsCovering(range.from, addDays(range.to, 1));
}

/**
 * A relation `r(month, <name>…)` with one row per month touching `span` and, per named range, its days'
 * mask in that month (0 outside it), for a join on `month`. Replacements are prefixed with `key`, so one
 * statement can hold several.
 */
export function maskRelation(key: string, span: DayRange, ranges: Record<string, DayRange>) {
  const months = monthsOf(span);
  const names = Object.keys(ranges);
  const replacements: Record<string, unknown> = { [`${key}_month`]: months, [`${key}_first`]: months[0], [`${key}_last`]: months[months.length - 1] };
  for (const n of names) replacements[`${key}_${n}`] = months.map((m) => maskIn(m, ranges[n]));
  const arrays = [`CAST(ARRAY[:${key}_month] AS date[])`, ...names.map((n) => `CAST(ARRAY[:${key}_${n}] AS int[])`)];
  return {
    sql: `SELECT * FROM unnest(${arrays.join(', ')}) AS ${key}(month, ${names.join(', ')})`,
    /** `alias.month` within the span's months, in the terms the planner sees (an index range, not the whole table) */
    months: (alias: string) => `${alias}.month BETWEEN CAST(:${key}_first AS date) AND CAST(:${key}_last AS date)`,
    replacements,
  };
}

/**
 * The pieces of `range` per signup period (ISO week from Monday, or calendar month) and calendar month:
 * each with the period's first day and the piece's day mask in that month (a week can span two months).
 */
export function periodPieces(range: DayRange, period: 'week' | 'month'): Array<{ month: string; period: string; mask: number }> {
  const out: Array<{ month: string; period: string; mask: number }> = [];
  for (const month of monthsOf(range)) {
    const byPeriod = new Map<string, number>();
    for (let day = range.from > month ? range.from : month; day <= range.to && day.slice(0, 7) === month.slice(0, 7); day = addDays(day, 1)) {
      const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
      const p = period === 'week' ? addDays(day, -weekday) : month;
      byPeriod.set(p, (byPeriod.get(p) ?? 0) + 2 ** (Number(day.slice(8, 10)) - 1));
    }
    for (const [p, mask] of byPeriod) out.push({ month, period: p, mask });
  }
  return out;
}

/**
 * maskRelation for one range: `cur`, its days, and `before`, the days of each month before the range (for
 * running totals: see activityInRange in services/admin-report.ts).
 */
export function rangeMasks(range: DayRange) {
  return maskRelation('r', range, { cur: range, before: { from: '0001-01-01', to: addDays(range.from, -1) } });
}
