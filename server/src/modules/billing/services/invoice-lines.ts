import type { Transaction } from 'sequelize';
import { InvoiceItem, type BillingAccount } from '../billing.models';
import type { InvoiceTotals } from '../calculators/compute-invoice-totals';

export type InvoiceLine = Pick<InvoiceItem, 'description' | 'unitPriceCents' | 'totalCents' | 'itemType'> & { quantity?: number };

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
