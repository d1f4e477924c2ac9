import type { RangeQuery } from '../analytics.schemas';
import { addDays, daysBetween } from '../days';
import { resolveRange, type DayRange } from '../range';
import { avg, userDays } from './customer-days';

export interface TimelineDay {
  day: string;
  analysesRun: number;
  analysesCompleted: number;
  bugsFound: number;
  avgQualityScore: number | null;
  projectsCreated: number;
  snippetsCreated: number;
  logins: number;
  exports: number;
  events: number;
}

async function daysOf(userId: string, range: DayRange): Promise<TimelineDay[]> {
  const byDay = new Map((await userDays(userId, range)).map((d) => [d.day, d]));
  const days: TimelineDay[] = [];
  for (let i = 0; i <= daysBetween(range.from, range.to); i++) {
    const day = addDays(range.from, i);
    const d = byDay.get(day);
    days.push({
      day,
      analysesRun: d?.analyses_run ?? 0,
      analysesCompleted: d?.analyses_completed ?? 0,
      bugsFound: d?.bugs_found ?? 0,
      avgQualityScore: d ? avg(Number(d.quality_score_sum), d.analyses_completed) : null,
      projectsCreated: d?.projects_created ?? 0,
      snippetsCreated: d?.snippets_created ?? 0,
      logins: d?.logins ?? 0,
      exports: d?.exports ?? 0,
      events: d?.events ?? 0,
    });
  }
  return days;
}

/** The customer's activity per UTC day over the range (every day present, zeros included), and the previous period's with compare=previous. */
export async function getCustomerTimeline(userId: string, q: RangeQuery) {
  const { range, previous } = resolveRange(q, { defaultEnd: 'today' });
  const [days, prev] = await Promise.all([daysOf(userId, range), previous ? daysOf(userId, previous) : Promise.resolve(null)]);
  return { range, days, previous: previous && prev ? { range: previous, days: prev } : null };
}
