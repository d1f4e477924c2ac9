import { useMemo, useState } from "react";
import { Button, Card, Col, Empty, Flex, Row, Select, Skeleton, Statistic, Table, Tooltip, Typography, theme } from "antd";
import type { TableColumnsType, TablePaginationConfig } from "antd";
import { ClearOutlined, SettingOutlined } from "@ant-design/icons";
import { List, getDefaultSortOrder, useTable } from "@refinedev/antd";
import { useCustom, type CrudFilter } from "@refinedev/core";
import { Link } from "react-router";
import { DebouncedSearch } from "../../components/table/debounced-search";
import { QueryError } from "../../components/query-error";
import { EmailText } from "../../components/tags";
import { formatCents, formatDate, formatDateTime, formatNumber } from "../../lib/format";
import { PAGE_SIZES, eq, filterValue, hasFilters } from "../../lib/table-filters";
import type { ApiError } from "../../providers/http";
import { BillingTestTools } from "./billing-test-tools";
import { SubscriptionStatusTag, type SubscriptionRow, type TierSummary } from "./billing-types";
import { SubscriptionDrawer } from "./drawer";

const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "past_due", label: "Past due" },
  { value: "churned", label: "Churned" },
  { value: "trial", label: "Trial" },
  { value: "cancelled", label: "Cancelled" },
];

