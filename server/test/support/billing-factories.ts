import { QueryTypes } from 'sequelize';
import { db } from '../../src/db/sequelize';
import { clock } from '../../src/lib/clock';
import { Subscription, SubscriptionTier, type UsageMetric } from '../../src/modules/billing/billing.models';
import { ensureSubscription } from '../../src/modules/billing/subscription-lock';
import { usagePeriod } from '../../src/modules/billing/usage';

/** Puts the user on a tier (Free by default) for the current period; returns the subscription. */
export async function makeSubscription(userId: string, over: { tier?: 'free' | 'professional' | 'enterprise' } = {}) {
  await db().transaction((t) => ensureSubscription(t, userId));
  const sub = (await Subscription.findOne({ where: { userId } }))!;
  if (over.tier && over.tier !== 'free') {
    const tier = (await SubscriptionTier.findOne({ where: { name: over.tier } }))!;
    await sub.update({ tierId: tier.id });
  }
  return sub;
}

/** `count` usage rows of one unit each in the subscription's current period, as if the actions had run. */
export async function makeUsage(subscription: Subscription, metric: UsageMetric, count: number) {
  await db().query(
    `INSERT INTO usage_records (subscription_id, metric, quantity, period_start, idempotency_key, recorded_at)
     SELECT ?, ?, 1, ?, 'test:' || gen_random_uuid(), ? FROM generate_series(1, ?)`,
    { replacements: [subscription.id, metric, usagePeriod(subscription).start, clock.now(), count], type: QueryTypes.INSERT },
  );
}
