import type { Cents } from '../money';

export interface OverageInput {
  /** Analyses run in the period. */
  used: number;
  /** The tier's monthly limit; null = unlimited. */
  limit: number | null;
  /** Price per analysis above the limit; 0 = no overage (Free: the limit is hard). */
  unitPriceCents: Cents;
}

export interface Overage {
  quantity: number;
  unitPriceCents: Cents;
  totalCents: Cents;
}

/**
 * Analyses above the monthly limit × the overage price: 512 used on Professional (500, 10¢)
 * → 12 × 10 = 120 cents. Whole units × whole cents, so no rounding is needed.
 */
export function computeOverage(input: OverageInput): Overage {
  const { used, limit, unitPriceCents } = input;
  if (limit === null || unitPriceCents <= 0 || used <= limit) return { quantity: 0, unitPriceCents, totalCents: 0 };
  const quantity = used - limit;
  return { quantity, unitPriceCents, totalCents: quantity * unitPriceCents };
}
