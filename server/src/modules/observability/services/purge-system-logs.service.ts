import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { DAY_MS } from '../../../lib/time';

export const PURGE_SYSTEM_LOGS_JOB = 'observability.purge-system-logs';
/** Lines and error events are kept this long; error groups (their counts, first/last seen) are kept. */
export const SYSTEM_LOG_RETENTION_DAYS = 30;
const BATCH = 10_000;

/** Deletes system log lines older than the retention window, in batches so no lock is held for long. */
export async function purgeSystemLogs(days = SYSTEM_LOG_RETENTION_DAYS): Promise<number> {
  const before = new Date(clock.now().getTime() - days * DAY_MS);
  let total = 0;
  for (;;) {
    const rows = await db().query<{ n: number }>(
      `WITH gone AS (DELETE FROM system_logs WHERE id IN (SELECT id FROM system_logs WHERE created_at < $1 LIMIT ${BATCH}) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      { bind: [before], type: QueryTypes.SELECT },
    );
    total += rows[0].n;
    if (rows[0].n < BATCH) return total;
  }
}
