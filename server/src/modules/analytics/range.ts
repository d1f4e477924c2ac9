import { AppError } from '../../http/errors';
import { clock } from '../../lib/clock';
import { MAX_RANGE_DAYS } from './analytics.schemas';
import { addDays, dayOf, daysBetween } from './days';

/** Inclusive UTC days. */
export interface DayRange {
  from: string;
  to: string;
}

export interface ResolvedRange {
  range: DayRange;
  /** The period of equal length that ends the day before `range.from`; set with compare=previous. */
  previous: DayRange | null;
  days: number;
}

/**
 * Turns from/to/compare into inclusive day ranges. Defaults: the 30 days ending `defaultEnd` (today for
 * customers, whose "today" is live; yesterday for admins, whose figures come from the nightly rollup).
 */
export function resolveRange(q: { from?: string; to?: string; compare?: string }, opts: { defaultEnd: 'today' | 'yesterday' }): ResolvedRange {
  const today = dayOf(clock.now());
  const to = q.to ?? (q.from && q.from > today ? q.from : opts.defaultEnd === 'today' ? today : addDays(today, -1));
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw AppError.validation({ from: ['The start must be on or before the end'] }, 'Invalid date range');
  const days = daysBetween(from, to) + 1;
  if (days > MAX_RANGE_DAYS) throw AppError.validation({ from: [`At most ${MAX_RANGE_DAYS} days at once`] }, 'Date range too long');
  const previous = q.compare === 'previous' ? { from: addDays(from, -days), to: addDays(from, -1) } : null;
  return { range: { from, to }, previous, days };
}

/** Relative change in percent, one decimal; null when there is nothing to compare with. */
export function percentChange(current: number, previous: number | undefined | null): number | null {
  if (previous === undefined || previous === null) return null;
  if (previous === 0) return current === 0 ? 0 : null;
  return Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
}

/** `{ kpi: change% }` for every numeric KPI present in both. */
export function changes<K extends string>(current: Record<K, number>, previous: Record<K, number> | null): Record<K, number | null> | null {
  if (!previous) return null;
  const out = {} as Record<K, number | null>;
  for (const k of Object.keys(current) as K[]) out[k] = percentChange(current[k], previous[k]);
  return out;
}
