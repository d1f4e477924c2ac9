import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import { BillingAccount, Subscription, SubscriptionTier } from '../billing.models';
import { computeInvoiceTotals } from '../calculators/compute-invoice-totals';
import { computeOverage } from '../calculators/compute-overage';
import type { PaymentGateway } from '../gateways';
import { formatCents } from '../money';
import { nextPeriod, type Period } from '../periods';
import { FREE_TIER } from '../subscription-lock';
import { taxRateBasisPoints } from '../tax-rate';
import { collectInvoice, MINIMUM_CHARGE_CENTS } from './collect-invoice.service';
import { writeInvoiceLines, type InvoiceLine } from './invoice-lines';

export const MONTH_END_JOB = 'billing.month_end';

export interface MonthEndCounts {
  /** Subscriptions found with an ended period. */
  examined: number;
  /** Regular invoices written. */
  invoiced: number;
  /** Periods closed without a new invoice (Free with nothing owed, invoice already there) or already rolled by a racing run. */
  skipped: number;
  /** Invoices paid by the collection that followed. */
  collected: number;
  /** Collections that failed (dunning follows) and subscriptions whose run threw (the next run retries them). */
  failed: number;
}

/** A subscription more than this many periods behind is caught up over several runs. */
const MAX_PERIODS_PER_RUN = 24;

const fmtDay = (d: Date) => d.toISOString().slice(0, 10);

type Closed = { kind: 'not_due' } | { kind: 'closed'; invoiceId: string | null; stillDue: boolean };

/**
 * Closes the ended period of one subscription, in one transaction with the subscription (then its billing
 * account) row-locked: writes the regular invoice (ON CONFLICT on the (subscription, period_start) index →
 * none), rolls the period forward and applies a scheduled downgrade or cancellation. Re-checks under the
 * lock, so a racing run or a second run finds the period already rolled and does nothing.
 */
async function closePeriod(subscriptionId: string, now: Date): Promise<Closed> {
  return db().transaction(async (transaction): Promise<Closed> => {
    const subscription = await Subscription.findByPk(subscriptionId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!subscription || subscription.status === 'cancelled' || subscription.currentPeriodEnd.getTime() > now.getTime()) return { kind: 'not_due' };
    const account = await BillingAccount.findOne({ where: { userId: subscription.userId }, transaction, lock: transaction.LOCK.UPDATE });
    const tier = (await SubscriptionTier.findByPk(subscription.tierId, { transaction }))!;
    const ended: Period = { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd };
    const next = nextPeriod(subscription.anchorDay, ended.end);

    // The tier of the next period: a scheduled downgrade or a cancellation (→ Free) applies at the rollover.
    let nextTier = tier;
    if (subscription.cancelAtPeriodEnd) nextTier = (await SubscriptionTier.findOne({ where: { name: FREE_TIER }, transaction }))!;
    else if (subscription.scheduledTierId) nextTier = (await SubscriptionTier.findByPk(subscription.scheduledTierId, { transaction })) ?? tier;

    const invoiceId = await writeRegularInvoice(transaction, { subscription, account, tier, nextTier, ended, next });

    const changes: Partial<Pick<Subscription, 'tierId' | 'scheduledTierId' | 'cancelAtPeriodEnd' | 'cancelledAt' | 'status' | 'currentPeriodStart' | 'currentPeriodEnd' | 'churnedFromTierId' | 'churnedAt'>> = {
      currentPeriodStart: next.start,
      currentPeriodEnd: next.end,
    };
    if (subscription.cancelAtPeriodEnd) {
      Object.assign(changes, { tierId: nextTier.id, scheduledTierId: null, cancelAtPeriodEnd: false, cancelledAt: now, status: 'active' });
      // Leaving a paid tier counts as churn of that tier (the console's counts); Free → Free is nothing.
      if (tier.monthlyPriceCents > 0) Object.assign(changes, { churnedFromTierId: tier.id, churnedAt: now });
    }
    else if (subscription.scheduledTierId) Object.assign(changes, { tierId: nextTier.id, scheduledTierId: null });
    await subscription.update(changes, { transaction });
    return { kind: 'closed', invoiceId, stillDue: next.end.getTime() <= now.getTime() };
  });
}

/**
 * The regular invoice at the close of `ended`: the next period's base fee (in advance, at the tier that
 * applies after the rollover — the ended period was paid in advance, or by the upgrade's proration), the
 * ended period's overage (in arrears), credit first, tax, totals with the 50¢ minimum. None when nothing is
 * owed on a free tier (a $0 Free invoice is noise); a paid tier's invoice is written even at 0 (all credit).
 * Returns the new invoice's id, or null (none due, or the period was already invoiced).
 */
