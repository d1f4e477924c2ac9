import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { sendEmail } from '../../mail/mailer';
import { requestMetrics, type RequestMetrics, type RouteSummary } from '../monitoring/request-metrics';
import { publishRequestMetrics, pruneSharedMetrics, sharedSummary } from '../monitoring/shared-metrics';
import { queueStats } from '../health/queue-stats';
import { getThresholds, type Thresholds } from './thresholds';

export const CHECK_THRESHOLDS_JOB = 'monitoring.check-thresholds';
/** The request metrics a check looks at: the last quarter of an hour, of every API process. */
export const CHECK_WINDOW_MINUTES = 15;
/** Fewer requests than this in the window say nothing about error rate or latency. */
export const MIN_REQUESTS = 20;

export type AlertMetric = 'error_rate' | 'p95_latency' | 'queue_backlog';

export const METRIC_LABELS: Record<AlertMetric, { label: string; unit: string }> = {
  error_rate: { label: 'Error rate', unit: '%' },
  p95_latency: { label: 'p95 latency', unit: 'ms' },
  queue_backlog: { label: 'Job queue backlog', unit: 'jobs' },
};

interface Reading {
  metric: AlertMetric;
  /** null: not enough data to judge (counts as "not crossed"). */
  value: number | null;
  threshold: number;
}

export interface CheckResult {
  raised: AlertMetric[];
  resolved: AlertMetric[];
  stillOpen: AlertMetric[];
  notified: number;
}

function readings(thresholds: Thresholds, overall: RouteSummary, backlog: number): Reading[] {
  const enough = overall.requests >= MIN_REQUESTS;
  return [
    { metric: 'error_rate', value: enough ? overall.errorRatePercent : null, threshold: thresholds.errorRatePercent },
    { metric: 'p95_latency', value: enough ? overall.p95Ms : null, threshold: thresholds.p95LatencyMs },
    { metric: 'queue_backlog', value: backlog, threshold: thresholds.queueBacklog },
  ];
}

const fmt = (metric: AlertMetric, n: number) => `${Math.round(n * 10) / 10} ${METRIC_LABELS[metric].unit}`;

/**
 * Compares error rate, p95 latency and queue backlog with the thresholds. A crossing opens one alert and
 * e-mails the super admins once; later checks while it stays crossed only update the value; going back
 * under closes it with an "all clear" e-mail.
 */
export async function checkThresholds(metrics: RequestMetrics = requestMetrics): Promise<CheckResult> {
  const now = clock.now();
  // This process's latest minute first (in a worker it has none), then every API process's traffic.
  await publishRequestMetrics(metrics);
  await pruneSharedMetrics();
  const [thresholds, queue, overall] = await Promise.all([getThresholds(), queueStats(), sharedSummary(CHECK_WINDOW_MINUTES)]);
  const current = readings(thresholds, overall, queue.backlog);

  return db().transaction(async (transaction) => {
    // Two workers checking at once would otherwise both see "no open alert" and both e-mail.
    await db().query(`SELECT pg_advisory_xact_lock(7316007)`, { transaction });
    const open = await db().query<{ id: string; metric: AlertMetric }>(`SELECT id, metric FROM monitoring_alerts WHERE resolved_at IS NULL FOR UPDATE`, { type: QueryTypes.SELECT, transaction });
    const openByMetric = new Map(open.map((a) => [a.metric, a.id]));
    const result: CheckResult = { raised: [], resolved: [], stillOpen: [], notified: 0 };
    const raisedLines: string[] = [];
    const resolvedLines: string[] = [];

    for (const r of current) {
      const crossed = r.value !== null && r.value > r.threshold;
      const openId = openByMetric.get(r.metric);
      if (crossed && !openId) {
        await db().query(
          `INSERT INTO monitoring_alerts (metric, threshold, value, last_value, started_at, last_checked_at, notified_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          { replacements: [r.metric, r.threshold, r.value, r.value, now, now, now], transaction },
        );
        result.raised.push(r.metric);
        raisedLines.push(`- ${METRIC_LABELS[r.metric].label}: ${fmt(r.metric, r.value!)} (threshold ${fmt(r.metric, r.threshold)})`);
      } else if (crossed && openId) {
        await db().query(`UPDATE monitoring_alerts SET last_value = ?, threshold = ?, last_checked_at = ? WHERE id = ?`, { replacements: [r.value, r.threshold, now, openId], transaction });
        result.stillOpen.push(r.metric);
      } else if (!crossed && openId) {
        await db().query(`UPDATE monitoring_alerts SET resolved_at = ?, last_checked_at = ?, last_value = coalesce(?, last_value) WHERE id = ?`, { replacements: [now, now, r.value, openId], transaction });
        result.resolved.push(r.metric);
        resolvedLines.push(`- ${METRIC_LABELS[r.metric].label}: ${r.value === null ? 'too little traffic to measure' : fmt(r.metric, r.value)} (threshold ${fmt(r.metric, r.threshold)})`);
      }
    }

    if (raisedLines.length) {
      const what = result.raised.length === 1 ? `${METRIC_LABELS[result.raised[0]].label} above its threshold` : `${result.raised.length} thresholds crossed`;
      result.notified += await notifyOps(transaction, `[Socrates alert] ${what}`, `These alert thresholds were crossed at ${now.toISOString()}:\n\n${raisedLines.join('\n')}\n\nSee System Monitoring in the operations console. You will not be e-mailed again about these until they recover and cross again.`, 'monitoring_alert');
    }
    if (resolvedLines.length) result.notified += await notifyOps(transaction, `[Socrates] all clear: ${resolvedLines.length} alert${resolvedLines.length === 1 ? '' : 's'} resolved`, `Back under the threshold at ${now.toISOString()}:\n\n${resolvedLines.join('\n')}`, 'monitoring_alert_resolved');
    return result;
  });
}

/** E-mails every active super admin (the ops team); returns how many were written to the outbox. */
async function notifyOps(transaction: Transaction, subject: string, text: string, template: string): Promise<number> {
  const recipients = await db().query<{ email: string }>(
    `SELECT u.email FROM users u JOIN admin_users a ON a.user_id = u.id WHERE a.role = 'super_admin' AND u.status = 'active' ORDER BY u.email`,
    { type: QueryTypes.SELECT, transaction },
  );
  for (const r of recipients) await sendEmail({ to: r.email, subject, text, template }, transaction);
  return recipients.length;
}