/** The console's Subscriptions page: counts per tier, the filtered list, and a drawer with the billing admin's actions. */
export default function SubscriptionsPage() {
  const { token } = theme.useToken();
  const [openId, setOpenId] = useState<string | null>(null);
  const summary = useCustom<TierSummary[]>({ url: "/admin/subscriptions/summary", method: "get", errorNotification: false });
  // Before the first answer useCustom's data is an empty object, not an array.
  const tiers: TierSummary[] = Array.isArray(summary.result.data) ? summary.result.data : [];

  const { tableProps, tableQuery, filters, setFilters, sorters, setCurrentPage } = useTable<SubscriptionRow, ApiError>({
    resource: "subscriptions",
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
  const tierFilter = filterValue(filters, "tier");

  const columns: TableColumnsType<SubscriptionRow> = useMemo(
    () => [
      {
        title: "Customer",
        dataIndex: "customerEmail",
        render: (email: string, s) => (
          <Flex vertical>
            <Typography.Text strong>{s.customerName || email}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <EmailText email={email} />
            </Typography.Text>
          </Flex>
        ),
      },
      { title: "Plan", dataIndex: "tierDisplayName", render: (name: string, s) => `${name} · ${formatCents(s.monthlyPriceCents, s.currency)}` },
      {
        title: "Status",
        dataIndex: "status",
        sorter: true,
        sortOrder: getDefaultSortOrder("status", sorters),
        render: (status: string, s) => (
          <>
            <SubscriptionStatusTag status={status} />
            {s.churnedFromTier && <Tooltip title={`Left ${s.churnedFromTier}`}><Typography.Text type="secondary">churned</Typography.Text></Tooltip>}
            {s.cancelAtPeriodEnd && <Typography.Text type="warning"> cancels at period end</Typography.Text>}
            {s.scheduledTier && <Typography.Text type="secondary"> → {s.scheduledTier}</Typography.Text>}
          </>
        ),
      },
      { title: "Credit", dataIndex: "creditBalanceCents", align: "right", render: (c: number, s) => (c > 0 ? formatCents(c, s.currency) : "—") },
      {
        title: "Renews",
        dataIndex: "currentPeriodEnd",
        sorter: true,
        sortOrder: getDefaultSortOrder("currentPeriodEnd", sorters),
        render: (value: string) => (
          <Tooltip title={formatDateTime(value)}>
            <time dateTime={value}>{formatDate(value)}</time>
          </Tooltip>
        ),
      },
      {
        title: "Since",
        dataIndex: "createdAt",
        sorter: true,
        sortOrder: getDefaultSortOrder("createdAt", sorters),
        render: (value: string) => formatDate(value),
      },
    ],
    [sorters],
  );

  const pagination: TablePaginationConfig | false = tableProps.pagination
    ? { ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, showTotal: (total) => `${formatNumber(total)} subscription${total === 1 ? "" : "s"}` }
    : false;
  const firstLoad = tableQuery.isLoading && !tableQuery.data;

  return (
    <List
      title="Subscriptions"
      headerButtons={
        <Link to="/subscriptions/tiers">
          <Button icon={<SettingOutlined />}>Tier configuration</Button>
        </Link>
      }
    >
      <Flex vertical gap={16}>
        {summary.query.isError && <QueryError error={summary.query.error as ApiError} onRetry={() => summary.query.refetch()} title="Could not load the counts per plan" />}
        <Row gutter={[16, 16]} data-testid="tier-summary">
          {summary.query.isLoading
            ? [0, 1, 2].map((i) => (
                <Col key={i} xs={24} md={8}>
                  <Card>
                    <Skeleton active paragraph={{ rows: 2 }} />
                  </Card>
                </Col>
              ))
            : tiers.map((t) => (
                <Col key={t.tierId} xs={24} md={12} xl={8}>
                  <Card
                    hoverable
                    onClick={() => applyFilters([eq("tier", tierFilter === t.tier ? undefined : t.tier)])}
                    style={tierFilter === t.tier ? { borderColor: token.colorPrimary } : undefined}
                    title={
                      <Flex justify="space-between">
                        <span>{t.displayName}</span>
                        <Typography.Text type="secondary">{formatCents(t.monthlyPriceCents, t.currency)} / month</Typography.Text>
                      </Flex>
                    }
                    data-testid={`tier-card-${t.tier}`}
                  >
                    <Row gutter={8}>
                      <Col span={6}><Statistic title="Active" value={t.active} /></Col>
                      <Col span={6}><Statistic title="Past due" value={t.pastDue} valueStyle={t.pastDue ? { color: "#d46b08" } : undefined} /></Col>
                      <Col span={6}><Statistic title="Churned" value={t.churned} /></Col>
                      <Col span={6}><Statistic title="MRR" value={formatCents(t.monthlyRecurringCents, t.currency)} valueStyle={{ fontSize: 16 }} /></Col>
                    </Row>
                  </Card>
                </Col>
              ))}
        </Row>

        <BillingTestTools />

        <Card title="All subscriptions">
          <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }} role="search">
            <DebouncedSearch placeholder="Customer name or e-mail" value={filterValue(filters, "q") ?? ""} onSearch={(q) => applyFilters([eq("q", q)])} style={{ width: 280 }} data-testid="subscriptions-search" />
            <Select aria-label="Plan" placeholder="Any plan" allowClear style={{ width: 170 }} value={tierFilter} onChange={(tier) => applyFilters([eq("tier", tier)])} options={tiers.map((t) => ({ value: t.tier, label: t.displayName }))} />
            <Select aria-label="Status" placeholder="Any status" allowClear style={{ width: 150 }} value={filterValue(filters, "status")} onChange={(status) => applyFilters([eq("status", status)])} options={STATUS_OPTIONS} />
            {filtered && (
              <Button icon={<ClearOutlined />} onClick={clearFilters}>
                Clear filters
              </Button>
            )}
          </Flex>
          {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load subscriptions" />}
          {firstLoad ? (
            <Skeleton active paragraph={{ rows: 8 }} />
          ) : (
            <Table<SubscriptionRow>
              {...tableProps}
              // after tableProps, whose own scroll ({ x: true }) would squeeze the columns to fit
              scroll={{ x: 900 }}
              rowKey="id"
              columns={columns}
              pagination={pagination}
              onRow={(s) => ({ onClick: () => setOpenId(s.id), style: { cursor: "pointer" } })}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? "No subscriptions match these filters" : "No subscriptions yet"}>
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
      </Flex>
      <SubscriptionDrawer id={openId} onClose={() => setOpenId(null)} />
    </List>
  );
}
