/**
 * The portal's one formatting helper: money and dates are rendered here and nowhere else, in the
 * reader's locale (`undefined` locale = the browser's). No money arithmetic happens in the browser.
 */

import dayjs from 'dayjs';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const currencyFormats = new Map<string, Intl.NumberFormat>();

type DateInput = string | number | Date | null | undefined;

function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Integer cents (a number, or a bigint column that pg returns as a string) → "$1,234.56".
 * The decimal point is placed on the digits, not by dividing a float, so 10000000000000001 cents stays exact.
 */
export function formatCents(cents: number | string | bigint | null | undefined, currency = 'USD'): string {
  if (cents === null || cents === undefined || cents === '') return '—';
  const digits = BigInt(typeof cents === 'number' ? Math.trunc(cents) : cents).toString();
  const negative = digits.startsWith('-');
  const abs = (negative ? digits.slice(1) : digits).padStart(3, '0');
  const decimal = `${negative ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}` as `${number}`;
  const code = currency.toUpperCase();
  let format = currencyFormats.get(code);
  if (!format) {
    // narrowSymbol: "$1,234.56" in every locale (en-GB would otherwise write "US$1,234.56")
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' });
    currencyFormats.set(code, format);
  }
  return format.format(decimal);
}

/** "Nov 23, 2026" (reader's locale). */
export function formatDate(value: DateInput): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : '—';
}

// Billing periods run from midnight UTC to midnight UTC: read in UTC, so that no time zone moves their days.
const billingDayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A billing date (a period's start or end) in the reader's locale, e.g. "Oct 27, 2026". */
export function formatBillingDay(value: DateInput): string {
  const date = toDate(value);
  return date ? billingDayFormat.format(date) : '—';
}

/** A billing period in the reader's locale: "Oct 27 – Nov 27, 2026" (en-US), "27 Oct – 27 Nov 2026" (en-GB). */
export function formatBillingPeriod(start: DateInput, end: DateInput): string {
  const [from, to] = [toDate(start), toDate(end)];
  return from && to ? billingDayFormat.formatRange(from, to) : '—';
}

/** "Nov 23, 2026, 10:42 PM" (reader's locale and time zone). */
export function formatDateTime(value: DateInput): string {
  const date = toDate(value);
  return date ? dateTimeFormat.format(date) : '—';
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.34524],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 minutes ago", "yesterday", "in 2 days" relative to `now`. */
export function formatRelative(value: DateInput, now: Date = new Date()): string {
  const date = toDate(value);
  if (!date) return '—';
  let amount = (date.getTime() - now.getTime()) / 1000;
  if (Math.abs(amount) < 45) return relativeFormat.format(0, 'second');
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return relativeFormat.format(Math.round(amount), unit);
    amount /= size;
  }
  return formatDate(date);
}

/** Bytes → "812 B", "4.2 KB", "1.1 MB" (1 KB = 1024 B, like the API's 100 KB snippet limit). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${oneDecimal.format(value)} ${units[unit]}`;
}

/** A 0..1 ratio → "87%". */
export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  return percentFormat.format(ratio);
}

/** A "YYYY-MM-DD" calendar day (as the analytics API sends them) as a local date, never shifted by the time zone. */
export function dayToDate(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** A "YYYY-MM-DD" day in the reader's locale, e.g. "Nov 23, 2026"; anything else is shown as it is. */
export function formatDay(day: string): string {
  const date = dayToDate(day);
  return date ? dateFormat.format(date) : day;
}

const shortDayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** A "YYYY-MM-DD" day as a short chart label in the reader's locale, e.g. "Nov 23". */
export function formatShortDay(day: string): string {
  const date = dayToDate(day);
  return date ? shortDayFormat.format(date) : day;
}

/** A local date (from dayToDate) as a short chart label in the reader's locale, e.g. "Nov 23". */
export function formatShortDate(date: Date): string {
  return shortDayFormat.format(date);
}

/** The reader's locale as the browser reports it (what Intl uses when given no locale). */
const readerLocale = typeof navigator !== 'undefined' ? navigator.language : undefined;

// Parts of a short date → dayjs tokens: four-digit year, two-digit month and day, so that what a date
// picker shows can be typed back as it is.
const PICKER_TOKENS: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = { year: 'YYYY', month: 'MM', day: 'DD' };
// Direction marks (Arabic puts U+200F after each number) are invisible and cannot be typed.
const DIRECTION_MARKS = /[\u061c\u200e\u200f]/g;
// Separators dayjs reads as they are; any other text (e.g. Bulgarian ' г.') is bracketed so no letter in it is
// taken for a token.
const PLAIN_SEPARATORS = /^[-_:/.,()\s]*$/;

/**
 * The reader's first day of the week, from Intl's week data where the browser has it (Monday in en-GB and
 * de-DE, Sunday in en-US): the date pickers' calendars follow it. Their words stay antd's English.
 */
function readerWeekStart(tag: string | undefined): number | undefined {
  try {
    const info = new Intl.Locale(tag ?? 'en-US') as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const firstDay = (info.getWeekInfo?.() ?? info.weekInfo)?.firstDay; // 1 = Monday … 7 = Sunday
    return firstDay ? firstDay % 7 : undefined;
  } catch {
    return undefined; // an odd language tag: keep dayjs's default
  }
}
const weekStart = readerWeekStart(readerLocale);
if (weekStart !== undefined) dayjs.Ls.en.weekStart = weekStart; // antd's en_US calendars read dayjs's "en"

/**
 * The date pickers' formats in the reader's short date order and separators, as dayjs formats: the one
 * shown, padded, such as 'MM/DD/YYYY' (en-US), 'DD/MM/YYYY' (en-GB), 'DD.MM.YYYY' (de-DE) or 'YYYY/MM/DD'
 * (ja-JP), then the same unpadded for typing. Only what the reader sees and types follows them; values
 * sent to the API keep their ISO format at each call site.
 */
export function pickerDateFormats(localeTag: string | undefined = readerLocale): [shown: string, typed: string] {
  // Gregorian calendar and Latin digits, the only ones the picker parses
  const parts = new Intl.DateTimeFormat(localeTag, { year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'gregory', numberingSystem: 'latn' }).formatToParts(new Date(2026, 10, 24));
  let format = '';
  for (const part of parts) {
    const token = PICKER_TOKENS[part.type];
    const literal = part.type === 'literal' ? part.value.replace(DIRECTION_MARKS, '') : '';
    format += token ?? (PLAIN_SEPARATORS.test(literal) ? literal : `[${literal}]`);
  }
  if (!['YYYY', 'MM', 'DD'].every((t) => format.includes(t))) format = 'YYYY-MM-DD';
  // shown padded; typed either way (1/5/2026 as well as 01/05/2026)
  return [format, format.replace('MM', 'M').replace('DD', 'D')];
}

/** An enum value as people read it: "security" → "Security", "past_due" → "Past due". */
export function humanize(value: string | null | undefined): string {
  return value ? value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) : '—';
}
