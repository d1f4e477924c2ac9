import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { enqueueJobs } from '../../../jobs/queue';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import { SubscriptionTier } from '../billing.models';
import { computeInvoiceTotals, type InvoiceTotals } from '../calculators/compute-invoice-totals';
import { computeOverage } from '../calculators/compute-overage';
import type { PaymentGateway } from '../gateways';
import { nextPeriod } from '../periods';
import { FREE_TIER } from '../subscription-lock';
import { taxRateBasisPoints } from '../tax-rate';
import { COLLECT_INVOICE_JOB, collectInvoice, MINIMUM_CHARGE_CENTS } from './collect-invoice.service';
import { invoiceItemsOf, monthEndLines, type InvoiceLine } from './invoice-lines';

export const MONTH_END_JOB = 'billing.month_end';

export interface MonthEndCounts {
  /** Subscriptions found with an ended period. */
  examined: number;
  /** Regular invoices written. */
  invoiced: number;
  /** Periods closed without a new invoice (Free with nothing owed, invoice already there). */
  skipped: number;
  /** Invoices paid by the collection that followed (inline collection only; queued ones are collected by their job). */
  collected: number;
  /** Collections that failed (dunning follows; inline only) and subscriptions whose closing threw (the next run retries them). */
  failed: number;
}

/**
 * How new invoices are collected. `queue` (the scheduled job): one `billing.collect_invoice` job per invoice,
 * sent in the transaction that wrote the invoice, so the run itself never waits on the processor.
 * `inline`: each batch's invoices are charged right after it commits, and runMonthEnd returns once they are
 * paid or failed (the test-mode console's "Run month end", and tests).
 */
export type CollectMode = 'inline' | 'queue';

/** A subscription more than this many periods behind is caught up over several runs. */
const MAX_PERIODS_PER_RUN = 24;

interface DueRow {
  id: string;
  user_id: string;
  tier_id: string;
  status: string;
  anchor_day: number;
  current_period_start: Date;
  current_period_end: Date;
  cancel_at_period_end: boolean;
  cancelled_at: Date | null;
  scheduled_tier_id: string | null;
  churned_from_tier_id: string | null;
  churned_at: Date | null;
}

const DUE_COLUMNS = `id, user_id, tier_id, status, anchor_day, current_period_start, current_period_end, cancel_at_period_end, cancelled_at, scheduled_tier_id, churned_from_tier_id, churned_at`;

interface BatchResult {
  /** Subscriptions locked (due) in this batch, in id order. */
  ids: string[];
  invoiced: number;
  skipped: number;
  /** New invoices, for inline collection. */
  invoiceIds: string[];
}

type Select = { after: string; limit: number } | { ids: string[] };

/**
 * Closes the ended periods of one batch of subscriptions in ONE transaction, set-based:
 * 1. lock the batch (`FOR UPDATE SKIP LOCKED`, re-checking `current_period_end <= now` and the status, so a
 *    racing run skips rows another run holds, and finds rows it has closed no longer due), then their
 *    billing accounts;
 * 2. per round (a subscription more than one period behind takes one round per period, at most
 *    MAX_PERIODS_PER_RUN): one query sums the ended periods' analyses; each invoice is computed in JS by
 *    the same rules as before (the next period's base fee in advance at the tier that applies after the
 *    rollover, the ended period's overage, credit first, tax, the 50¢ minimum; none on a free tier with
 *    nothing owed); one multi-row INSERT writes the invoices (ON CONFLICT on the (subscription, period_start)
 *    regular index DO NOTHING RETURNING: an invoice already there is never written twice, and gets no lines
 *    and takes no credit); the periods roll forward in memory, with a scheduled downgrade or cancellation;
 * 3. one INSERT of all lines, one UPDATE of the credit balances, one UPDATE of the subscriptions, and (queue
 *    mode) one INSERT of the collection jobs.
 * Invoice numbers come from the column default (invoice_number_seq) in insertion order, as before.
 */
