import { db } from '../../../db/sequelize';
import { SubscriptionTier } from '../billing.models';
import { presentTier } from '../billing.presenter';
import { lockSubscription } from '../subscription-lock';

/** The customer's plan: tier, status, current period and what happens at its end. */
export async function getCurrentSubscription(userId: string) {
  // lockSubscription puts a customer who predates billing on Free, so everyone has a plan to show.
  return db().transaction(async (transaction) => {
    const { subscription: s, tier } = await lockSubscription(transaction, userId, { lock: false });
    const scheduled = s.scheduledTierId ? await SubscriptionTier.findByPk(s.scheduledTierId, { transaction }) : null;
    return {
      id: s.id,
      status: s.status,
      tier: presentTier(tier),
      currentPeriodStart: s.currentPeriodStart.toISOString(),
      currentPeriodEnd: s.currentPeriodEnd.toISOString(),
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      cancelledAt: s.cancelledAt?.toISOString() ?? null,
      scheduledTier: scheduled ? presentTier(scheduled) : null,
    };
  });
}
