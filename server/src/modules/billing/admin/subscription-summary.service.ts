import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';

export interface TierSummary {
  tierId: string;
  tier: string;
  displayName: string;
  monthlyPriceCents: number;
  currency: string;
  tierActive: boolean;
  /** Live subscriptions in good standing (active or trial) on the tier. */
  active: number;
  pastDue: number;
  /** Customers who left this (paid) tier for Free — by cancelling or after failed payments — or whose subscription ended on it. */
  churned: number;
  /** What the live subscriptions on the tier bill per month at today's price. */
  monthlyRecurringCents: number;
}

/** Counts per tier for the console's Subscriptions page, in the tiers' display order. */
export async function subscriptionSummary(): Promise<TierSummary[]> {
  const rows = await db().query<{
    id: string; name: string; display_name: string; monthly_price_cents: number; currency: string; active_tier: boolean;
    active: number; past_due: number; churned: number;
  }>(
    `SELECT st.id, st.name, st.display_name, st.monthly_price_cents, st.currency, st.active AS active_tier,
       (SELECT count(*) FROM subscriptions s WHERE s.tier_id = st.id AND s.status IN ('active', 'trial'))::int AS active,
       (SELECT count(*) FROM subscriptions s WHERE s.tier_id = st.id AND s.status = 'past_due')::int AS past_due,
       (SELECT count(*) FROM subscriptions s WHERE s.churned_from_tier_id = st.id OR (s.tier_id = st.id AND s.status = 'cancelled'))::int AS churned
     FROM subscription_tiers st ORDER BY st.sort_order, st.name`,
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    tierId: r.id,
    tier: r.name,
    displayName: r.display_name,
    monthlyPriceCents: Number(r.monthly_price_cents),
    currency: r.currency,
    tierActive: r.active_tier,
    active: r.active,
    pastDue: r.past_due,
    churned: r.churned,
    // 9,900 × (12 active + 3 past due) = 148,500
    monthlyRecurringCents: Number(r.monthly_price_cents) * (r.active + r.past_due),
  }));
}
