import type { RangeQuery } from '../analytics.schemas';
import { addDays } from '../days';
import type { DayRange } from '../range';
import { classifyMrrChange } from '../calculators';
import { eachDay, platformDays, ratio, runReport, select, TIER_FILTER, type Filters } from './admin-report';

/**
 * MRR movements of the range from the nightly MRR snapshots: each customer's MRR at the end of a day is
 * compared with the day before (from the day before the range starts), and the differences are classified
 * by classifyMrrChange. With a tier filter only MRR in that tier counts, so a move to another tier is a
 * churn from this tier and new MRR in the other.
 */
async function movements(range: DayRange, f: Filters) {
  const rows = await select<{ day: string; prev: number; cur: number }>(
    `WITH m AS (SELECT day, user_id, mrr_cents FROM analytics_mrr_daily WHERE day >= :start AND day <= :to AND ${TIER_FILTER}),
          c AS (SELECT day, day - 1 AS prev_day, user_id, mrr_cents FROM m WHERE day >= :from),
          p AS (SELECT day, user_id, mrr_cents FROM m WHERE day < :to)
     SELECT to_char(coalesce(c.day, p.day + 1), 'YYYY-MM-DD') AS day, coalesce(p.mrr_cents, 0)::bigint AS prev, coalesce(c.mrr_cents, 0)::bigint AS cur
     FROM c FULL JOIN p ON p.user_id = c.user_id AND p.day = c.prev_day
     WHERE coalesce(p.mrr_cents, 0) <> coalesce(c.mrr_cents, 0)`,
    { ...range, start: addDays(range.from, -1), tier: f.tier },
  );
  const perDay = new Map<string, { newCents: number; expansionCents: number; contractionCents: number; churnedCents: number; newCustomers: number; churnedCustomers: number }>();
  for (const r of rows) {
    const mv = classifyMrrChange(Number(r.prev), Number(r.cur));
    const d = perDay.get(r.day) ?? { newCents: 0, expansionCents: 0, contractionCents: 0, churnedCents: 0, newCustomers: 0, churnedCustomers: 0 };
    d.newCents += mv.newCents;
    d.expansionCents += mv.expansionCents;
    d.contractionCents += mv.contractionCents;
    d.churnedCents += mv.churnedCents;
    if (mv.newCents) d.newCustomers++;
    if (mv.churnedCents) d.churnedCustomers++;
    perDay.set(r.day, d);
  }
  return perDay;
}

async function mrrAt(day: string, f: Filters) {
  const [r] = await select<{ mrr: number; paying: number }>(
    `SELECT coalesce(sum(mrr_cents), 0)::bigint AS mrr, (count(*) FILTER (WHERE mrr_cents > 0))::int AS paying FROM analytics_mrr_daily WHERE day = :day AND ${TIER_FILTER}`,
    { day, tier: f.tier },
  );
  return { mrr: Number(r.mrr), paying: r.paying };
}

async function computeRevenue(range: DayRange, f: Filters) {
  const perDay = await movements(range, f);
  const platform = new Map((await platformDays(range, f)).map((d) => [d.day, d]));
  const start = await mrrAt(addDays(range.from, -1), f);
  const end = await mrrAt(range.to, f);
  const series = eachDay(range).map((day) => {
    const mv = perDay.get(day);
    const p = platform.get(day);
    return {
      day,
      mrrCents: Number(p?.mrr_cents ?? 0),
      newCents: mv?.newCents ?? 0,
      expansionCents: mv?.expansionCents ?? 0,
      contractionCents: mv?.contractionCents ?? 0,
      churnedCents: mv?.churnedCents ?? 0,
      invoicedCents: Number(p?.invoiced_cents ?? 0),
      paidCents: Number(p?.paid_cents ?? 0),
    };
  });
  const sum = (k: 'newCents' | 'expansionCents' | 'contractionCents' | 'churnedCents' | 'invoicedCents' | 'paidCents') => series.reduce((s, d) => s + d[k], 0);
  let newCustomers = 0;
  let churnedCustomers = 0;
  for (const d of perDay.values()) {
    newCustomers += d.newCustomers;
    churnedCustomers += d.churnedCustomers;
  }
  const kpis = {
    mrrStartCents: start.mrr,
    newMrrCents: sum('newCents'),
    expansionMrrCents: sum('expansionCents'),
    contractionMrrCents: sum('contractionCents'),
    churnedMrrCents: sum('churnedCents'),
    netNewMrrCents: sum('newCents') + sum('expansionCents') - sum('contractionCents') - sum('churnedCents'),
    mrrEndCents: end.mrr,
    arrEndCents: end.mrr * 12,
    invoicedCents: sum('invoicedCents'),
    paidCents: sum('paidCents'),
    payingCustomers: end.paying,
    // ARPU: end MRR per paying customer, rounded to whole cents.
    arpuCents: Math.round(ratio(end.mrr, end.paying, 2)),
    newCustomers,
    churnedCustomers,
  };
  return { kpis, series };
}

/** Subscriptions and MRR per tier at the end of the range (the tier filter does not apply: it is the mix). */
async function subscriptionMix(day: string) {
  const rows = await select<{ tier: string; subscribers: number; mrr: number }>(
    `SELECT t.name AS tier, count(m.user_id)::int AS subscribers, coalesce(sum(m.mrr_cents), 0)::bigint AS mrr
     FROM subscription_tiers t LEFT JOIN analytics_mrr_daily m ON m.tier = t.name AND m.day = :day
     GROUP BY t.name, t.sort_order ORDER BY t.sort_order`,
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
