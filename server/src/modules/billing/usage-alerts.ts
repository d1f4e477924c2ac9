import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { sendEmail } from '../mail/mailer';
import { User } from '../users/user.models';
import type { Subscription, SubscriptionTier, UsageMetric } from './billing.models';
import type { Period } from './periods';

/** The shares of a limit at which the customer is told, once per period each. */
export const ALERT_THRESHOLDS = [80, 100] as const;

const LABEL: Record<UsageMetric, string> = { analyses_run: 'analyses this month', projects_created: 'projects', storage_bytes: 'code storage' };
const MB = 1024 * 1024;
const shown = (metric: UsageMetric, n: number) => (metric === 'storage_bytes' ? `${Math.round(n / MB)} MB` : String(n));

/**
 * After usage is recorded (in the action's transaction, with the subscription locked): e-mails the customer
 * when the metric first reaches 80% and 100% of the tier's limit in this period. The usage_alerts primary
 * key (subscription, metric, period, threshold) makes each e-mail happen once; the outbox row commits, or
 * rolls back, with the usage that caused it. Returns the thresholds alerted now.
 */
export async function sendUsageAlerts(
  transaction: Transaction,
  input: { subscription: Subscription; tier: SubscriptionTier; metric: UsageMetric; used: number; limit: number | null; period: Period },
): Promise<number[]> {
  const { subscription, tier, metric, used, limit, period } = input;
  if (limit === null || limit <= 0) return [];
  // 400 of 500 → 80% reached; integer arithmetic, so 399 × 100 = 39,900 < 80 × 500 = 40,000 is not.
  const reached = ALERT_THRESHOLDS.filter((t) => used * 100 >= t * limit);
  const sent: number[] = [];
  for (const threshold of reached) {
    const inserted = await db().query(
      `INSERT INTO usage_alerts (subscription_id, metric, period_start, threshold_percent, sent_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING threshold_percent`,
      { replacements: [subscription.id, metric, period.start, threshold, clock.now()], transaction, type: QueryTypes.SELECT },
    );
    if (inserted.length > 0) sent.push(threshold);
  }
  // One e-mail for the highest threshold crossed now (a jump from 70% to 100% is one message, not two).
  const top = sent[sent.length - 1];
  if (top === undefined) return sent;
  const user = await User.findByPk(subscription.userId, { transaction });
  if (!user) return sent;
  const overage = metric === 'analyses_run' && tier.overageAnalysisCents > 0;
  const after = top === 100
    ? overage
      ? `Further analyses this period are billed as overage at the end of the period.`
      : `Further ${LABEL[metric]} are blocked until ${metric === 'analyses_run' ? 'the next period starts' : 'you free some up'} or you upgrade.`
    : `You can upgrade from the billing page at any time.`;
  await sendEmail({
    to: user.email,
    template: `usage_alert_${top}`,
    subject: top === 100 ? `You have reached your ${tier.displayName} plan's limit for ${LABEL[metric]}` : `You have used ${top}% of your ${tier.displayName} plan's ${LABEL[metric]}`,
    text: `Hello ${user.name},\n\nYou have used ${shown(metric, used)} of the ${shown(metric, limit)} ${LABEL[metric]} your ${tier.displayName} plan includes (${Math.floor((used * 100) / limit)}%). ${after}\n`,
  }, transaction);
  return sent;
}
