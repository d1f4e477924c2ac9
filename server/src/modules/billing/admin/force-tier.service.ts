import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { audit, type AuditActor } from '../../admin/audit';
import { Subscription, SubscriptionTier } from '../billing.models';
import type { PaymentGateway } from '../gateways';
import { upgradeSubscription } from '../services/change-plan.service';
import { getCurrentSubscription } from '../services/get-current-subscription.service';
import { lockSubscription } from '../subscription-lock';

export interface ForceTierInput {
  tierId: string;
  /** true: the customer's upgrade (prorated invoice charged now); false: switch at no charge (a comp). */
  charge: boolean;
  reason: string;
}

/**
 * An admin puts a subscription on a tier now. With `charge` it is exactly the customer's upgrade (a dearer
 * tier, a card on file, a proration invoice collected at once). Without, the tier changes immediately and
 * nothing is invoiced for the rest of this period (any tier, up or down); the next month end bills the new
 * tier's price as usual. Either way any scheduled downgrade is dropped and the change is audited with the reason.
 */
export async function forceTier(gateway: PaymentGateway, actor: AuditActor, subscriptionId: string, input: ForceTierInput) {
  const subscription = await Subscription.findByPk(subscriptionId);
  if (!subscription) throw AppError.notFound('Subscription');
  if (subscription.status === 'cancelled') throw AppError.conflict('subscription_ended', 'This subscription has ended; the customer has a newer one');
  const target = await SubscriptionTier.findByPk(input.tierId);
  if (!target || !target.active) throw AppError.validation({ tierId: ['Choose an active plan'] }, 'Unknown plan');

  if (input.charge) {
    const result = await upgradeSubscription(gateway, { userId: subscription.userId, tier: target.name, admin: actor, reason: input.reason });
    return { ...result, charged: true };
  }

  await db().transaction(async (transaction) => {
    const { subscription: locked, tier: from } = await lockSubscription(transaction, subscription.userId);
    if (locked.id !== subscriptionId) throw AppError.conflict('subscription_ended', 'This subscription has ended; the customer has a newer one');
    if (from.id === target.id) throw AppError.conflict('already_on_tier', `The customer is already on ${target.displayName}`);
    const before = { tier: from.name, scheduledTierId: locked.scheduledTierId, churnedFromTierId: locked.churnedFromTierId };
    const back = target.monthlyPriceCents > 0;
    await locked.update({ tierId: target.id, scheduledTierId: null, ...(back ? { churnedFromTierId: null, churnedAt: null } : {}) }, { transaction });
    await audit(actor, { action: 'subscription.tier_forced', targetType: 'subscription', targetId: subscriptionId, before, after: { tier: target.name, charge: false, reason: input.reason } }, transaction);
  });
  return { subscription: await getCurrentSubscription(subscription.userId), invoice: null, charged: false };
}
