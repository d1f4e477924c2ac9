import type { CrudFilter } from "@refinedev/core";
import dayjs, { type Dayjs } from "dayjs";

/** Page sizes offered by every server-paginated table. */
export const PAGE_SIZES = [10, 20, 50, 100];

/** The value of a filter currently applied to a table, or undefined. */
export function filterValue(filters: CrudFilter[], field: string, operator: string = "eq"): any {
  const found = filters.find((filter) => "field" in filter && filter.field === field && filter.operator === operator);
  return found?.value;
}

/** A filter to merge into the table's filters; an empty value removes the filter. */
export function eq(field: string, value: unknown): CrudFilter {
  const empty = value === undefined || value === null || value === "";
  return { field, operator: "eq", value: empty ? undefined : value };
}

/**
 * `field_gte`/`field_lte` filters for a date range picked in the reader's time zone: from the start of
 * the first day to the end of the last, sent as UTC instants.
 */
export function dateRangeFilters(field: string, range: [Dayjs | null, Dayjs | null] | null | undefined): CrudFilter[] {
  const [from, to] = range ?? [null, null];
  return [
    { field, operator: "gte", value: from ? from.startOf("day").toISOString() : undefined },
    { field, operator: "lte", value: to ? to.endOf("day").toISOString() : undefined },
  ];
}

/** The applied date range of a table as RangePicker values. */
export function dateRangeValue(filters: CrudFilter[], field: string): [Dayjs, Dayjs] | null {
  const from = filterValue(filters, field, "gte");
  const to = filterValue(filters, field, "lte");
  if (!from && !to) return null;
  return [dayjs(from ?? to), dayjs(to ?? from)];
}

/** Whether any of these fields is filtered. */
export const hasFilters = (filters: CrudFilter[], fields?: string[]) =>
  filters.some((filter) => "field" in filter && (!fields || fields.includes(filter.field)) && filter.value !== undefined);

/**
 * A console link to a list with filters applied, in the query format Refine's router reads back
 * (`filters[0][field]=…`), e.g. the audit trail of one user.
 */
export function listLinkWithFilters(path: string, filters: { field: string; value: string; operator?: string }[]): string {
  const params = new URLSearchParams();
  filters.forEach((filter, index) => {
    params.set(`filters[${index}][field]`, filter.field);
    params.set(`filters[${index}][operator]`, filter.operator ?? "eq");
    params.set(`filters[${index}][value]`, filter.value);
  });
  return `${path}?${params.toString()}`;
}