async function closeBatch(select: Select, now: Date, collect: CollectMode, locked: (ids: string[]) => void): Promise<BatchResult> {
  return db().transaction(async (transaction): Promise<BatchResult> => {
    const q = <T extends object>(sql: string, bind: unknown[]) => db().query<T>(sql, { bind, transaction, type: QueryTypes.SELECT });
    const rows =
      'ids' in select
        ? await q<DueRow>(`SELECT ${DUE_COLUMNS} FROM subscriptions WHERE id = ANY($1::uuid[]) AND current_period_end <= $2 AND status <> 'cancelled' ORDER BY id FOR UPDATE SKIP LOCKED`, [select.ids, now])
        : await q<DueRow>(`SELECT ${DUE_COLUMNS} FROM subscriptions WHERE current_period_end <= $1 AND status <> 'cancelled' AND id > $2 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`, [now, select.after, select.limit]);
    const result: BatchResult = { ids: rows.map((r) => r.id), invoiced: 0, skipped: 0, invoiceIds: [] };
    locked(result.ids);
    if (rows.length === 0) return result;

    // Accounts after subscriptions: the order every billing path locks them in.
    const accounts = await q<{ id: string; user_id: string; credit_balance_cents: string }>(
      `SELECT id, user_id, credit_balance_cents FROM billing_accounts WHERE user_id = ANY($1::uuid[]) ORDER BY user_id FOR UPDATE`,
      [rows.map((r) => r.user_id)],
    );
    const accountOf = new Map(accounts.map((a) => [a.user_id, { id: a.id, credit: Number(a.credit_balance_cents), applied: 0 }]));
    const tiers = await SubscriptionTier.findAll({ transaction });
    const tierById = new Map(tiers.map((t) => [t.id, t]));
    const free = tiers.find((t) => t.name === FREE_TIER)!;
    const taxBasisPoints = await taxRateBasisPoints(transaction);
    const createdAt = clock.now();

    // The subscriptions as they will be written back, rolled forward round by round.
    const states = rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      tierId: r.tier_id,
      status: r.status,
      anchorDay: Number(r.anchor_day),
      start: r.current_period_start,
      end: r.current_period_end,
      cancelAtPeriodEnd: r.cancel_at_period_end,
      cancelledAt: r.cancelled_at,
      scheduledTierId: r.scheduled_tier_id,
      churnedFromTierId: r.churned_from_tier_id,
      churnedAt: r.churned_at,
    }));
    type State = (typeof states)[number];
    const items: Array<InvoiceLine & { invoiceId: string }> = [];

    let due: State[] = states;
    for (let round = 0; round < MAX_PERIODS_PER_RUN && due.length > 0; round++) {
      const usage = await q<{ subscription_id: string; used: string }>(
        `SELECT u.subscription_id, coalesce(sum(u.quantity), 0)::bigint AS used
         FROM usage_records u JOIN unnest($1::uuid[], $2::timestamptz[]) AS p(subscription_id, period_start)
           ON u.subscription_id = p.subscription_id AND u.period_start = p.period_start
         WHERE u.metric = 'analyses_run' GROUP BY u.subscription_id`,
        [due.map((s) => s.id), due.map((s) => s.start)],
      );
      const usedOf = new Map(usage.map((u) => [u.subscription_id, Number(u.used)]));

      type Planned = { state: State; totals: InvoiceTotals; overageCents: number; currency: string; lines: InvoiceLine[]; periodStart: Date; periodEnd: Date };
      const planned: Planned[] = [];
      for (const s of due) {
        const tier = tierById.get(s.tierId)!;
        const ended = { start: s.start, end: s.end };
        const next = nextPeriod(s.anchorDay, ended.end);
        // The tier of the next period: a scheduled downgrade or a cancellation (→ Free) applies at the rollover.
        const nextTier = s.cancelAtPeriodEnd ? free : s.scheduledTierId ? (tierById.get(s.scheduledTierId) ?? tier) : tier;

        const overage = computeOverage({ used: usedOf.get(s.id) ?? 0, limit: tier.maxAnalysesPerMonth, unitPriceCents: tier.overageAnalysisCents });
        const baseCents = nextTier.monthlyPriceCents;
        if (baseCents === 0 && overage.totalCents === 0) {
          result.skipped += 1; // a $0 Free invoice is noise
        } else {
          const account = accountOf.get(s.userId);
          const totals = computeInvoiceTotals({ baseCents, overageCents: overage.totalCents, creditBalanceCents: account ? account.credit - account.applied : 0, taxBasisPoints, minimumChargeCents: MINIMUM_CHARGE_CENTS });
          const lines = monthEndLines({ tier, ended, nextTier, next, overage });
          planned.push({ state: s, totals, overageCents: overage.totalCents, currency: nextTier.currency, lines, periodStart: ended.start, periodEnd: ended.end });
        }

        // Roll the period; apply a scheduled change.
        if (s.cancelAtPeriodEnd) {
          // Leaving a paid tier counts as churn of that tier (the console's counts); Free → Free is nothing.
          if (tier.monthlyPriceCents > 0) Object.assign(s, { churnedFromTierId: tier.id, churnedAt: now });
          Object.assign(s, { tierId: nextTier.id, scheduledTierId: null, cancelAtPeriodEnd: false, cancelledAt: now, status: 'active' });
        } else if (s.scheduledTierId) Object.assign(s, { tierId: nextTier.id, scheduledTierId: null });
        s.start = next.start;
        s.end = next.end;
      }

      if (planned.length > 0) {
        const inserted = await q<{ id: string; subscription_id: string }>(
          `INSERT INTO invoices (subscription_id, kind, period_start, period_end, subtotal_cents, tax_cents, total_cents, overage_charges_cents, credit_applied_cents, currency, status, created_at, updated_at)
           SELECT v.subscription_id, 'regular', v.period_start, v.period_end, v.subtotal, v.tax, v.total, v.overage, v.credit, v.currency, 'open', $10, $10
           FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[])
             WITH ORDINALITY AS v(subscription_id, period_start, period_end, subtotal, tax, total, overage, credit, currency, n)
           ORDER BY v.n
           ON CONFLICT (subscription_id, period_start) WHERE kind = 'regular' DO NOTHING
           RETURNING id, subscription_id`,
          [
            planned.map((p) => p.state.id), planned.map((p) => p.periodStart), planned.map((p) => p.periodEnd),
            planned.map((p) => p.totals.subtotalCents), planned.map((p) => p.totals.taxCents), planned.map((p) => p.totals.totalCents),
            planned.map((p) => p.overageCents), planned.map((p) => p.totals.creditAppliedCents), planned.map((p) => p.currency), createdAt,
          ],
        );
        const invoiceOf = new Map(inserted.map((i) => [i.subscription_id, i.id]));
        for (const p of planned) {
          const invoiceId = invoiceOf.get(p.state.id);
          if (!invoiceId) {
            result.skipped += 1; // this period was invoiced already: no second invoice, no lines, no credit taken
            continue;
          }
          result.invoiced += 1;
          result.invoiceIds.push(invoiceId);
          for (const line of invoiceItemsOf(p.lines, p.totals)) items.push({ ...line, invoiceId });
          const account = accountOf.get(p.state.userId);
          if (account) account.applied += p.totals.creditAppliedCents;
        }
      }
      due = due.filter((s) => s.end.getTime() <= now.getTime());
    }

    if (items.length > 0) {
      await q(
        `INSERT INTO invoice_items (invoice_id, description, quantity, unit_price_cents, total_cents, item_type, period_start, period_end, created_at)
         SELECT *, now() FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::timestamptz[], $8::timestamptz[])`,
        [
          items.map((i) => i.invoiceId), items.map((i) => i.description), items.map((i) => i.quantity ?? 1), items.map((i) => i.unitPriceCents), items.map((i) => i.totalCents), items.map((i) => i.itemType),
          items.map((i) => i.periodStart ?? null), items.map((i) => i.periodEnd ?? null),
        ],
      );
    }
    const credited = [...accountOf.values()].filter((a) => a.applied > 0);
    if (credited.length > 0) {
      await q(
        `UPDATE billing_accounts a SET credit_balance_cents = a.credit_balance_cents - v.applied, updated_at = now()
         FROM unnest($1::uuid[], $2::bigint[]) AS v(id, applied) WHERE a.id = v.id`,
        [credited.map((a) => a.id), credited.map((a) => a.applied)],
      );
    }
    await q(
      `UPDATE subscriptions s SET tier_id = v.tier_id, status = v.status, current_period_start = v.period_start, current_period_end = v.period_end,
              cancel_at_period_end = v.cancel_at_period_end, cancelled_at = v.cancelled_at, scheduled_tier_id = v.scheduled_tier_id,
              churned_from_tier_id = v.churned_from_tier_id, churned_at = v.churned_at, updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::boolean[], $7::timestamptz[], $8::uuid[], $9::uuid[], $10::timestamptz[])
         AS v(id, tier_id, status, period_start, period_end, cancel_at_period_end, cancelled_at, scheduled_tier_id, churned_from_tier_id, churned_at)
       WHERE s.id = v.id`,
      [
        states.map((s) => s.id), states.map((s) => s.tierId), states.map((s) => s.status), states.map((s) => s.start), states.map((s) => s.end),
        states.map((s) => s.cancelAtPeriodEnd), states.map((s) => s.cancelledAt), states.map((s) => s.scheduledTierId), states.map((s) => s.churnedFromTierId), states.map((s) => s.churnedAt),
      ],
    );
    if (collect === 'queue') await enqueueCollections(transaction, result.invoiceIds);
    return result;
  });
}

