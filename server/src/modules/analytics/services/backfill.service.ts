import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { addDays, dayOf, monthsCovering } from '../days';
import { ensurePartitions, monthsInDefaultPartition } from '../partitions';
import { refreshMetrics, rollupRange } from './rollup.service';

export interface BackfillResult {
  from: string;
  to: string;
  days: number;
  partitionsCreated: string[];
  ms: number;
}

/**
 * Rebuilds every rollup for [from, to) (default: from the first event or signup through yesterday, the
 * last complete day; customers' today is live): gives months stranded in the default partition their own partition, then
 * rolls up month by month. Safe to re-run at any time.
 */
export async function backfillAnalytics(opts: { from?: string; to?: string } = {}): Promise<BackfillResult> {
  const started = Date.now();
  const partitionsCreated: string[] = [];
  for (const month of await monthsInDefaultPartition()) partitionsCreated.push(...(await ensurePartitions({ from: month, monthsAhead: 0 })).filter((m) => m === month.slice(0, 7)));
  partitionsCreated.push(...(await ensurePartitions({ monthsAhead: 3 })));
  const [first] = await db().query<{ day: string | null }>(
    `SELECT to_char(least((SELECT min(occurred_at) FROM analytics_events), (SELECT min(created_at) FROM users)) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day`,
    { type: QueryTypes.SELECT },
  );
  const to = opts.to ?? dayOf(clock.now());
  const from = opts.from ?? first?.day ?? dayOf(clock.now());
  let days = 0;
  for (const month of monthsCovering(from, to)) {
    const lo = month < from ? from : month;
    const next = addDays(month, 32).slice(0, 7) + '-01';
    const hi = next > to ? to : next;
    if (lo >= hi) continue;
    // ProjectMetrics and UserDashboardMetrics are all-time totals: refreshed once at the end, not per month.
    days += (await rollupRange(lo, hi, { metrics: false })).days;
  }
  await db().transaction((t) => refreshMetrics(t));
  return { from, to, days, partitionsCreated, ms: Date.now() - started };
}
