import { db } from '../../../db/sequelize';
import { USAGE_METRICS } from '../billing.models';
import { computeOverage } from '../calculators/compute-overage';
import { lockSubscription } from '../subscription-lock';
import { currentUsage, limitOf, usagePeriod } from '../usage';

/** This period's usage per metric against the plan's limits, with the overage it would cost so far. */
export async function getUsage(userId: string) {
  return db().transaction(async (transaction) => {
    const { subscription, tier } = await lockSubscription(transaction, userId, { lock: false });
    const period = usagePeriod(subscription);
    const metrics = [];
    for (const metric of USAGE_METRICS) {
      const used = await currentUsage(transaction, userId, subscription, metric);
      const limit = limitOf(tier, metric);
      // Whole percent for the meters; over 100 means overage.
      metrics.push({ metric, used, limit, percent: limit === null ? null : limit === 0 ? 100 : Math.round((used * 100) / limit) });
    }
    const analyses = metrics.find((m) => m.metric === 'analyses_run')!;
    const overage = computeOverage({ used: analyses.used, limit: analyses.limit, unitPriceCents: tier.overageAnalysisCents });
    return {
      tier: tier.name,
      periodStart: period.start.toISOString(),
      periodEnd: period.end.toISOString(),
      metrics,
      projectedOverage: { analyses: overage.quantity, unitPriceCents: overage.unitPriceCents, totalCents: overage.totalCents, currency: tier.currency },
    };
  });
}
