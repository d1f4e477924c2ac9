import { useCustom } from "@refinedev/core";

/** One admin analytics report for the filters in the URL. */
export function useReport<T extends object>(report: string, query: Record<string, string>) {
  const { query: q, result } = useCustom<T>({ url: `/admin/analytics/${report}`, method: "get", config: { query }, errorNotification: false });
  return { q, data: q.isSuccess ? (result.data as T) : undefined };
}
