import { useMemo } from "react";
import { Button, Card, DatePicker, Grid, Empty, Flex, Select, Skeleton, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType, TablePaginationConfig } from "antd";
import { ClearOutlined } from "@ant-design/icons";
import { List, getDefaultSortOrder, useTable } from "@refinedev/antd";
import type { CrudFilter } from "@refinedev/core";
import { Link, useNavigate } from "react-router";
import type { Dayjs } from "dayjs";
import { DebouncedSearch } from "../../components/table/debounced-search";
import { QueryError } from "../../components/query-error";
import { EmailText } from "../../components/tags";
import { formatCents, formatDate, formatDateTime, formatNumber, pickerDateFormats } from "../../lib/format";
import { PAGE_SIZES, dateRangeFilters, dateRangeValue, eq, filterValue, hasFilters } from "../../lib/table-filters";
import type { ApiError } from "../../providers/http";
import { INVOICE_STATUSES, InvoiceStatusTag, KIND_LABELS, formatBillingPeriod, invoiceStatusLabel, type AdminInvoiceRow } from "../subscriptions/billing-types";

/** Every customer's invoices, filtered by status, kind, customer and date; a row opens the invoice. */
export default function InvoiceListPage() {
  // on a phone the secondary columns are hidden (responsive) and the rest fit the screen
  const wide = Grid.useBreakpoint().md !== false;
  const navigate = useNavigate();
  const { tableProps, tableQuery, filters, setFilters, sorters, setCurrentPage } = useTable<AdminInvoiceRow, ApiError>({
    resource: "invoices",
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

  const columns: TableColumnsType<AdminInvoiceRow> = useMemo(
    () => [
      { title: "Number", dataIndex: "number", sorter: true, sortOrder: getDefaultSortOrder("number", sorters), render: (n: string, i) => <Link to={`/invoices/${i.id}`} style={{ fontWeight: 500, whiteSpace: "nowrap" }}>{n}</Link> },
      {
        title: "Customer",
        dataIndex: "customerEmail",
        responsive: ["sm"],
        render: (email: string, i) => (
          <Flex vertical>
            <span>{i.customerName || email}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}><EmailText email={email} /></Typography.Text>
          </Flex>
        ),
      },
      { title: "Kind", dataIndex: "kind", responsive: ["md"], render: (k: string) => KIND_LABELS[k] ?? k },
      { title: "Status", dataIndex: "status", sorter: true, sortOrder: getDefaultSortOrder("status", sorters), render: (s: string, i) => <InvoiceStatusTag status={s} refundedCents={i.refundedCents} /> },
      { title: "Total", dataIndex: "totalCents", align: "right", sorter: true, sortOrder: getDefaultSortOrder("totalCents", sorters), render: (c: number, i) => formatCents(c, i.currency) },
      { title: "Period", key: "period", responsive: ["md"], render: (_: unknown, i) => formatBillingPeriod(i.periodStart, i.periodEnd) },
      {
        title: "Issued",
        dataIndex: "createdAt",
        responsive: ["md"],
        sorter: true,
        sortOrder: getDefaultSortOrder("createdAt", sorters),
        render: (value: string) => (
          <Tooltip title={formatDateTime(value)}>
            <time dateTime={value}>{formatDate(value)}</time>
          </Tooltip>
        ),
      },
    ],
    [sorters],
  );

  const pagination: TablePaginationConfig | false = tableProps.pagination
    ? { ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, showTotal: (total) => `${formatNumber(total)} invoice${total === 1 ? "" : "s"}` }
    : false;
  const firstLoad = tableQuery.isLoading && !tableQuery.data;

  return (
    <List title="Invoices">
      <Card>
        <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }} role="search">
          <DebouncedSearch placeholder="Number or customer e-mail" value={filterValue(filters, "q") ?? ""} onSearch={(q) => applyFilters([eq("q", q)])} style={{ width: 280 }} />
          <Select aria-label="Status" placeholder="Any status" allowClear style={{ width: 150 }} value={filterValue(filters, "status")} onChange={(v) => applyFilters([eq("status", v)])} options={INVOICE_STATUSES.map((s) => ({ value: s, label: invoiceStatusLabel(s) }))} />
          <Select aria-label="Kind" placeholder="Any kind" allowClear style={{ width: 180 }} value={filterValue(filters, "kind")} onChange={(v) => applyFilters([eq("kind", v)])} options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          <DatePicker.RangePicker
            format={pickerDateFormats()}
            aria-label="Issued between"
            placeholder={["Issued from", "to"]}
            allowEmpty={[true, true]}
            value={dateRangeValue(filters, "createdAt")}
            onChange={(range) => applyFilters(dateRangeFilters("createdAt", range as [Dayjs | null, Dayjs | null] | null))}
          />
          {filtered && (
            <Button icon={<ClearOutlined />} onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </Flex>
        {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load invoices" />}
        {firstLoad ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <Table<AdminInvoiceRow>
            {...tableProps}
            // after tableProps, whose own scroll ({ x: true }) would squeeze the columns to fit
            scroll={{ x: wide ? 900 : true }}
            rowKey="id"
            columns={columns}
            pagination={pagination}
            onRow={(i) => ({ onClick: (e) => { if (!(e.target instanceof Element && e.target.closest("a, button"))) navigate(`/invoices/${i.id}`); }, style: { cursor: "pointer" } })}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? "No invoices match these filters" : "No invoices yet"}>
                  {filtered && <Button type="primary" onClick={clearFilters}>Clear filters</Button>}
                </Empty>
              ),
            }}
          />
        )}
      </Card>
    </List>
  );
}
