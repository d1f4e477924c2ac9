import type { Transaction } from 'sequelize';
import { DAY_MS } from '../../../lib/time';
import { InvoiceItem, type BillingAccount } from '../billing.models';
import type { InvoiceTotals } from '../calculators/compute-invoice-totals';
import type { Overage } from '../calculators/compute-overage';
import { formatCents } from '../money';
import type { Period } from '../periods';

/** A line to write; a charge line names the service period it bills (periodStart/periodEnd). */
export type InvoiceLine = Pick<InvoiceItem, 'description' | 'unitPriceCents' | 'totalCents' | 'itemType'> & { quantity?: number; periodStart?: Date | null; periodEnd?: Date | null };

interface TierTerms {
  displayName: string;
  monthlyPriceCents: number;
  maxAnalysesPerMonth: number | null;
  currency: string;
}

/**
 * A month-end invoice's charge lines, each with the period it bills: the coming period's fee on its tier,
 * in advance (none on a free tier), and the ended period's analyses above its tier's limit, in arrears
 * (none without overage).
 */
export function monthEndLines(input: { tier: TierTerms; ended: Period; nextTier: TierTerms; next: Period; overage: Overage }): InvoiceLine[] {
  const { tier, ended, nextTier, next, overage } = input;
  const lines: InvoiceLine[] = [];
  const fee = nextTier.monthlyPriceCents;
  if (fee > 0) lines.push({ description: `${nextTier.displayName} plan`, unitPriceCents: fee, totalCents: fee, itemType: 'subscription', periodStart: next.start, periodEnd: next.end });
  if (overage.totalCents > 0) {
    lines.push({
      description: `Analyses above the ${tier.displayName} limit of ${tier.maxAnalysesPerMonth}: ${overage.quantity} × ${formatCents(overage.unitPriceCents, tier.currency)}`,
      quantity: overage.quantity,
      unitPriceCents: overage.unitPriceCents,
      totalCents: overage.totalCents,
      itemType: 'overage',
      periodStart: ended.start,
      periodEnd: ended.end,
    });
  }
  return lines;
}

/**
 * An upgrade's prorated line: the price difference for the days left in the period, which are the whole
 * days before `periodEnd` (the day of the change counts as used).
 */
export function prorationLine(input: { from: TierTerms; to: TierTerms; daysLeft: number; daysInPeriod: number; cents: number; periodEnd: Date }): InvoiceLine {
  const { from, to, daysLeft, daysInPeriod, cents, periodEnd } = input;
  return {
    description: `${from.displayName} → ${to.displayName}: ${daysLeft} of ${daysInPeriod} days left (${formatCents(to.monthlyPriceCents - from.monthlyPriceCents, to.currency)} × ${daysLeft}/${daysInPeriod})`,
    unitPriceCents: cents,
    totalCents: cents,
    itemType: 'proration',
    periodStart: new Date(periodEnd.getTime() - daysLeft * DAY_MS),
    periodEnd,
  };
}

/**
 * An invoice's lines: the charge lines given, then a credit line (when credit was applied) and a tax line
 * (when there is tax), as computeInvoiceTotals decided. Shared by writeInvoiceLines and the month-end batch.
 */
export function invoiceItemsOf(lines: InvoiceLine[], totals: InvoiceTotals): InvoiceLine[] {
  const items: InvoiceLine[] = [...lines];
  if (totals.creditAppliedCents > 0) items.push({ description: 'Account credit applied', unitPriceCents: -totals.creditAppliedCents, totalCents: -totals.creditAppliedCents, itemType: 'credit' });
  if (totals.taxCents > 0) items.push({ description: 'Tax', unitPriceCents: totals.taxCents, totalCents: totals.taxCents, itemType: 'tax' });
  return items;
}

/**
 * Writes an invoice's lines (invoiceItemsOf) and takes the applied credit off the account's balance. In the
 * caller's transaction, with the account row already locked by the caller.
 */
export async function writeInvoiceLines(transaction: Transaction, input: { invoiceId: string; lines: InvoiceLine[]; totals: InvoiceTotals; account: BillingAccount | null }): Promise<void> {
  const { invoiceId, totals, account } = input;
  const items = invoiceItemsOf(input.lines, totals);
  await InvoiceItem.bulkCreate(items.map((it) => ({ ...it, invoiceId, quantity: it.quantity ?? 1 })), { transaction });
  if (account && totals.creditAppliedCents > 0) await account.update({ creditBalanceCents: account.creditBalanceCents - totals.creditAppliedCents }, { transaction });
}
