import { Card, Empty, Segmented, Skeleton, Table, Typography } from "antd";
import { QueryError } from "../../components/query-error";
import { formatDate, formatNumber, formatPercent } from "../../lib/format";
import type { ApiError } from "../../providers/http";
import { FilterBar, useFilters } from "./filters";
import { KpiCards, type KpiDef } from "./kpi-cards";
import type { Cohort, RetentionReport } from "./types";
import { useReport } from "./use-report";

const KPIS: KpiDef[] = [
  { key: "customers", title: "Customers in cohorts", format: (v) => formatNumber(v) },
  { key: "cohorts", title: "Cohorts", format: (v) => formatNumber(v) },
  { key: "retentionPeriod1", title: "Active one period on", format: (v) => formatPercent(v / 100) },
  { key: "retentionPeriod3", title: "Active three periods on", format: (v) => formatPercent(v / 100) },
];

/** Background from white to blue by share, so the grid reads like a heat map. */
// The theme's blue, at most 70 % strong: the cell's dark text still reads at 5.5:1 on the strongest shade.
const shade = (pct: number) => `rgba(9, 88, 217, ${Math.min(1, pct / 100) * 0.65 + 0.05})`;

/** Retention: signup cohorts by week or month × the share of each cohort still active. */
export function AnalyticsRetention() {
  const { filters, set, query } = useFilters();
  const period = filters.period ?? "week";
  const { q, data } = useReport<RetentionReport>("retention", { ...query, period });
  const width = Math.max(0, ...(data?.cohorts ?? []).map((c) => c.retention.length));
  return (
    <>
      <FilterBar
        report="retention"
        range={data?.range}
        filters={filters}
        set={set}
        query={{ ...query, period }}
        extra={<Segmented aria-label="Cohort period" value={period} options={[{ label: "Weekly", value: "week" }, { label: "Monthly", value: "month" }]} onChange={(v) => set({ period: v as "week" | "month" })} />}
      />
      {q.isError && <QueryError error={q.error as ApiError} onRetry={() => q.refetch()} title="Could not load retention" />}
      {!data ? (
        q.isLoading && <Card><Skeleton active paragraph={{ rows: 6 }} /></Card>
      ) : (
        <>
          <KpiCards defs={KPIS} kpis={data.kpis} previous={data.previous?.kpis} changes={data.changes} />
          <Card title={`Signup cohorts by ${period}`} style={{ marginTop: 16 }} extra={<Typography.Text type="secondary">share of each cohort active in each {period} after signing up</Typography.Text>}>
            {data.cohorts.length === 0 ? (
              <Empty description="Nobody signed up in this period" />
            ) : (
              <Table<Cohort>
                rowKey="cohort"
                size="small"
                pagination={false}
                scroll={{ x: true }}
                dataSource={data.cohorts}
                columns={[
                  { title: "Cohort", dataIndex: "cohort", fixed: "left", render: (c: string) => formatDate(`${c}T00:00:00Z`) },
                  { title: "Customers", dataIndex: "size", align: "right" },
                  ...Array.from({ length: width }, (_, k) => ({
                    title: `${period === "week" ? "W" : "M"}${k}`,
                    key: `p${k}`,
                    align: "center" as const,
                    onCell: (c: Cohort) => ({ style: k < c.retention.length ? { background: shade(c.retention[k]) } : {} }),
                    render: (_: unknown, c: Cohort) => (k < c.retention.length ? <span title={`${c.active[k]} of ${c.size}`}>{c.retention[k]}%</span> : ""),
                  })),
                ]}
              />
            )}
          </Card>
        </>
      )}
    </>
  );
}
