import { useMemo } from "react";
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Row, Select, Skeleton, Statistic, Table, Tag, Typography, theme } from "antd";
import type { TableColumnsType, TablePaginationConfig } from "antd";
import { ClearOutlined, FileSearchOutlined } from "@ant-design/icons";
import { List, getDefaultSortOrder, useTable } from "@refinedev/antd";
import { useCustom, type CrudFilter } from "@refinedev/core";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { Dayjs } from "dayjs";
import { DebouncedSearch } from "../../components/table/debounced-search";
import { QueryError } from "../../components/query-error";
import { RelativeTime } from "../../components/tags";
import { formatNumber, formatPercent, pickerDateFormats } from "../../lib/format";
import { PAGE_SIZES, dateRangeFilters, dateRangeValue, eq, filterValue, hasFilters } from "../../lib/table-filters";
import { useCurrentUser } from "../../lib/use-current-user";
import type { ApiError } from "../../providers/http";
import { COMPONENT_LABELS, GroupActions, GroupStatusTag, Sparkline, componentLabel } from "./components";
import { ERRORS_RESOURCE, type ErrorGroup, type ErrorSummary } from "./types";

const STATUS_OPTIONS = [
  { value: "unresolved", label: "Unresolved" },
  { value: "resolved", label: "Resolved" },
  { value: "ignored", label: "Ignored" },
];
const COMPONENT_OPTIONS = Object.entries(COMPONENT_LABELS).map(([value, label]) => ({ value, label }));

