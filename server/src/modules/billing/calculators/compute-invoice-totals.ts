import { assertCents, nonNegative, percentOf, type Cents } from '../money';

export interface InvoiceTotalsInput {
  /** The base fee (or proration) and the overage line, in cents. */
  baseCents: Cents;
  overageCents: Cents;
  /** The account's credit balance available now. */
  creditBalanceCents: Cents;
  /** Tax rate in basis points (825 = 8.25%). */
  taxBasisPoints: number;
}

export interface InvoiceTotals {
  /** Credit consumed by this invoice (the balance drops by this much). */
  creditAppliedCents: Cents;
  /** base + overage − credit applied; never below 0. */
  subtotalCents: Cents;
  taxCents: Cents;
  totalCents: Cents;
}

/**
 * Invoice totals: credit is applied first (before tax, so tax is charged only on what the customer pays),
 * never more than the charges; tax is rounded once on the subtotal (money.ts, half up).
 * Example: 9,900 + 120 overage − 2,000 credit = 8,020; tax 8.25% = 661.65 → 662; total 8,682.
 */
export function computeInvoiceTotals(input: InvoiceTotalsInput): InvoiceTotals {
  const charges = nonNegative(assertCents(input.baseCents) + assertCents(input.overageCents));
  const creditAppliedCents = Math.min(nonNegative(input.creditBalanceCents), charges);
  const subtotalCents = charges - creditAppliedCents;
  const taxCents = percentOf(subtotalCents, input.taxBasisPoints);
  return { creditAppliedCents, subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}
