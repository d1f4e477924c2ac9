import { defineQueue } from './queue';
import { PURGE_SYSTEM_LOGS_JOB, purgeSystemLogs } from '../modules/observability/services/purge-system-logs.service';
import { defineSearchJobs } from '../modules/search/jobs';
import { ANALYSIS_RUN_JOB, runAnalysis } from '../modules/analyses/analyses.service';
import { BuiltinAnalyzer } from '../modules/analyses/analyzer';
import { deliverEmail, EMAIL_DELIVER_JOB } from '../modules/mail/mailer';
import { processWebhookJob, WEBHOOK_PROCESS_JOB } from '../modules/billing/webhooks/process-webhook.service';
import { logger } from '../lib/logger';
import type { PaymentGateway } from '../modules/billing/gateways';
import { MONTH_END_JOB, runMonthEnd } from '../modules/billing/services/run-month-end.service';
import { RETRY_FAILED_JOB, retryFailedInvoices } from '../modules/billing/services/retry-failed-invoices.service';
import { COLLECT_INVOICE_JOB, collectInvoiceJob } from '../modules/billing/services/collect-invoice.service';
import { CHECK_THRESHOLDS_JOB, checkThresholds } from '../modules/system/alerts/check-thresholds.service';
import { ANALYTICS_ROLLUP_JOB, runDailyRollup } from '../modules/analytics/services/rollup.service';
import { USER_IMPORT_JOB, userImportJob } from '../modules/admin/users/import-users.service';
import { runSupportSweep, SUPPORT_SWEEP_JOB } from '../modules/support/support.jobs';

/** Every background job of the platform, declared once; `startQueue` creates and works them. */
export function defineJobs(deps: { gateway: PaymentGateway }): void {
  const { gateway } = deps;
  const analyzer = new BuiltinAnalyzer();
  defineSearchJobs();
  defineQueue({ name: ANALYSIS_RUN_JOB, handler: (data) => runAnalysis(analyzer, String(data.analysisId)) });
  defineQueue({ name: EMAIL_DELIVER_JOB, handler: (data) => deliverEmail(String(data.emailId)), retryLimit: 5 });
  defineQueue({ name: WEBHOOK_PROCESS_JOB, handler: processWebhookJob, retryLimit: 5 });
  // Daily: system log lines older than 30 days go; error groups keep their counts.
  defineQueue({ name: PURGE_SYSTEM_LOGS_JOB, schedule: '40 3 * * *', retryLimit: 1, handler: async () => void (await purgeSystemLogs()) });
  // Nightly: partitions ahead, yesterday's MRR snapshot and rollups (docs/analytics.md); re-runs are idempotent.
  defineQueue({ name: ANALYTICS_ROLLUP_JOB, schedule: '10 0 * * *', retryLimit: 3, handler: async () => void (await runDailyRollup()) });
  defineQueue({ name: USER_IMPORT_JOB, handler: userImportJob, retryLimit: 0 });
  // Every 5 minutes: an SLA breach is escalated at most 5 minutes late (re-runs skip flagged tickets), and
  // tickets waiting unassigned go to agents who have room.
  defineQueue({ name: SUPPORT_SWEEP_JOB, schedule: '*/5 * * * *', retryLimit: 1, handler: runSupportSweep });
  // Hourly: it acts only on periods that have ended, so an hour's delay at most; re-runs are no-ops.
  defineQueue({
    name: MONTH_END_JOB,
    schedule: '5 * * * *',
    retryLimit: 1,
    handler: async () => {
      const counts = await runMonthEnd(gateway, { collect: 'queue' });
      logger.info(counts, 'billing: month end run');
    },
  });
  // One per invoice month end wrote (sent with the invoice); collectInvoice is idempotent on the invoice.
  // Collections mostly wait on the payment processor, so several run at once; each locks its own invoice.
  defineQueue({ name: COLLECT_INVOICE_JOB, handler: (data) => collectInvoiceJob(gateway, data), retryLimit: 3, workers: 4 });
  // Hourly too: retries are due 1, 3 and 5 days after a failure, so an hour late at most.
  defineQueue({
    name: RETRY_FAILED_JOB,
    schedule: '35 * * * *',
    retryLimit: 1,
    handler: async () => {
      const counts = await retryFailedInvoices(gateway);
      logger.info(counts, 'billing: failed invoices retried');
    },
  });
  // Every 5 minutes; an alert e-mails the ops team once per crossing, so a re-run never repeats it.
  defineQueue({
    name: CHECK_THRESHOLDS_JOB,
    schedule: '*/5 * * * *',
    retryLimit: 0,
    handler: async () => {
      const result = await checkThresholds();
      if (result.raised.length || result.resolved.length) logger.warn(result, 'monitoring: alert thresholds');
    },
  });
}
