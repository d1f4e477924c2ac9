import { QueryTypes } from 'sequelize';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { dayOf, monthsCovering } from './days';

/**
 * Makes sure the monthly partitions of analytics_events exist from `from` through `monthsAhead` months
 * after now (rows already in the default partition for those months are moved in). Returns the names
 * of the months it created.
 */
export async function ensurePartitions(opts: { from?: string; monthsAhead?: number } = {}): Promise<string[]> {
  const now = clock.now();
  const ahead = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + (opts.monthsAhead ?? 3) + 1, 1));
  const created: string[] = [];
  for (const month of monthsCovering(opts.from ?? dayOf(now), dayOf(ahead))) {
    const [row] = await db().query<{ created: boolean }>(`SELECT analytics_ensure_partition(CAST(:month AS date)) AS created`, { replacements: { month }, type: QueryTypes.SELECT });
    if (row.created) created.push(month.slice(0, 7));
  }
  return created;
}

/** Months that still have rows in the default partition (the backfill gives them partitions). */
export async function monthsInDefaultPartition(): Promise<string[]> {
  const rows = await db().query<{ month: string }>(
    `SELECT DISTINCT to_char(date_trunc('month', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month FROM analytics_events_default ORDER BY 1`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.month);
}
