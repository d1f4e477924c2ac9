import { useMemo } from "react";
import { Button, Card, DatePicker, Empty, Flex, Select, Skeleton, Table, Tag, Typography, theme } from "antd";
import type { TableColumnsType, TablePaginationConfig } from "antd";
import { ClearOutlined } from "@ant-design/icons";
import { List, getDefaultSortOrder, useTable } from "@refinedev/antd";
import type { CrudFilter } from "@refinedev/core";
import { Link } from "react-router";
import type { Dayjs } from "dayjs";
import { DebouncedSearch } from "../../components/table/debounced-search";
import { JsonBlock } from "../../components/json-block";
import { QueryError } from "../../components/query-error";
import { formatDateTime, formatNumber, pickerDateFormats } from "../../lib/format";
import { PAGE_SIZES, dateRangeFilters, dateRangeValue, eq, filterValue, hasFilters } from "../../lib/table-filters";
import type { ApiError } from "../../providers/http";
import type { SystemLogLine } from "../errors/types";
import { AuditTabs } from "./tabs";

const LEVEL_COLORS: Record<SystemLogLine["level"], string> = { debug: "default", info: "blue", warning: "gold", error: "red", critical: "magenta" };
const LEVEL_OPTIONS = (Object.keys(LEVEL_COLORS) as Array<SystemLogLine["level"]>).map((l) => ({ value: l, label: l[0].toUpperCase() + l.slice(1) }));

/** The system log: what the platform itself recorded (errors with their stacks, warnings, notable events). */
export default function SystemLogPage() {
  const { token } = theme.useToken();
  const { tableProps, tableQuery, filters, setFilters, sorters, setCurrentPage } = useTable<SystemLogLine, ApiError>({
    resource: "system/logs",
    syncWithLocation: true,
    pagination: { pageSize: 20 },
    sorters: { initial: [{ field: "createdAt", order: "desc" }] },
    errorNotification: false,
  });

  const applyFilters = (next: CrudFilter[]) => {
    setFilters(next, "merge");
    setCurrentPage(1);
  };
  const clearFilters = () => {
    setFilters([], "replace");
    setCurrentPage(1);
  };
  const filtered = hasFilters(filters);

  const columns: TableColumnsType<SystemLogLine> = useMemo(
    () => [
      {
        title: "When",
        dataIndex: "createdAt",
        width: 190,
        sorter: true,
        sortOrder: getDefaultSortOrder("createdAt", sorters),
        render: (v: string) => <time dateTime={v}>{formatDateTime(v)}</time>,
      },
      { title: "Level", dataIndex: "level", width: 100, render: (l: SystemLogLine["level"]) => <Tag color={LEVEL_COLORS[l]} style={{ textTransform: "capitalize" }}>{l}</Tag> },
      { title: "Component", dataIndex: "component", width: 120, render: (c: string) => <Tag bordered={false} style={{ fontFamily: token.fontFamilyCode }}>{c}</Tag> },
      { title: "Message", dataIndex: "message", ellipsis: true },
      {
        title: "Error group",
        dataIndex: "errorGroupId",
        width: 120,
        render: (id: string | null) => (id ? <Link to={`/errors/${id}`} onClick={(e) => e.stopPropagation()}>Open group</Link> : "—"),
      },
    ],
    [sorters, token.fontFamilyCode],
  );

  const pagination: TablePaginationConfig | false = tableProps.pagination
    ? { ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, showTotal: (total) => `${formatNumber(total)} line${total === 1 ? "" : "s"}` }
    : false;
  const firstLoad = tableQuery.isLoading && !tableQuery.data;

  return (
    <List title="Logs & audit trail">
      <AuditTabs active="system" />
      <Card>
        <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }} role="search">
          <DebouncedSearch
            data-testid="system-log-search"
            placeholder="Search messages"
            value={filterValue(filters, "q") ?? ""}
            onSearch={(q) => applyFilters([eq("q", q)])}
            style={{ width: 280 }}
          />
          <Select aria-label="Level" placeholder="Any level" allowClear options={LEVEL_OPTIONS} value={filterValue(filters, "level")} onChange={(v) => applyFilters([eq("level", v)])} style={{ width: 140 }} />
          <DebouncedSearch
            placeholder="Component (api, job, browser…)"
            enterButton={false}
            value={filterValue(filters, "component") ?? ""}
            onSearch={(c) => applyFilters([eq("component", c)])}
            style={{ width: 220 }}
          />
          <DatePicker.RangePicker
            format={pickerDateFormats()}
            aria-label="Between"
            value={dateRangeValue(filters, "createdAt")}
            onChange={(range) => applyFilters(dateRangeFilters("createdAt", range as [Dayjs | null, Dayjs | null] | null))}
          />
          {filtered && (
            <Button icon={<ClearOutlined />} onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </Flex>

        {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load the system log" />}

        {firstLoad ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : tableQuery.isError && !tableQuery.data ? null : (
          <Table<SystemLogLine>
            {...tableProps}
            rowKey="id"
            columns={columns}
            pagination={pagination}
            scroll={{ x: 900 }}
            expandable={{
              expandRowByClick: true,
              expandedRowRender: (line) => (
                <Flex vertical gap={8}>
                  <Typography.Text type="secondary">
                    {line.requestId ? <>Request <Typography.Text code>{line.requestId}</Typography.Text> </> : null}
                    {line.userId ? <>User <Typography.Text code>{line.userId}</Typography.Text> </> : null}
                    {line.sentryEventId ? <>Sentry <Typography.Text code copyable>{line.sentryEventId}</Typography.Text></> : null}
                  </Typography.Text>
                  <Flex gap={16} wrap="wrap">
                    <JsonBlock title="Context" value={line.context} />
                    {line.stack && (
                      <div style={{ minWidth: 0, flex: "1 1 420px" }}>
                        <Typography.Text strong>Stack</Typography.Text>
                        <pre style={{ margin: "4px 0 0", padding: 12, maxHeight: 320, overflow: "auto", fontFamily: token.fontFamilyCode, fontSize: 12, background: token.colorFillQuaternary, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}>
                          {line.stack}
                        </pre>
                      </div>
                    )}
                  </Flex>
                </Flex>
              ),
            }}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? "No log lines match these filters" : "Nothing has been logged yet"}>
                  {filtered && (
                    <Button type="primary" onClick={clearFilters}>
                      Clear filters
                    </Button>
                  )}
                </Empty>
              ),
            }}
          />
        )}
      </Card>
    </List>
  );
}
