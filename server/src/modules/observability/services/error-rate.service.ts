import { Op } from 'sequelize';
import { clock } from '../../../lib/clock';
import { Setting } from '../../system/setting.models';
import { requestMetrics } from '../../system/monitoring/request-metrics';
import { ErrorGroup, SystemLog } from '../observability.models';
import { DAY_MS } from '../../../lib/time';

// Shared with the monitoring page, which owns and edits this setting.
const THRESHOLDS_KEY = 'monitoring.thresholds';
const DEFAULT_ERROR_RATE_PERCENT = 5;
// Below this many requests in the window a rate says nothing (1 failure in 3 requests is not an outage).
const MIN_REQUESTS = 20;

/** The API's 5xx rate over the last hour against the alert threshold, with counts of stored error events. */
export async function getErrorSummary() {
  const stored = (await Setting.findByPk(THRESHOLDS_KEY))?.value as { errorRatePercent?: unknown } | undefined;
  const threshold = typeof stored?.errorRatePercent === 'number' ? stored.errorRatePercent : DEFAULT_ERROR_RATE_PERCENT;
  const overall = requestMetrics.summary(60).overall;
  const now = clock.now().getTime();
  const [eventsLastHour, eventsLast24h, unresolvedGroups, regressedGroups] = await Promise.all([
    SystemLog.count({ where: { errorGroupId: { [Op.ne]: null }, createdAt: { [Op.gte]: new Date(now - 3600_000) } } }),
    SystemLog.count({ where: { errorGroupId: { [Op.ne]: null }, createdAt: { [Op.gte]: new Date(now - DAY_MS) } } }),
    ErrorGroup.count({ where: { status: 'unresolved' } }),
    ErrorGroup.count({ where: { status: 'unresolved', regressed: true } }),
  ]);
  const rate = overall.requests ? (overall.errors / overall.requests) * 100 : 0;
  return {
    windowMinutes: 60,
    requests: overall.requests,
    serverErrors: overall.errors,
    errorRatePercent: Math.round(rate * 100) / 100,
    thresholdPercent: threshold,
    alert: overall.requests >= MIN_REQUESTS && rate > threshold,
    eventsLastHour,
    eventsLast24h,
    unresolvedGroups,
    regressedGroups,
  };
}
