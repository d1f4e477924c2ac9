import type { RangeQuery } from '../analytics.schemas';
import { addDays } from '../days';
import type { DayRange } from '../range';
import { eachDay, platformDays, ratio, runReport, select, type Filters } from './admin-report';

interface MrrDay {
  day: string;
  mrr_cents: number;
  paying: number;
  new_cents: number;
  expansion_cents: number;
  contraction_cents: number;
  churned_cents: number;
  new_customers: number;
  churned_customers: number;
}

/**
 * The MRR rollup (analytics_daily_mrr) of the range plus the day before it (the start balance). Movements
 * were classified when the nightly snapshots were rolled up (rollupMrr, calculators.ts); with a tier filter
 * only MRR in that tier counts, so a move to another tier is churn from it and new MRR in the other.
 */
async function mrrDays(range: DayRange, f: Filters) {
  const rows = await select<MrrDay>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, mrr_cents, paying, new_cents, expansion_cents, contraction_cents, churned_cents, new_customers, churned_customers
     FROM analytics_daily_mrr WHERE day >= :start AND day <= :to AND tier = :tier ORDER BY day`,
    { start: addDays(range.from, -1), to: range.to, tier: f.tier ?? '*' },
  );
  return new Map(rows.map((r) => [r.day, r]));
}

async function computeRevenue(range: DayRange, f: Filters) {
  const [mrr, platform] = await Promise.all([mrrDays(range, f), platformDays(range, f)]);
  const byDay = new Map(platform.map((d) => [d.day, d]));
  const series = eachDay(range).map((day) => {
    const m = mrr.get(day);
    const p = byDay.get(day);
    return {
      day,
      mrrCents: Number(m?.mrr_cents ?? 0),
      newCents: Number(m?.new_cents ?? 0),
      expansionCents: Number(m?.expansion_cents ?? 0),
      contractionCents: Number(m?.contraction_cents ?? 0),
      churnedCents: Number(m?.churned_cents ?? 0),
      invoicedCents: Number(p?.invoiced_cents ?? 0),
      paidCents: Number(p?.paid_cents ?? 0),
    };
  });
  const sum = (k: 'newCents' | 'expansionCents' | 'contractionCents' | 'churnedCents' | 'invoicedCents' | 'paidCents') => series.reduce((s, d) => s + d[k], 0);
  const start = mrr.get(addDays(range.from, -1));
  const end = mrr.get(range.to);
  const endMrr = Number(end?.mrr_cents ?? 0);
  const kpis = {
    mrrStartCents: Number(start?.mrr_cents ?? 0),
    newMrrCents: sum('newCents'),
    expansionMrrCents: sum('expansionCents'),
    contractionMrrCents: sum('contractionCents'),
    churnedMrrCents: sum('churnedCents'),
    netNewMrrCents: sum('newCents') + sum('expansionCents') - sum('contractionCents') - sum('churnedCents'),
    mrrEndCents: endMrr,
    arrEndCents: endMrr * 12,
    invoicedCents: sum('invoicedCents'),
    paidCents: sum('paidCents'),
    payingCustomers: end?.paying ?? 0,
    // ARPU: end MRR per paying customer, rounded to whole cents.
    arpuCents: Math.round(ratio(endMrr, end?.paying ?? 0, 2)),
    newCustomers: [...mrr.values()].filter((d) => d.day >= range.from).reduce((s, d) => s + d.new_customers, 0),
    churnedCustomers: [...mrr.values()].filter((d) => d.day >= range.from).reduce((s, d) => s + d.churned_customers, 0),
  };
  return { kpis, series };
}

/** Live subscriptions and MRR per tier at the end of the range (the tier filter does not apply: it is the mix). */
async function subscriptionMix(day: string) {
  const rows = await select<{ tier: string; subscribers: number; mrr: number }>(
    `SELECT t.name AS tier, coalesce(m.subscribers, 0) AS subscribers, coalesce(m.mrr_cents, 0) AS mrr
     FROM subscription_tiers t LEFT JOIN analytics_daily_mrr m ON m.tier = t.name AND m.day = :day
     ORDER BY t.sort_order`,
    { day },
  );
  return rows.map((r) => ({ tier: r.tier, subscribers: r.subscribers, mrrCents: Number(r.mrr) }));
}

/**
 * MRR with its movements (new, expansion, contraction, churned) between the start and end balances,
 * invoiced and paid revenue beside it, ARPU and the subscription mix by tier. Amounts in cents.
 */
export async function getRevenueReport(q: RangeQuery) {
  const report = await runReport(q, computeRevenue);
  return { ...report, currency: 'usd', subscriptionMix: await subscriptionMix(report.range.to) };
}
