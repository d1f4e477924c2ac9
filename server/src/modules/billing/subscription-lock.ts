import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { Subscription, SubscriptionTier } from './billing.models';
import { anchorDayOf, periodContaining } from './periods';

export const FREE_TIER = 'free';

/**
 * Puts the user on Free for the current period (with a billing account) unless they already have a live
 * subscription. Idempotent and race-safe: ON CONFLICT against the one-live-subscription index means two
 * transactions doing this at once create one row.
 */
export async function ensureSubscription(transaction: Transaction, userId: string): Promise<void> {
  const now = clock.now();
  const anchorDay = anchorDayOf(now);
  const period = periodContaining(anchorDay, now);
  await db().query(`INSERT INTO billing_accounts (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING`, { replacements: [userId], transaction, type: QueryTypes.INSERT });
  await db().query(
    `INSERT INTO subscriptions (user_id, tier_id, anchor_day, current_period_start, current_period_end, created_at, updated_at)
     SELECT ?, id, ?, ?, ?, ?, ? FROM subscription_tiers WHERE name = ?
     ON CONFLICT (user_id) WHERE status <> 'cancelled' DO NOTHING`,
    { replacements: [userId, anchorDay, period.start, period.end, now, now, FREE_TIER], transaction, type: QueryTypes.INSERT },
  );
}

/**
 * The user's live subscription with its tier, row-locked (FOR UPDATE) until the transaction ends, so
 * concurrent actions of one customer check and record usage one at a time. Users without one (created
 * before billing, or by test factories) are put on Free first. Readers pass `lock: false` (they still get
 * the lazy Free plan, but do not queue behind the customer's actions).
 */
export async function lockSubscription(transaction: Transaction, userId: string, opts: { lock?: boolean } = {}): Promise<{ subscription: Subscription; tier: SubscriptionTier }> {
  const lock = opts.lock === false ? undefined : transaction.LOCK.UPDATE;
  const find = () => Subscription.findOne({ where: { userId, status: ['active', 'past_due', 'trial'] }, transaction, lock });
  let subscription = await find();
  if (!subscription) {
    await ensureSubscription(transaction, userId);
    subscription = await find();
  }
  if (!subscription) throw new Error(`No subscription for user ${userId} and no Free tier to start one on`);
  const tier = await SubscriptionTier.findByPk(subscription.tierId, { transaction });
  if (!tier) throw new Error(`Subscription ${subscription.id} has an unknown tier`);
  return { subscription, tier };
}
