/** UTC calendar days as 'YYYY-MM-DD' strings: the unit of every rollup. */
import { DAY_MS } from '../../lib/time';

export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function startOf(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The first day of the month after the one starting `month` ('YYYY-MM-01'). */
export function nextMonth(month: string): string {
  const d = new Date(`${month}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return dayOf(d);
}

/** First days of the months touching [from, to) as 'YYYY-MM-01'. */
export function monthsCovering(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m < to; m = nextMonth(m)) out.push(m);
  return out;
}
