import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { addDays, dayOf, daysBetween, monthsCovering } from '../days';
import { ensurePartitions, monthsInDefaultPartition } from '../partitions';
import { reconstructMrr, refreshMetrics, rollupEvents, rollupMrr, rollupPlatform } from './rollup.service';

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
  const months: Array<[string, string]> = [];
  for (const month of monthsCovering(from, to)) {
    const lo = month < from ? from : month;
    const next = addDays(month, 32).slice(0, 7) + '-01';
    const hi = next > to ? to : next;
    if (lo < hi) months.push([lo, hi]);
  }
  // Phase 1, two months at a time (the machine's cores): each month's events and MRR snapshots in its own
  // transaction. A shared lock lets the months run together but never beside the nightly job's exclusive one.
  let nextMonth = 0;
  const worker = async () => {
    while (nextMonth < months.length) {
      const [lo, hi] = months[nextMonth++];
      await db().transaction(async (t) => {
        await db().query(`SELECT pg_advisory_xact_lock_shared(7316009)`, { transaction: t });
        await rollupEvents(t, lo, hi);
        await reconstructMrr(t, lo, hi);
      });
    }
  };
  await Promise.all([worker(), worker()]);
  // Phase 2, once over the whole range: MRR movements need the day before each month, platform rows and the
  // all-time metrics read what phase 1 wrote.
  await db().transaction(async (t) => {
    await db().query(`SELECT pg_advisory_xact_lock(7316009)`, { transaction: t });
    await rollupMrr(t, from, to);
    await rollupPlatform(t, from, to);
    await refreshMetrics(t);
  });
  const days = months.length ? daysBetween(months[0][0], months[months.length - 1][1]) : 0;
  return { from, to, days, partitionsCreated, ms: Date.now() - started };
}
