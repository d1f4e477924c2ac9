import { SubscriptionTier } from '../billing.models';
import { presentTier } from '../billing.presenter';

/** The tiers on offer, cheapest first. */
export async function listTiers() {
  const tiers = await SubscriptionTier.findAll({ where: { active: true }, order: [['sortOrder', 'ASC']] });
  return tiers.map(presentTier);
}
