import dayjs from "dayjs";

/** The reader's locale as the browser reports it; Intl falls back to its default when unset. */
const locale = typeof navigator !== "undefined" ? navigator.language : undefined;

type DateInput = string | number | Date | null | undefined;

const toDate = (value: DateInput): Date | null => {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

const currencyFormatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats integer cents as money, e.g. 123456 → "$1,234.56". The API sends bigint totals as strings;
 * they are accepted as-is. The division by 100 is display only; no money arithmetic happens here.
 */
export function formatCents(cents: number | string | null | undefined, currency = "USD"): string {
  if (cents === null || cents === undefined || cents === "") return "—";
  const value = typeof cents === "string" ? Number(cents) : cents;
  if (!Number.isFinite(value)) return "—";
  const key = currency.toUpperCase();
  let formatter = currencyFormatters.get(key);
  if (!formatter) {
    // narrowSymbol: "$1,234.56" in every locale (en-GB would otherwise write "US$1,234.56")
    formatter = new Intl.NumberFormat(locale, { style: "currency", currency: key, currencyDisplay: "narrowSymbol" });
    currencyFormatters.set(key, formatter);
  }
  return formatter.format(value / 100);
}

const dateFormatter = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
const dateTimeFormatter = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
const numberFormatter = new Intl.NumberFormat(locale);

/** A calendar date in the reader's locale and time zone, e.g. "Nov 23, 2026". */
export function formatDate(value: DateInput): string {
  const date = toDate(value);
  return date ? dateFormatter.format(date) : "—";
}

/** Date and time in the reader's locale and time zone, e.g. "Nov 23, 2026, 10:42 PM". */
export function formatDateTime(value: DateInput): string {
  const date = toDate(value);
  return date ? dateTimeFormatter.format(date) : "—";
}

const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.34524],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** Relative to now in the reader's language, e.g. "now", "3 hours ago", "yesterday"; "Never" when there is no date. */
export function formatRelative(value: DateInput, emptyText = "Never"): string {
  const date = toDate(value);
  if (!date) return emptyText;
  let amount = (date.getTime() - Date.now()) / 1000;
  if (Math.abs(amount) < 45) return relativeFormat.format(0, "second");
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size) return relativeFormat.format(Math.round(amount), unit);
    amount /= size;
  }
  return relativeFormat.format(Math.round(amount), "year");
}

const percentFormatter = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 });

/** A 0..1 ratio as a percentage in the reader's locale, e.g. 0.094 → "9.4%". */
export function formatPercent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || Number.isNaN(ratio) ? "—" : percentFormatter.format(ratio);
}

/** A whole number with the reader's digit grouping. */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : numberFormatter.format(value);
}

const byteFormatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"];

/** A size in binary units, as the API counts storage: 812 → "812 B", 26,843,545,600 → "25 GB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return "—";
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${byteFormatter.format(value)} ${BYTE_UNITS[unit]}`;
}

/** A "YYYY-MM-DD" calendar day (as the analytics reports send them) as a local date, never shifted by the time zone. */
function dayToDate(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** A "YYYY-MM-DD" day in the reader's locale, e.g. "Nov 23, 2026"; anything else is shown as it is. */
export function formatDay(day: string): string {
  const date = dayToDate(day);
  return date ? dateFormatter.format(date) : day;
}

const shortDayFormatter = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" });

/** A "YYYY-MM-DD" day as a short chart label in the reader's locale, e.g. "Nov 23". */
export function formatShortDay(day: string): string {
  const date = dayToDate(day);
  return date ? shortDayFormatter.format(date) : day;
}

// Parts of a short date → dayjs tokens: four-digit year, two-digit month and day, so that what a date
// picker shows can be typed back as it is.
const PICKER_TOKENS: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = { year: "YYYY", month: "MM", day: "DD" };
// Direction marks (Arabic puts U+200F after each number) are invisible and cannot be typed.
const DIRECTION_MARKS = /[\u061c\u200e\u200f]/g;
// Separators dayjs reads as they are; any other text (e.g. Bulgarian " г.") is bracketed so no letter in it is
// taken for a token.
const PLAIN_SEPARATORS = /^[-_:/.,()\s]*$/;

/**
 * The reader's first day of the week, from Intl's week data where the browser has it (Monday in en-GB and
 * de-DE, Sunday in en-US): the date pickers' calendars follow it. Their words stay antd's English.
 */
function readerWeekStart(tag: string | undefined): number | undefined {
  try {
    const info = new Intl.Locale(tag ?? "en-US") as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const firstDay = (info.getWeekInfo?.() ?? info.weekInfo)?.firstDay; // 1 = Monday … 7 = Sunday
    return firstDay ? firstDay % 7 : undefined;
  } catch {
    return undefined; // an odd language tag: keep dayjs's default
  }
}
const weekStart = readerWeekStart(locale);
if (weekStart !== undefined) dayjs.Ls.en.weekStart = weekStart; // antd's en_US calendars read dayjs's "en"

/**
 * The date pickers' formats in the reader's short date order and separators, as dayjs formats: the one
 * shown, padded, such as "MM/DD/YYYY" (en-US), "DD/MM/YYYY" (en-GB), "DD.MM.YYYY" (de-DE) or "YYYY/MM/DD"
 * (ja-JP), then the same unpadded for typing. Only what the reader sees and types follows them; values
 * sent to the API keep their ISO format at each call site.
 */
export function pickerDateFormats(localeTag: string | undefined = locale): [shown: string, typed: string] {
  // Gregorian calendar and Latin digits, the only ones the picker parses
  const parts = new Intl.DateTimeFormat(localeTag, { year: "numeric", month: "2-digit", day: "2-digit", calendar: "gregory", numberingSystem: "latn" }).formatToParts(new Date(2026, 10, 24));
  let format = "";
  for (const part of parts) {
    const token = PICKER_TOKENS[part.type];
    const literal = part.type === "literal" ? part.value.replace(DIRECTION_MARKS, "") : "";
    format += token ?? (PLAIN_SEPARATORS.test(literal) ? literal : `[${literal}]`);
  }
  if (!["YYYY", "MM", "DD"].every((t) => format.includes(t))) format = "YYYY-MM-DD";
  // shown padded; typed either way (1/5/2026 as well as 01/05/2026)
  return [format, format.replace("MM", "M").replace("DD", "D")];
}

/** An enum value as people read it: "free" → "Free", "past_due" → "Past due". */
export function humanize(value: string | null | undefined): string {
  return value ? value.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()) : "—";
}