async function writeRegularInvoice(
  transaction: Transaction,
  input: { subscription: Subscription; account: BillingAccount | null; tier: SubscriptionTier; nextTier: SubscriptionTier; ended: Period; next: Period },
): Promise<string | null> {
  const { subscription, account, tier, nextTier, ended, next } = input;
  const [{ used }] = await db().query<{ used: number }>(
    `SELECT coalesce(sum(quantity), 0)::bigint AS used FROM usage_records WHERE subscription_id = ? AND metric = 'analyses_run' AND period_start = ?`,
    { replacements: [subscription.id, ended.start], transaction, type: QueryTypes.SELECT },
  );
  const overage = computeOverage({ used: Number(used), limit: tier.maxAnalysesPerMonth, unitPriceCents: tier.overageAnalysisCents });
  const baseCents = nextTier.monthlyPriceCents;
  if (baseCents === 0 && overage.totalCents === 0) return null;

  const totals = computeInvoiceTotals({ baseCents, overageCents: overage.totalCents, creditBalanceCents: account?.creditBalanceCents ?? 0, taxBasisPoints: await taxRateBasisPoints(transaction), minimumChargeCents: MINIMUM_CHARGE_CENTS });
  const now = clock.now();
  const inserted = await db().query<{ id: string }>(
    `INSERT INTO invoices (subscription_id, kind, period_start, period_end, subtotal_cents, tax_cents, total_cents, overage_charges_cents, credit_applied_cents, currency, status, created_at, updated_at)
     VALUES (?, 'regular', ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)
     ON CONFLICT (subscription_id, period_start) WHERE kind = 'regular' DO NOTHING RETURNING id`,
    {
      replacements: [subscription.id, ended.start, ended.end, totals.subtotalCents, totals.taxCents, totals.totalCents, overage.totalCents, totals.creditAppliedCents, nextTier.currency, now, now],
      transaction,
      type: QueryTypes.SELECT,
    },
  );
  if (inserted.length === 0) return null;
  const invoiceId = inserted[0].id;

  const lines: InvoiceLine[] = [];
  if (baseCents > 0) {
    lines.push({ description: `${nextTier.displayName} plan, ${fmtDay(next.start)} – ${fmtDay(next.end)}`, unitPriceCents: baseCents, totalCents: baseCents, itemType: 'subscription' });
  }
  if (overage.totalCents > 0) {
    lines.push({
      description: `Analyses above the ${tier.displayName} limit of ${tier.maxAnalysesPerMonth}, ${fmtDay(ended.start)} – ${fmtDay(ended.end)}: ${overage.quantity} × ${formatCents(overage.unitPriceCents, tier.currency)}`,
      quantity: overage.quantity,
      unitPriceCents: overage.unitPriceCents,
      totalCents: overage.totalCents,
      itemType: 'overage',
    });
  }
  await writeInvoiceLines(transaction, { invoiceId, lines, totals, account });
  return invoiceId;
}

/**
 * Month end: every live subscription whose `current_period_end <= now` gets its ended period closed
 * (closePeriod: exactly one regular invoice, rollover, scheduled changes), one subscription per
 * transaction, in keyset batches of `batchSize`; each new invoice is then collected outside the lock.
 * Safe to re-run and to run concurrently: a period is closed once, and the unique index backs that up.
 * One subscription's error is logged and counted; the rest go on (the next run picks it up again).
 */
export async function runMonthEnd(gateway: PaymentGateway, opts: { now?: Date; batchSize?: number; concurrency?: number } = {}): Promise<MonthEndCounts> {
  const now = opts.now ?? clock.now();
  const batchSize = opts.batchSize ?? 500;
  // Subscriptions are independent (each closes in its own transaction under its own row lock), so several
  // run at once; the pool bounds it. 4 keeps a default pool of 10 free for the API meanwhile.
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const counts: MonthEndCounts = { examined: 0, invoiced: 0, skipped: 0, collected: 0, failed: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await db().query<{ id: string }>(
      `SELECT id FROM subscriptions WHERE current_period_end <= ? AND status <> 'cancelled' AND id > ? ORDER BY id LIMIT ?`,
      { replacements: [now, after, batchSize], type: QueryTypes.SELECT },
    );
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const { id } = batch[next++];
        await closeAndCollect(id);
      }
    };
    const closeAndCollect = async (id: string) => {
      counts.examined += 1;
      try {
        for (let i = 0; i < MAX_PERIODS_PER_RUN; i++) {
          const closed = await closePeriod(id, now);
          if (closed.kind === 'not_due') {
            if (i === 0) counts.skipped += 1;
            break;
          }
          if (closed.invoiceId) {
            counts.invoiced += 1;
            const { outcome } = await collectInvoice(gateway, closed.invoiceId);
            if (outcome === 'paid') counts.collected += 1;
            else if (outcome === 'failed') counts.failed += 1;
          } else {
            counts.skipped += 1;
          }
          if (!closed.stillDue) break;
        }
      } catch (err) {
        counts.failed += 1;
        logger.error({ err, subscriptionId: id }, 'billing: month end failed for a subscription');
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
    if (batch.length < batchSize) break;
  }
  return counts;
}
