import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import { addInto, emptyStats, requestMetrics, summarize, type RequestMetrics, type RouteSummary } from './request-metrics';
import { HOUR_MS } from '../../../lib/time';

/**
 * Request metrics live in each API process; alerts must see all of them, and the check job may run in a
 * worker process that serves no HTTP at all. So every API process publishes its per-minute totals to
 * `request_metric_minutes` (every 30 s, and right before a check in the same process), and the check
 * adds up every process's rows.
 */
const MINUTE_MS = 60_000;
const KEEP_HOURS = 2;

/** Upserts this process's totals for the last few minutes (a minute's row is rewritten until it is over). */
export async function publishRequestMetrics(metrics: RequestMetrics = requestMetrics): Promise<void> {
  const current = Math.floor(clock.now().getTime() / MINUTE_MS);
  const rows = metrics.minuteTotals(current - 2);
  for (const { minute, stats } of rows) {
    await db().query(
      `INSERT INTO request_metric_minutes (instance_id, minute, requests, errors, sum_ms, buckets) VALUES (?, ?, ?, ?, ?, ?::jsonb)
       ON CONFLICT (instance_id, minute) DO UPDATE SET requests = EXCLUDED.requests, errors = EXCLUDED.errors, sum_ms = EXCLUDED.sum_ms, buckets = EXCLUDED.buckets`,
      { replacements: [metrics.instanceId, new Date(minute * MINUTE_MS), stats.count, stats.byStatus['5xx'], stats.sumMs, JSON.stringify(stats.buckets)] },
    );
  }
}

/** Every process's requests over the last `minutes` minutes, added up. */
export async function sharedSummary(minutes: number): Promise<RouteSummary> {
  const now = clock.now().getTime();
  const since = new Date((Math.floor(now / MINUTE_MS) - minutes + 1) * MINUTE_MS);
  const rows = await db().query<{ requests: number; errors: number; sum_ms: number; buckets: number[] }>(
    `SELECT requests, errors, sum_ms, buckets FROM request_metric_minutes WHERE minute >= ? AND minute <= ?`,
    { replacements: [since, new Date(now)], type: QueryTypes.SELECT },
  );
  const total = emptyStats();
  for (const r of rows) {
    const stats = emptyStats();
    // A row written by a version with other bucket bounds cannot be merged bucket by bucket: skip it.
    if (!Array.isArray(r.buckets) || r.buckets.length !== stats.buckets.length) continue;
    stats.count = r.requests;
    stats.byStatus['5xx'] = r.errors;
    stats.sumMs = r.sum_ms;
    stats.buckets = r.buckets.map(Number);
    addInto(total, stats);
  }
  return summarize('all', total, minutes);
}

/** Drops rows older than any window anyone asks about. */
export async function pruneSharedMetrics(): Promise<void> {
  await db().query(`DELETE FROM request_metric_minutes WHERE minute < ?`, { replacements: [new Date(clock.now().getTime() - KEEP_HOURS * HOUR_MS)] });
}

let publisher: NodeJS.Timeout | undefined;

/** Publishes this process's totals every 30 s while it serves HTTP (unref'd: never keeps the process up). */
export function startMetricsPublisher(metrics: RequestMetrics = requestMetrics, intervalMs = 30_000): void {
  if (publisher) return;
  publisher = setInterval(() => {
    publishRequestMetrics(metrics).catch((err) => logger.debug({ err }, 'monitoring: publishing request metrics failed'));
  }, intervalMs);
  publisher.unref();
}
