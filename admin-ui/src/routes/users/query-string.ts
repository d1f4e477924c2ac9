import type { CrudFilter, CrudSort } from "@refinedev/core";

const SUFFIX: Record<string, string> = { eq: "", ne: "_ne", gte: "_gte", lte: "_lte", contains: "_like" };

/**
 * The simple-rest query string of a table's filters (the same parameters the list sends), for links that
 * the browser opens itself, such as a CSV download.
 */
export function filtersToQuery(filters: CrudFilter[], sorters: CrudSort[] = []): string {
  const params = new URLSearchParams();
  if (sorters[0]?.field) {
    params.set("_sort", sorters[0].field);
    params.set("_order", sorters[0].order);
  }
  for (const filter of filters) {
    if (!("field" in filter) || filter.value === undefined || filter.value === null || filter.value === "") continue;
    const suffix = SUFFIX[filter.operator];
    if (suffix === undefined) continue;
    const key = filter.field === "q" ? "q" : `${filter.field}${suffix}`;
    for (const value of Array.isArray(filter.value) ? filter.value : [filter.value]) params.append(key, String(value));
  }
  return params.toString();
}
