import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { addDays, dayOf } from '../days';
import { PROJECT_COUNTS, USER_COUNTS } from '../event-aggregates';
import type { DayRange } from '../range';

export interface UserDay {
  day: string;
  events: number;
  logins: number;
  projects_created: number;
  snippets_created: number;
  analyses_run: number;
  analyses_completed: number;
  bugs_found: number;
  quality_score_sum: number;
  confidence_sum: number;
  exports: number;
  searches: number;
  tickets_created: number;
  page_views: number;
  feature_uses: number;
}

export interface ProjectTypeDay {
  day: string;
  project_id: string;
  analysis_type: string;
  analyses_run: number;
  analyses_completed: number;
  bugs_found: number;
  quality_score_sum: number;
  confidence_sum: number;
}

/**
 * Whether "today" must be computed live: the nightly rollup has not seen it yet. Live figures come from
 * this customer's own raw events through the (user_id, occurred_at) index, so they stay cheap.
 */
function liveToday(range: DayRange): string | null {
  const today = dayOf(clock.now());
  return range.from <= today && today <= range.to ? today : null;
}

/** A customer's activity per UTC day in the range: rolled-up days plus today live. */
export async function userDays(userId: string, range: DayRange): Promise<UserDay[]> {
  const today = liveToday(range);
  const rows = await db().query<UserDay>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, events, logins, projects_created, snippets_created, analyses_run, analyses_completed, bugs_found,
       quality_score_sum, confidence_sum, exports, searches, tickets_created, page_views, feature_uses
     FROM analytics_daily_users WHERE user_id = :userId AND day >= :from AND day <= :to AND (CAST(:today AS date) IS NULL OR day <> CAST(:today AS date))
     ORDER BY day`,
    { replacements: { userId, ...range, today }, type: QueryTypes.SELECT },
  );
  if (today) {
    const [live] = await db().query<UserDay>(
      `SELECT :today AS day, ${USER_COUNTS} FROM analytics_events WHERE user_id = :userId AND occurred_at >= :lo AND occurred_at < :hi`,
      { replacements: { userId, today, lo: `${today}T00:00:00Z`, hi: `${addDays(today, 1)}T00:00:00Z` }, type: QueryTypes.SELECT },
    );
    if (live && live.events > 0) rows.push(live);
  }
  return rows;
}

/** A customer's analyses per project, type and UTC day in the range (optionally one project): rolled up plus today live. */
export async function projectTypeDays(userId: string, range: DayRange, projectId?: string): Promise<ProjectTypeDay[]> {
  const today = liveToday(range);
  const rows = await db().query<ProjectTypeDay>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, project_id, analysis_type, analyses_run, analyses_completed, bugs_found, quality_score_sum, confidence_sum
     FROM analytics_daily_projects
     WHERE user_id = :userId AND day >= :from AND day <= :to AND (CAST(:today AS date) IS NULL OR day <> CAST(:today AS date))
       AND (CAST(:projectId AS uuid) IS NULL OR project_id = CAST(:projectId AS uuid))
     ORDER BY day`,
    { replacements: { userId, ...range, today, projectId: projectId ?? null }, type: QueryTypes.SELECT },
  );
  if (today) {
    const live = await db().query<ProjectTypeDay>(
      `SELECT :today AS day, e.project_id, coalesce(e.properties->>'analysisType', 'unknown') AS analysis_type, ${PROJECT_COUNTS}
       FROM analytics_events e JOIN projects p ON p.id = e.project_id AND p.owner_id = :userId
       WHERE e.user_id = :userId AND e.occurred_at >= :lo AND e.occurred_at < :hi AND e.event_type IN ('analysis_run', 'analysis_completed')
         AND (CAST(:projectId AS uuid) IS NULL OR e.project_id = CAST(:projectId AS uuid))
       GROUP BY 2, 3`,
      { replacements: { userId, today, projectId: projectId ?? null, lo: `${today}T00:00:00Z`, hi: `${addDays(today, 1)}T00:00:00Z` }, type: QueryTypes.SELECT },
    );
    rows.push(...live);
  }
  return rows;
}

/** Sums numeric fields of rows. */
export function sumBy<T, K extends keyof T>(rows: T[], keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = 0;
  for (const r of rows) for (const k of keys) out[k] += Number(r[k]);
  return out;
}

/** An average rounded to one decimal, null without data. */
export function avg(sum: number, n: number, digits = 1): number | null {
  if (!n) return null;
  const f = 10 ** digits;
  return Math.round((sum / n) * f) / f;
}
