import { z } from 'zod';
import { DAY_MS } from '../lib/time';

/**
 * The dates the API takes in filters and ranges: 1970-01-01 up to 9999-12-30. JavaScript parses dates far
 * outside what PostgreSQL stores (before 4713 BC, after year 294,276) or writes back in a form it reads
 * (the day after 9999-12-31 is "+010000-01-01"), and ranges are shifted by a day or a period (a day's end,
 * the previous period): inside these bounds every such shift stays a date both understand.
 */
const EARLIEST = '1970-01-01';
const LATEST = '9999-12-30';
const RANGE_MESSAGE = `Use a date from ${EARLIEST} to ${LATEST}`;

/** Why an ISO-8601 date or timestamp from a filter is unusable, or undefined when it is fine. */
export function dateProblem(value: string): string | undefined {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return 'Use an ISO-8601 date';
  if (t < Date.parse(`${EARLIEST}T00:00:00Z`) || t >= Date.parse(`${LATEST}T00:00:00Z`) + DAY_MS) return RANGE_MESSAGE;
  return undefined;
}

/** A calendar day as YYYY-MM-DD (UTC), within the bounds above. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the format YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'Not a calendar date')
  .refine((v) => v >= EARLIEST && v <= LATEST, RANGE_MESSAGE);
