import { defineQueue } from './queue';
import { ANALYSIS_RUN_JOB, runAnalysis } from '../modules/analyses/analyses.service';
import { BuiltinAnalyzer } from '../modules/analyses/analyzer';
import { deliverEmail, EMAIL_DELIVER_JOB } from '../modules/mail/mailer';
import { processWebhookJob, WEBHOOK_PROCESS_JOB } from '../modules/billing/webhooks/process-webhook.service';

/** Every background job of the platform, declared once; `startQueue` creates and works them. */
export function defineJobs(): void {
  const analyzer = new BuiltinAnalyzer();
  defineQueue({ name: ANALYSIS_RUN_JOB, handler: (data) => runAnalysis(analyzer, String(data.analysisId)) });
  defineQueue({ name: EMAIL_DELIVER_JOB, handler: (data) => deliverEmail(String(data.emailId)), retryLimit: 5 });
  defineQueue({ name: WEBHOOK_PROCESS_JOB, handler: processWebhookJob, retryLimit: 5 });
}
