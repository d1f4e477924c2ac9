import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import { clock } from '../../lib/clock';
import { SubscriptionTier, type Subscription, type UsageMetric } from './billing.models';
import { periodContaining, type Period } from './periods';
import { lockSubscription } from './subscription-lock';
import { sendUsageAlerts } from './usage-alerts';

const MB = 1024 * 1024;

/** The usage period `now` falls in. Computed from the anchor, not read from current_period_*, so counting
 * resets on time even before the month-end run has rolled the subscription over. */
export function usagePeriod(subscription: Subscription, now = clock.now()): Period {
  return periodContaining(subscription.anchorDay, now);
}

/** The tier's limit for a metric, in the metric's unit; null = unlimited. */
export function limitOf(tier: SubscriptionTier, metric: UsageMetric): number | null {
  if (metric === 'projects_created') return tier.maxProjects;
  if (metric === 'analyses_run') return tier.maxAnalysesPerMonth;
  return tier.maxStorageMb === null ? null : tier.maxStorageMb * MB;
}

/**
 * What counts against the limit. Analyses are a monthly allowance, so they come from this period's usage
 * records; projects and storage are standing allowances, so they are what the customer holds right now
 * (deleting a project frees its slot).
 */
export async function currentUsage(transaction: Transaction | undefined, userId: string, subscription: Subscription, metric: UsageMetric): Promise<number> {
  const one = async (sql: string, replacements: unknown[]) => (await db().query<{ n: number }>(sql, { replacements, transaction, type: QueryTypes.SELECT }))[0].n;
  if (metric === 'projects_created') return one(`SELECT count(*)::bigint AS n FROM projects WHERE owner_id = ?`, [userId]);
  if (metric === 'storage_bytes') return one(`SELECT coalesce(sum(size_bytes), 0)::bigint AS n FROM snippets WHERE owner_id = ?`, [userId]);
  return one(`SELECT coalesce(sum(quantity), 0)::bigint AS n FROM usage_records WHERE subscription_id = ? AND metric = ? AND period_start = ?`, [subscription.id, metric, usagePeriod(subscription).start]);
}

const NOUN: Record<UsageMetric, string> = { projects_created: 'projects', analyses_run: 'analyses a month', storage_bytes: 'MB of code storage' };

/**
 * Checks, inside the action's transaction, that `quantity` more of the metric is allowed, and locks the
 * subscription so that parallel actions cannot all pass the same check. Over a hard limit → 402
 * plan_limit_reached naming the cheapest tier that would allow it. Analyses over the limit of a tier with
 * an overage price are allowed (billed at month end).
 */
export async function assertWithinLimit(transaction: Transaction, userId: string, metric: UsageMetric, quantity = 1): Promise<void> {
  const { subscription, tier } = await lockSubscription(transaction, userId);
  const limit = limitOf(tier, metric);
  if (limit === null) return;
  const used = await currentUsage(transaction, userId, subscription, metric);
  if (used + quantity <= limit) return;
  if (metric === 'analyses_run' && tier.overageAnalysisCents > 0) return;

  const tiers = await SubscriptionTier.findAll({ where: { active: true }, order: [['sortOrder', 'ASC']], transaction });
  const upgrade = tiers.find((t) => t.sortOrder > tier.sortOrder && (limitOf(t, metric) === null || limitOf(t, metric)! >= used + quantity));
  const shown = metric === 'storage_bytes' ? `${tier.maxStorageMb} ${NOUN[metric]}` : `${limit} ${NOUN[metric]}`;
  throw new AppError(
    402,
    'plan_limit_reached',
    `Your ${tier.displayName} plan allows ${shown}. ${upgrade ? `Upgrade to ${upgrade.displayName} to go further.` : 'Contact us to raise the limit.'}`,
    undefined,
    { metric, limit, used, upgradeTo: upgrade?.name ?? null },
  );
}

export interface UsageInput {
  userId: string;
  metric: UsageMetric;
  quantity: number;
  /** Unique per event (`analysis:<id>`): recording the same event twice stores one row. */
  idempotencyKey: string;
}

/** Records usage in the caller's transaction, against the current period; returns false for a repeat. */
export async function recordUsage(transaction: Transaction, input: UsageInput): Promise<boolean> {
  const { subscription, tier } = await lockSubscription(transaction, input.userId);
  const now = clock.now();
  const period = usagePeriod(subscription, now);
  const inserted = await db().query(
    `INSERT INTO usage_records (subscription_id, metric, quantity, period_start, idempotency_key, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    { replacements: [subscription.id, input.metric, input.quantity, period.start, input.idempotencyKey, now], transaction, type: QueryTypes.SELECT },
  );
  if (inserted.length === 0) return false;
  const limit = limitOf(tier, input.metric);
  if (limit !== null) {
    const used = await currentUsage(transaction, input.userId, subscription, input.metric);
    await sendUsageAlerts(transaction, { subscription, tier, metric: input.metric, used, limit, period });
  }
  return true;
}
