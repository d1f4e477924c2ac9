import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { METRIC_LABELS, type AlertMetric } from './check-thresholds.service';

export interface AlertView {
  id: string;
  metric: AlertMetric;
  label: string;
  unit: string;
  threshold: number;
  value: number;
  lastValue: number;
  startedAt: string;
  lastCheckedAt: string;
  resolvedAt: string | null;
}

/** Open alerts first, then the most recent resolved ones. */
export async function listAlerts(opts: { limit?: number } = {}): Promise<AlertView[]> {
  const rows = await db().query<{ id: string; metric: AlertMetric; threshold: number; value: number; last_value: number; started_at: Date; last_checked_at: Date; resolved_at: Date | null }>(
    `SELECT id, metric, threshold, value, last_value, started_at, last_checked_at, resolved_at FROM monitoring_alerts
      ORDER BY resolved_at IS NULL DESC, started_at DESC LIMIT ?`,
    { replacements: [opts.limit ?? 20], type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    id: r.id,
    metric: r.metric,
    ...METRIC_LABELS[r.metric],
    threshold: r.threshold,
    value: r.value,
    lastValue: r.last_value,
    startedAt: new Date(r.started_at).toISOString(),
    lastCheckedAt: new Date(r.last_checked_at).toISOString(),
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  }));
}