/** One `billing.collect_invoice` job per new invoice, in the invoice's transaction (one statement). */
async function enqueueCollections(transaction: Transaction, invoiceIds: string[]): Promise<void> {
  await enqueueJobs(COLLECT_INVOICE_JOB, invoiceIds.map((invoiceId) => ({ invoiceId })), { transaction });
}

/**
 * Month end: every live subscription whose `current_period_end <= now` gets its ended period(s) closed —
 * exactly one regular invoice per period, rollover, scheduled changes — in batches of `batchSize`
 * subscriptions per transaction (closeBatch), `concurrency` batches in flight. Safe to re-run and to run
 * concurrently: rows are locked with SKIP LOCKED and re-checked, and the unique index backs that up. A row
 * another transaction holds (a plan change in flight) is skipped and closed by the next run.
 * Collection: `collect: 'queue'` enqueues one job per invoice with the invoice (the scheduled job);
 * `'inline'` (the default: the test-mode console and tests) charges each batch's invoices after it commits.
 * A batch that throws is retried one subscription at a time, so one bad subscription is logged and counted
 * (failed) and the rest go on; the next run picks it up again.
 */
export async function runMonthEnd(gateway: PaymentGateway, opts: { now?: Date; batchSize?: number; concurrency?: number; collect?: CollectMode; collectConcurrency?: number } = {}): Promise<MonthEndCounts> {
  const now = opts.now ?? clock.now();
  const batchSize = opts.batchSize ?? 1000;
  const collect = opts.collect ?? 'inline';
  // Batches are disjoint (locked rows are skipped), so two can run at once; the pool bounds it.
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const collectConcurrency = Math.max(1, opts.collectConcurrency ?? 4);
  const counts: MonthEndCounts = { examined: 0, invoiced: 0, skipped: 0, collected: 0, failed: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  let done = false;

  const collectAll = async (invoiceIds: string[]) => {
    let next = 0;
    const worker = async () => {
      while (next < invoiceIds.length) {
        const id = invoiceIds[next++];
        try {
          const { outcome } = await collectInvoice(gateway, id);
          if (outcome === 'paid') counts.collected += 1;
          else if (outcome === 'failed') counts.failed += 1;
        } catch (err) {
          // Left open with its attempt pending: retry-failed-invoices / a retry re-sends it with the same key.
          counts.failed += 1;
          logger.error({ err, invoiceId: id }, 'billing: month end collection failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(collectConcurrency, invoiceIds.length) }, worker));
  };
  const tally = async (r: BatchResult) => {
    counts.examined += r.ids.length;
    counts.invoiced += r.invoiced;
    counts.skipped += r.skipped;
    if (collect === 'inline') await collectAll(r.invoiceIds);
  };

  const worker = async () => {
    while (!done) {
      let ids: string[] | null = null;
      let result: BatchResult;
      try {
        result = await closeBatch({ after, limit: batchSize }, now, collect, (locked) => {
          ids = locked;
          if (locked.length > 0 && locked[locked.length - 1] > after) after = locked[locked.length - 1];
          if (locked.length < batchSize) done = true;
        });
      } catch (err) {
        if (!ids) throw err; // the batch could not even be read: the run fails (the job retries it)
        // Isolate the failure: the batch again, one subscription per transaction.
        for (const id of ids as string[]) {
          try {
            await tally(await closeBatch({ ids: [id] }, now, collect, () => undefined));
          } catch (e) {
            counts.examined += 1;
            counts.failed += 1;
            logger.error({ err: e, subscriptionId: id }, 'billing: month end failed for a subscription');
          }
        }
        continue;
      }
      await tally(result);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return counts;
}
