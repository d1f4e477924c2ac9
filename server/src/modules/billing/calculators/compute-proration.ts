import { divideRounded, type Cents } from '../money';

export interface ProrationInput {
  /** Monthly price of the plan left, and of the plan taken, in cents. */
  fromPriceCents: Cents;
  toPriceCents: Cents;
  /** Whole days in the current period (28–31) and the days still unused when the change happens. */
  daysInPeriod: number;
  daysRemaining: number;
}

/**
 * The prorated charge for an immediate upgrade: the price difference for the unused days of the period.
 * Day-based (a change any time on a day counts that day as used), one rounding at the end (money.ts,
 * half up). Example, $99 → $499 on day 10 of a 30-day period (days 1–10 used, 20 left):
 *   (49,900 − 9,900) × 20 / 30 = 800,000 / 30 = 26,666.67 → 26,667 cents ($266.67).
 * A downgrade is never prorated (it applies at period end), so a negative difference charges 0.
 */
export function computeProration(input: ProrationInput): Cents {
  const { fromPriceCents, toPriceCents, daysInPeriod, daysRemaining } = input;
  if (!Number.isInteger(daysInPeriod) || daysInPeriod <= 0) throw new RangeError('daysInPeriod must be a positive whole number');
  if (!Number.isInteger(daysRemaining) || daysRemaining < 0 || daysRemaining > daysInPeriod) throw new RangeError('daysRemaining must be between 0 and daysInPeriod');
  const difference = toPriceCents - fromPriceCents;
  if (difference <= 0) return 0;
  // Multiply before dividing so the only fraction is the final one.
  return divideRounded(difference * daysRemaining, daysInPeriod);
}