/** The alert and key figures above the list: error rate against the monitoring threshold. */
function ErrorRateSummary() {
  const { token } = theme.useToken();
  const { query, result } = useCustom<ErrorSummary>({ url: "/admin/system/errors/summary", method: "get", errorNotification: false, queryOptions: { refetchInterval: 30_000 } });
  // before its first answer useCustom's data is an empty object, which would read as zero errors
  const summary = query.isSuccess ? result.data : undefined;
  if (query.isError) return <QueryError error={query.error} title="Could not load the error rate" onRetry={() => query.refetch()} />;
  if (!summary) return <Skeleton active paragraph={{ rows: 1 }} />;
  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      {summary.alert && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="error-rate-alert"
          message={`API error rate ${summary.errorRatePercent}% is above the ${summary.thresholdPercent}% alert threshold`}
          description={`${formatNumber(summary.serverErrors)} of ${formatNumber(summary.requests)} requests failed with a server error in the last ${summary.windowMinutes} minutes on this server. Start with the newest unresolved groups below.`}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="API error rate (1 h)" value={`${formatPercent(summary.errorRatePercent / 100)} / ${formatPercent(summary.thresholdPercent / 100)}`} valueStyle={summary.alert ? { color: token.colorError } : undefined} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="Errors, last hour" value={summary.eventsLastHour} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="Errors, last 24 h" value={summary.eventsLast24h} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="Unresolved groups" value={summary.unresolvedGroups} suffix={summary.regressedGroups ? <Tag color="volcano">{summary.regressedGroups} regressed</Tag> : undefined} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

/** Errors grouped by fingerprint: how often, how many people, since when; triage with resolve / ignore. */
export default function ErrorListPage() {
  const navigate = useNavigate();
  const { can } = useCurrentUser();
  // `/admin/errors?q=<errorId>` (a ticket's error reference) opens the list already searched
  const [params] = useSearchParams();
  const initialQ = params.get("q")?.slice(0, 200) ?? "";
  const { tableProps, tableQuery, filters, setFilters, sorters, setCurrentPage } = useTable<ErrorGroup, ApiError>({
    resource: ERRORS_RESOURCE,
    syncWithLocation: true,
    pagination: { pageSize: 20 },
    sorters: { initial: [{ field: "lastSeenAt", order: "desc" }] },
    filters: { initial: initialQ ? [eq("q", initialQ)] : [] },
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

  const columns: TableColumnsType<ErrorGroup> = useMemo(
    () => [
      {
        title: "Error",
        dataIndex: "message",
        render: (_: string, g: ErrorGroup) => (
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Link to={`/errors/${g.id}`} onClick={(e) => e.stopPropagation()}>
              <Typography.Text strong>{g.errorType}</Typography.Text>
            </Link>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: g.message }} style={{ marginBottom: 0 }}>
              {g.message}
            </Typography.Paragraph>
          </Flex>
        ),
      },
      { title: "Where", dataIndex: "component", width: 100, render: (c: string) => <Tag bordered={false}>{componentLabel(c)}</Tag> },
      { title: "Status", dataIndex: "status", width: 120, render: (_: string, g: ErrorGroup) => <GroupStatusTag group={g} /> },
      { title: "Events", dataIndex: "eventCount", width: 110, align: "right", sorter: true, sortOrder: getDefaultSortOrder("eventCount", sorters), render: (n: number) => formatNumber(n) },
      { title: "Users", dataIndex: "userCount", width: 100, align: "right", sorter: true, sortOrder: getDefaultSortOrder("userCount", sorters), render: (n: number) => formatNumber(n) },
      { title: "Last 24 h", dataIndex: "trend", width: 130, render: (trend: number[] | undefined) => <Sparkline values={trend ?? []} label="the last 24 hours" /> },
      // on the group's page too; beside the menu there is room for it only on a wide screen
      { title: "First seen", dataIndex: "firstSeenAt", width: 130, responsive: ["xxl"], sorter: true, sortOrder: getDefaultSortOrder("firstSeenAt", sorters), render: (v: string) => <RelativeTime value={v} /> },
      { title: "Last seen", dataIndex: "lastSeenAt", width: 130, sorter: true, sortOrder: getDefaultSortOrder("lastSeenAt", sorters), render: (v: string) => <RelativeTime value={v} /> },
      { title: "", key: "actions", width: 190, render: (_: unknown, g: ErrorGroup) => <GroupActions group={g} /> },
    ],
    [sorters],
  );

  const pagination: TablePaginationConfig | false = tableProps.pagination
    ? { ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, showTotal: (total) => `${formatNumber(total)} group${total === 1 ? "" : "s"}` }
    : false;
  const firstLoad = tableQuery.isLoading && !tableQuery.data;

  return (
    <List
      title="Errors"
      headerButtons={
        can("system.read") ? (
          <Link to="/audit-log/system-log">
            <Button icon={<FileSearchOutlined />}>System log</Button>
          </Link>
        ) : null
      }
    >
      <ErrorRateSummary />
      <Card>
        <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }} role="search">
          <DebouncedSearch
            data-testid="errors-search"
            placeholder="Search message, type, or an error id"
            value={filterValue(filters, "q") ?? ""}
            onSearch={(q) => applyFilters([eq("q", q)])}
            style={{ width: 320 }}
          />
          <Select
            aria-label="Status"
            placeholder="Any status"
            allowClear
            options={STATUS_OPTIONS}
            value={filterValue(filters, "status")}
            onChange={(v) => applyFilters([eq("status", v)])}
            style={{ width: 150 }}
          />
          <Select
            aria-label="Where"
            placeholder="Anywhere"
            allowClear
            options={COMPONENT_OPTIONS}
            value={filterValue(filters, "component")}
            onChange={(v) => applyFilters([eq("component", v)])}
            style={{ width: 170 }}
          />
          <DatePicker.RangePicker
            format={pickerDateFormats()}
            aria-label="Last seen between"
            placeholder={["Last seen from", "to"]}
            value={dateRangeValue(filters, "lastSeenAt")}
            onChange={(range) => applyFilters(dateRangeFilters("lastSeenAt", range as [Dayjs | null, Dayjs | null] | null))}
          />
          {filtered && (
            <Button icon={<ClearOutlined />} onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </Flex>

        {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load the errors" />}

        {firstLoad ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : tableQuery.isError && !tableQuery.data ? null : (
          <Table<ErrorGroup>
            {...tableProps}
            rowKey="id"
            columns={columns}
            pagination={pagination}
            scroll={{ x: 1100 }}
            // the error column (the one without a width) takes what the others leave, its message cut at two lines
            tableLayout="fixed"
            onRow={(g) => ({ onClick: () => navigate(`/errors/${g.id}`), style: { cursor: "pointer" } })}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? "No errors match these filters" : "No errors recorded. Good."}>
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
