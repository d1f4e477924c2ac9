import { getThresholds } from '../alerts/thresholds';
import { requestMetrics, type RequestMetrics } from './request-metrics';

/** The last `minutes` (default 60) of this process's request metrics, with the thresholds to judge them by. */
export async function getPerformance(minutes = 60, metrics: RequestMetrics = requestMetrics) {
  return { ...metrics.summary(minutes), thresholds: await getThresholds() };
}
