import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';

export interface QueueStats {
  /** Jobs due now that no worker has started yet. */
  backlog: number;
  /** Jobs running now. */
  active: number;
  /** Jobs that used up their retries in the last 24 hours. */
  failedLast24h: number;
  /** Age in seconds of the oldest job waiting in the backlog (0 when it is empty). */
  oldestWaitingSeconds: number;
}

/** Counts from pg-boss's job table (its schema `pgboss`; the table is partitioned by queue). */
export async function queueStats(): Promise<QueueStats> {
  const [row] = await db().query<{ backlog: number; active: number; failed: number; oldest: number | null }>(
    `SELECT count(*) FILTER (WHERE state < 'active' AND start_after <= now())::int AS backlog,
            count(*) FILTER (WHERE state = 'active')::int AS active,
            count(*) FILTER (WHERE state = 'failed' AND completed_on > now() - interval '24 hours')::int AS failed,
            extract(epoch FROM now() - min(start_after) FILTER (WHERE state < 'active' AND start_after <= now()))::float8 AS oldest
       FROM pgboss.job`,
    { type: QueryTypes.SELECT },
  );
  return { backlog: row.backlog, active: row.active, failedLast24h: row.failed, oldestWaitingSeconds: Math.round(row.oldest ?? 0) };
}
