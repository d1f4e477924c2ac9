import { assertCents, nonNegative, percentOf, type Cents } from '../money';

export interface InvoiceTotalsInput {
  /** The base fee (or proration) and the overage line, in cents. */
  baseCents: Cents;
  overageCents: Cents;
  /** The account's credit balance available now. */
  creditBalanceCents: Cents;
  /** Tax rate in basis points (825 = 8.25%). */
  taxBasisPoints: number;
  /**
   * The card minimum (50 for USD). When credit would leave a chargeable amount between 0 and this, less
   * credit is applied so exactly the minimum is charged and the rest of the credit stays on the balance.
   * 0 (the default) turns this off.
   */
  minimumChargeCents?: Cents;
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
  let creditAppliedCents = Math.min(nonNegative(input.creditBalanceCents), charges);
  const minimum = nonNegative(input.minimumChargeCents ?? 0);
  // 9,900 − 9,880 credit = 20 < 50: apply 9,850 instead, charge 50, 30 credit stays. (Charges that are
  // themselves under the minimum take all the credit they can: the customer is better off at 0.)
  if (charges >= minimum && charges - creditAppliedCents > 0 && charges - creditAppliedCents < minimum) creditAppliedCents = charges - minimum;
  const subtotalCents = charges - creditAppliedCents;
  const taxCents = percentOf(subtotalCents, input.taxBasisPoints);
  return { creditAppliedCents, subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}
