import { DAY_MS } from '../../lib/time';
/**
 * Monthly billing periods anchored on the day of month the subscription started. Periods run from
 * midnight UTC on the anchor day to midnight UTC on the anchor day of the next month. An anchor past the
 * end of a shorter month falls on that month's last day (anchor 31: Jan 31 → Feb 28/29 → Mar 31 → Apr 30),
 * and the anchor itself never drifts: after February the 31st comes back.
 */

export interface Period {
  start: Date;
  end: Date;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Midnight UTC on the anchor day (clamped to the month's last day) of the given month. */
export function anchoredDate(year: number, month: number, anchorDay: number): Date {
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return new Date(Date.UTC(y, m, Math.min(anchorDay, daysInMonth(y, m))));
}

/** The anchor day for a subscription starting at `at`. */
export function anchorDayOf(at: Date): number {
  return at.getUTCDate();
}

/** The period that contains `at`. */
export function periodContaining(anchorDay: number, at: Date): Period {
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) throw new RangeError('anchorDay must be 1–31');
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  let start = anchoredDate(y, m, anchorDay);
  let startMonth = m;
  if (start.getTime() > at.getTime()) {
    startMonth = m - 1;
    start = anchoredDate(y, startMonth, anchorDay);
  }
  return { start, end: anchoredDate(y, startMonth + 1, anchorDay) };
}

/** The period right after one that ends at `end`. */
export function nextPeriod(anchorDay: number, end: Date): Period {
  return periodContaining(anchorDay, end);
}

/** Whole days in the period (28–31). */
export function daysIn(period: Period): number {
  return Math.round((period.end.getTime() - period.start.getTime()) / DAY_MS);
}

/**
 * Unused whole days of the period at `at`: the day `at` falls on counts as used (day-based proration).
 * Day 10 of a 30-day period → 20.
 */
export function daysRemaining(period: Period, at: Date): number {
  const usedDays = Math.floor((at.getTime() - period.start.getTime()) / DAY_MS) + 1;
  return Math.max(0, Math.min(daysIn(period), daysIn(period) - usedDays));
}
