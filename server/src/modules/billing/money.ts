/**
 * The one money module. Amounts are integer cents (a JS number: every amount we handle is far below
 * 2^53, and db/sequelize.ts parses bigint once). Nothing here ever returns a fraction of a cent.
 *
 * THE rounding rule: when a computation yields a fraction of a cent, round half up to the nearest cent
 * (0.5 → 1, 26,666.67 → 26,667, 26,666.33 → 26,666). Why: it is the rule customers and accountants expect
 * from a printed invoice ("commercial rounding"), it is what Stripe does for its own proration and tax
 * amounts, so our ledger and the processor agree to the cent, and each line is rounded once, at the end of
 * its computation, so errors never compound. Amounts here are never negative when rounded (credits are
 * subtracted as whole cents), so "half up" and "half away from zero" coincide.
 */

export type Cents = number;

/** Throws unless the value is a whole, finite number of cents. */
export function assertCents(value: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be whole cents, got ${value}`);
  return value;
}

/**
 * numerator / denominator cents, rounded half up: exact integer arithmetic (no float division), so
 * 800,000 / 30 = 26,666.67 → 26,667 holds for any size of amount.
 */
export function divideRounded(numerator: number, denominator: number): Cents {
  assertCents(numerator, 'numerator');
  assertCents(denominator, 'denominator');
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const sign = n < 0n ? -1n : 1n;
  const abs = n * sign;
  const q = abs / d;
  const r = abs % d;
  const rounded = r * 2n >= d ? q + 1n : q;
  return Number(rounded * sign);
}

/** cents × basisPoints / 10,000, rounded half up: 9,900 at 825 bp (8.25%) = 816.75 → 817. */
export function percentOf(cents: Cents, basisPoints: number): Cents {
  assertCents(basisPoints, 'basisPoints');
  return divideRounded(assertCents(cents) * basisPoints, 10_000);
}

/** Sum of whole cents. */
export function sumCents(values: Cents[]): Cents {
  return values.reduce((a, v) => a + assertCents(v), 0);
}

/** The larger of the value and 0 (a total never goes below zero). */
export function nonNegative(cents: Cents): Cents {
  return Math.max(0, assertCents(cents));
}

/** "$1,234.56" for e-mails and PDFs; currency is an ISO code such as "usd". */
export function formatCents(cents: Cents, currency = 'usd'): string {
  assertCents(cents);
  const code = currency.toUpperCase();
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  const frac = String(abs % 100).padStart(2, '0');
  const symbol = code === 'USD' ? '$' : code === 'EUR' ? '€' : code === 'GBP' ? '£' : `${code} `;
  return `${negative ? '-' : ''}${symbol}${whole}.${frac}`;
}
