import { useState } from "react";
import { Flex, Input, Table, Tag, Typography } from "antd";
import type { TableColumnsType } from "antd";
import { formatNumber, formatPercent } from "../../lib/format";
import { formatLatency } from "./health-status";
import type { RouteSummary, Thresholds } from "./types";

const byNullable = (key: "p50Ms" | "p95Ms" | "p99Ms") => (a: RouteSummary, b: RouteSummary) => (a[key] ?? -1) - (b[key] ?? -1);

/**
 * Per-route figures over the window, busiest first; values over a threshold are flagged. A filter finds a
 * quiet route among dozens (it would otherwise sit pages back, behind the busy ones).
 */
export function PerformanceTable({ routes, thresholds, loading }: { routes: RouteSummary[]; thresholds: Thresholds | undefined; loading: boolean }) {
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const shown = needle ? routes.filter((r) => r.route.toLowerCase().includes(needle)) : routes;
  const slow = (ms: number | null) => thresholds !== undefined && ms !== null && ms > thresholds.p95LatencyMs;
  const columns: TableColumnsType<RouteSummary> = [
    {
      title: "Route",
      dataIndex: "route",
      render: (route: string) => (
        <Typography.Text code style={{ whiteSpace: "nowrap" }}>
          {route}
        </Typography.Text>
      ),
      sorter: (a, b) => a.route.localeCompare(b.route),
    },
    { title: "Requests", dataIndex: "requests", align: "right", render: formatNumber, sorter: (a, b) => a.requests - b.requests, defaultSortOrder: "descend" },
    { title: "Per minute", dataIndex: "requestsPerMinute", align: "right", sorter: (a, b) => a.requestsPerMinute - b.requestsPerMinute },
    {
      title: "Error rate",
      dataIndex: "errorRatePercent",
      align: "right",
      sorter: (a, b) => a.errorRatePercent - b.errorRatePercent,
      render: (value: number, row) =>
        row.errors > 0 ? (
          <Tag color={thresholds && value > thresholds.errorRatePercent ? "error" : "warning"}>
            {formatPercent(value / 100)} ({formatNumber(row.errors)})
          </Tag>
        ) : (
          formatPercent(0)
        ),
    },
    { title: "4xx", dataIndex: "clientErrors", align: "right", render: formatNumber, sorter: (a, b) => a.clientErrors - b.clientErrors },
    { title: "p50", dataIndex: "p50Ms", align: "right", render: formatLatency, sorter: byNullable("p50Ms") },
    {
      title: "p95",
      dataIndex: "p95Ms",
      align: "right",
      sorter: byNullable("p95Ms"),
      render: (ms: number | null) => (slow(ms) ? <Typography.Text type="danger">{formatLatency(ms)}</Typography.Text> : formatLatency(ms)),
    },
    { title: "p99", dataIndex: "p99Ms", align: "right", render: formatLatency, sorter: byNullable("p99Ms") },
  ];
  return (
    <Flex vertical gap={12}>
      <Input allowClear placeholder="Filter routes, e.g. /api/admin/users" aria-label="Filter routes" value={filter} onChange={(e) => setFilter(e.target.value)} style={{ maxWidth: 360 }} />
      <Table<RouteSummary>
        rowKey="route"
        size="small"
        columns={columns}
        dataSource={shown}
        loading={loading}
        pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 800 }}
        locale={{ emptyText: needle ? `No route matches "${filter.trim()}".` : "No requests in this window yet." }}
        data-testid="performance-table"
      />
    </Flex>
  );
}
