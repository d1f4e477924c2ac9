import { Button, DatePicker, Select, Space, Switch, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useSearchParams } from "react-router";
import { pickerDateFormats } from "../../lib/format";
import { useDownload } from "../../lib/use-download";
import type { DayRange } from "./types";

export interface Filters {
  from?: string;
  to?: string;
  tier?: string;
  compare: boolean;
  period?: "week" | "month";
}

/** Days in the URL and the API stay ISO; only the picker shows them in the reader's format. */
const API_DAY = "YYYY-MM-DD";

/** Range, tier, comparison (and retention period) live in the URL, so a view can be bookmarked and shared. */
export function useFilters(): { filters: Filters; set: (next: Partial<Filters>) => void; query: Record<string, string> } {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    tier: params.get("tier") ?? undefined,
    compare: params.get("compare") !== "none",
    period: (params.get("period") as Filters["period"]) ?? undefined,
  };
  const set = (next: Partial<Filters>) => {
    const merged = { ...filters, ...next };
    const p = new URLSearchParams();
    for (const k of ["from", "to", "tier", "period"] as const) if (merged[k]) p.set(k, merged[k]!);
    if (!merged.compare) p.set("compare", "none");
    setParams(p, { replace: true });
  };
  const query: Record<string, string> = {};
  for (const k of ["from", "to", "tier", "period"] as const) if (filters[k]) query[k] = filters[k]!;
  query.compare = filters.compare ? "previous" : "none";
  return { filters, set, query };
}

const PRESETS = [
  { label: "Last 7 days", value: [dayjs().subtract(7, "day"), dayjs().subtract(1, "day")] as [Dayjs, Dayjs] },
  { label: "Last 30 days", value: [dayjs().subtract(30, "day"), dayjs().subtract(1, "day")] as [Dayjs, Dayjs] },
  { label: "Last 90 days", value: [dayjs().subtract(90, "day"), dayjs().subtract(1, "day")] as [Dayjs, Dayjs] },
  { label: "Last 12 months", value: [dayjs().subtract(365, "day"), dayjs().subtract(1, "day")] as [Dayjs, Dayjs] },
];

const TIERS = [
  { value: "free", label: "Free" },
  { value: "professional", label: "Professional" },
  { value: "enterprise", label: "Enterprise" },
];

/** The filter bar of every analytics page, with the CSV export of the report on screen. */
export function FilterBar({ report, range, filters, set, query, extra }: { report: string; range?: DayRange; filters: Filters; set: (n: Partial<Filters>) => void; query: Record<string, string>; extra?: React.ReactNode }) {
  const exportHref = `/api/admin/analytics/${report}/export?${new URLSearchParams({ ...query, ...(range ?? {}) }).toString()}`;
  const { download, downloading } = useDownload();
  return (
    <Space wrap size="middle" style={{ marginBottom: 16 }}>
      <DatePicker.RangePicker
        aria-label="Date range"
        format={pickerDateFormats()}
        value={range ? [dayjs(range.from), dayjs(range.to)] : null}
        presets={PRESETS}
        allowClear={false}
        disabledDate={(d) => d.isAfter(dayjs(), "day")}
        onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format(API_DAY), to: v[1].format(API_DAY) })}
      />
      <Select aria-label="Tier" allowClear placeholder="All tiers" style={{ width: 160 }} value={filters.tier} options={TIERS} onChange={(tier?: string) => set({ tier })} />
      <Space size="small">
        <Switch checked={filters.compare} onChange={(compare) => set({ compare })} aria-label="Compare with the previous period" />
        <Typography.Text>vs previous period</Typography.Text>
      </Space>
      {extra}
      <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(exportHref)} data-testid="export-csv">
        Export CSV
      </Button>
    </Space>
  );
}
