import type { SubscriptionTier } from './billing.models';

/** A tier as customers see it: price in cents and the limits (null = unlimited). */
export function presentTier(t: SubscriptionTier) {
  return {
    name: t.name,
    displayName: t.displayName,
    monthlyPriceCents: t.monthlyPriceCents,
    currency: t.currency,
    maxProjects: t.maxProjects,
    maxAnalysesPerMonth: t.maxAnalysesPerMonth,
    maxStorageMb: t.maxStorageMb,
    includesPrioritySupport: t.includesPrioritySupport,
    includesAdvancedAnalytics: t.includesAdvancedAnalytics,
    overageAnalysisCents: t.overageAnalysisCents,
  };
}
