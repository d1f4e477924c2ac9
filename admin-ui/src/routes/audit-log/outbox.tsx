import { useMemo } from "react";
import { Button, Card, Empty, Flex, Skeleton, Table, Tag, Typography, theme } from "antd";
import type { TableColumnsType, TablePaginationConfig } from "antd";
import { ClearOutlined } from "@ant-design/icons";
import { List, getDefaultSortOrder, useTable } from "@refinedev/antd";
import { DebouncedSearch } from "../../components/table/debounced-search";
import { QueryError } from "../../components/query-error";
import { EmailText, StatusTag } from "../../components/tags";
import { formatDateTime, formatNumber } from "../../lib/format";
import { PAGE_SIZES, eq, filterValue, hasFilters } from "../../lib/table-filters";
import type { OutboxMessage } from "../../lib/types";
import type { ApiError } from "../../providers/http";
import { AuditTabs } from "./tabs";

/** The e-mail outbox: every message the platform sent (or stored, when no SMTP server is set up). */
export default function OutboxPage() {
  const { token } = theme.useToken();
  const { tableProps, tableQuery, filters, setFilters, sorters, setCurrentPage } = useTable<OutboxMessage, ApiError>({
    resource: "outbox",
    syncWithLocation: true,
    pagination: { pageSize: 20 },
    sorters: { initial: [{ field: "createdAt", order: "desc" }] },
    errorNotification: false,
  });

  const clearFilters = () => {
    setFilters([], "replace");
    setCurrentPage(1);
  };
  const filtered = hasFilters(filters);

  const columns: TableColumnsType<OutboxMessage> = useMemo(
    () => [
      { title: "To", dataIndex: "to", width: 220, render: (to: string) => <Typography.Text><EmailText email={to} /></Typography.Text> },
      // the only column without a width: it has what the others leave
      { title: "Subject", dataIndex: "subject", ellipsis: true },
      {
        title: "Template",
        dataIndex: "template",
        width: 160,
        render: (template: string | null) =>
          template ? (
            <Tag bordered={false} style={{ fontFamily: token.fontFamilyCode }}>
              {template}
            </Tag>
          ) : (
            "—"
          ),
      },
      {
        title: "Created",
        dataIndex: "createdAt",
        width: 200,
        sorter: true,
        sortOrder: getDefaultSortOrder("createdAt", sorters),
        render: (value: string) => <time dateTime={value}>{formatDateTime(value)}</time>,
      },
      { title: "Status", dataIndex: "status", width: 110, render: (status: string) => <StatusTag status={status} /> },
    ],
    [sorters, token.fontFamilyCode],
  );

  const pagination: TablePaginationConfig | false = tableProps.pagination
    ? {
        ...tableProps.pagination,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showTotal: (total) => `${formatNumber(total)} message${total === 1 ? "" : "s"}`,
      }
    : false;

  const firstLoad = tableQuery.isLoading && !tableQuery.data;

  return (
    <List title="Logs & audit trail">
      <AuditTabs active="outbox" />
      <Card>
        <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }} role="search">
          <DebouncedSearch
            data-testid="outbox-search"
            placeholder="Search recipient or subject"
            value={filterValue(filters, "q") ?? ""}
            onSearch={(q) => {
              setFilters([eq("q", q)], "merge");
              setCurrentPage(1);
            }}
            style={{ width: 280 }}
          />
          {filtered && (
            <Button icon={<ClearOutlined />} onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </Flex>

        {tableQuery.isError && (
          <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load the outbox" />
        )}

        {firstLoad ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : tableQuery.isError && !tableQuery.data ? null : (
          <Table<OutboxMessage>
            {...tableProps}
            // after tableProps, whose own scroll ({ x: true }) would squeeze the columns to fit
            scroll={{ x: 1000 }}
            rowKey="id"
            columns={columns}
            pagination={pagination}
            expandable={{
              expandRowByClick: true,
              expandedRowRender: (mail) => (
                <Flex vertical gap={8}>
                  <Typography.Text type="secondary">
                    {mail.sentAt ? `Sent ${formatDateTime(mail.sentAt)}` : "Not sent"}
                  </Typography.Text>
                  <pre
                    style={{
                      margin: 0,
                      padding: 12,
                      maxHeight: 360,
                      overflow: "auto",
                      whiteSpace: "pre-wrap",
                      wordBreak: "break-word",
                      fontFamily: token.fontFamilyCode,
                      fontSize: 12,
                      background: token.colorFillQuaternary,
                      border: `1px solid ${token.colorBorderSecondary}`,
                      borderRadius: token.borderRadius,
                    }}
                  >
                    {mail.text || "(empty message)"}
                  </pre>
                </Flex>
              ),
            }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? "No e-mails match this search" : "No e-mails have been sent yet"}
                >
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
