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

/** Puts the seeded tiers back as migration 0002 made them and removes tiers tests created (tiers outlive resetDatabase). */
export async function resetTiers() {
  await db().query(`
    DELETE FROM subscription_tiers WHERE name NOT IN ('free', 'professional', 'enterprise')
      AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.tier_id = subscription_tiers.id OR s.scheduled_tier_id = subscription_tiers.id OR s.churned_from_tier_id = subscription_tiers.id);
    UPDATE subscription_tiers t SET display_name = v.display_name, monthly_price_cents = v.price, max_projects = v.projects, max_analyses_per_month = v.analyses,
      max_storage_mb = v.storage, overage_analysis_cents = v.overage, sort_order = v.sort, active = true
    FROM (VALUES ('free', 'Free', 0, 3, 20, 1024, 0, 0), ('professional', 'Professional', 9900, 50, 500, 25600, 10, 1), ('enterprise', 'Enterprise', 49900, NULL::int, 5000, 256000, 10, 2))
      AS v(name, display_name, price, projects, analyses, storage, overage, sort)
    WHERE t.name = v.name;
  `);
}
