import { useMemo } from "react";
import { Button, Card, DatePicker, Empty, Flex, Skeleton, Table, Tag, Typography, theme } from "antd";
import type { TableColumnsType, TablePaginationConfig } from "antd";
import { ClearOutlined, DownloadOutlined } from "@ant-design/icons";
import { List, getDefaultSortOrder, useTable } from "@refinedev/antd";
import type { CrudFilter } from "@refinedev/core";
import { Link, Navigate } from "react-router";
import type { Dayjs } from "dayjs";
import { DebouncedSearch } from "../../components/table/debounced-search";
import { AuditChanges, AuditTarget } from "../../components/audit";
import { EmailText } from "../../components/tags";
import { QueryError } from "../../components/query-error";
import { auditActorName, auditEntryLabel, auditTargetTypeLabel } from "../../lib/audit";
import { formatDateTime, formatNumber, formatRelative, pickerDateFormats } from "../../lib/format";
import { PAGE_SIZES, dateRangeFilters, dateRangeValue, eq, filterValue, hasFilters } from "../../lib/table-filters";
import { useCurrentUser } from "../../lib/use-current-user";
import type { AuditEntry } from "../../lib/types";
import type { ApiError } from "../../providers/http";
import { AuditTabs } from "./tabs";
import { VerifyChainButton } from "./verify-chain";
import { useDownload } from "../../lib/use-download";
import { filtersToQuery } from "../users/query-string";

/** The action in words, over its code (what the action filter takes). */
function ActionCell({ entry }: { entry: AuditEntry }) {
  const { token } = theme.useToken();
  return (
    <Flex vertical align="flex-start" gap={2}>
      <Tag bordered={false} color="blue">
        {auditEntryLabel(entry)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: token.fontFamilyCode }}>
        {entry.action}
      </Typography.Text>
    </Flex>
  );
}

/** Who did it: their name (a link to them when the reader may open users), the recorded e-mail below. */
function ActorCell({ entry, canOpenUsers }: { entry: AuditEntry; canOpenUsers: boolean }) {
  const name = auditActorName(entry);
  if (!name) return <Typography.Text type="secondary">system</Typography.Text>;
  return (
    <Flex vertical>
      {canOpenUsers && entry.actorId ? <Link to={`/users/${entry.actorId}`}>{name}</Link> : name}
      {entry.actorEmail && entry.actorEmail !== name && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <EmailText email={entry.actorEmail} />
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The section's first tab; people who may read only the outbox land there instead. */
export default function AuditLogRoute() {
  const { can, isLoading } = useCurrentUser();
  if (isLoading) return null;
  return can("audit.read") ? <AuditLogPage /> : <Navigate to="/audit-log/outbox" replace />;
}

function AuditLogPage() {
  const { can } = useCurrentUser();
  const canOpenUsers = can("users.read");
  const { download, downloading } = useDownload();
  const { tableProps, tableQuery, filters, setFilters, sorters, setCurrentPage } = useTable<AuditEntry, ApiError>({
    resource: "audit-log",
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
  const targetId = filterValue(filters, "targetId") as string | undefined;
  const actorId = filterValue(filters, "actorId") as string | undefined;

  const columns: TableColumnsType<AuditEntry> = useMemo(
    () => [
      {
        title: "Time",
        dataIndex: "createdAt",
        sorter: true,
        sortOrder: getDefaultSortOrder("createdAt", sorters),
        width: 200,
        render: (value: string) => (
          <Flex vertical>
            <time dateTime={value}>{formatDateTime(value)}</time>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatRelative(value)}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        title: "Actor",
        dataIndex: "actorEmail",
        render: (_: string | null, entry: AuditEntry) => <ActorCell entry={entry} canOpenUsers={canOpenUsers} />,
      },
      { title: "Action", dataIndex: "action", render: (_: string, entry: AuditEntry) => <ActionCell entry={entry} /> },
      {
        title: "Target",
        dataIndex: "targetType",
        render: (type: string | null, entry: AuditEntry) =>
          type ? (
            <Flex vertical>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {auditTargetTypeLabel(type)}
              </Typography.Text>
              <AuditTarget entry={entry} withType={false} />
            </Flex>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
      { title: "IP", dataIndex: "ip", render: (ip: string | null) => ip ?? "—" },
    ],
    [sorters, canOpenUsers],
  );

  const pagination: TablePaginationConfig | false = tableProps.pagination
    ? {
        ...tableProps.pagination,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showTotal: (total) => `${formatNumber(total)} entr${total === 1 ? "y" : "ies"}`,
      }
    : false;

  const firstLoad = tableQuery.isLoading && !tableQuery.data;

  return (
    <List
      title="Logs & audit trail"
      headerButtons={
        <>
          <VerifyChainButton />
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(`/api/admin/audit-log/export.csv?${filtersToQuery(filters, sorters)}`)} data-testid="audit-export">
            Export CSV
          </Button>
        </>
      }
    >
      <AuditTabs active="audit" />
      <Card>
        <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }} role="search">
          <DebouncedSearch
            data-testid="audit-search"
            placeholder="Search the audit trail"
            value={filterValue(filters, "q") ?? ""}
            onSearch={(q) => applyFilters([eq("q", q)])}
            style={{ width: 260 }}
          />
          <DebouncedSearch
            placeholder="Actor e-mail"
            enterButton={false}
            value={filterValue(filters, "actorEmail", "contains") ?? ""}
            onSearch={(actorEmail) => applyFilters([{ field: "actorEmail", operator: "contains", value: actorEmail || undefined }])}
            style={{ width: 200 }}
          />
          <DebouncedSearch
            placeholder="Action, e.g. user.suspended"
            enterButton={false}
            value={filterValue(filters, "action") ?? ""}
            onSearch={(action) => applyFilters([eq("action", action)])}
            style={{ width: 250 }}
          />
          <DebouncedSearch
            placeholder="Target type"
            enterButton={false}
            value={filterValue(filters, "targetType") ?? ""}
            onSearch={(targetType) => applyFilters([eq("targetType", targetType)])}
            style={{ width: 170 }}
          />
          <DebouncedSearch
            placeholder="Target id"
            enterButton={false}
            value={targetId ?? ""}
            onSearch={(id) => applyFilters([eq("targetId", id)])}
            style={{ width: 200 }}
          />
          <DatePicker.RangePicker
            format={pickerDateFormats()}
            aria-label="Between dates"
            placeholder={["From", "To"]}
            allowEmpty={[true, true]}
            value={dateRangeValue(filters, "createdAt")}
            onChange={(range) => applyFilters(dateRangeFilters("createdAt", range as [Dayjs | null, Dayjs | null] | null))}
          />
          {actorId && (
            <Tag closable onClose={() => applyFilters([eq("actorId", undefined)])} style={{ alignSelf: "center" }}>
              Actor id: {actorId}
            </Tag>
          )}
          {filtered && (
            <Button icon={<ClearOutlined />} onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </Flex>

        {tableQuery.isError && (
          <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load the audit trail" />
        )}

        {firstLoad ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : tableQuery.isError && !tableQuery.data ? null : (
          <Table<AuditEntry>
            {...tableProps}
            // after tableProps, whose own scroll ({ x: true }) would squeeze the columns to fit
            scroll={{ x: 900 }}
            rowKey="id"
            columns={columns}
            pagination={pagination}
            expandable={{
              expandRowByClick: true,
              expandedRowRender: (entry) => (
                <Flex vertical gap={8}>
                  <AuditChanges before={entry.before} after={entry.after} names={entry.names} />
                  {entry.targetId && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      Target id:{" "}
                      <Typography.Text code copyable style={{ fontSize: 12 }}>
                        {entry.targetId}
                      </Typography.Text>
                    </Typography.Text>
                  )}
                  {(entry as AuditEntry & { seq?: number | null; hash?: string | null }).hash && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      Chain: entry #{(entry as AuditEntry & { seq?: number }).seq}, hash{" "}
                      <Typography.Text code style={{ fontSize: 12 }}>
                        {(entry as AuditEntry & { hash?: string }).hash!.slice(0, 16)}…
                      </Typography.Text>
                    </Typography.Text>
                  )}
                  {entry.userAgent && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      User agent: {entry.userAgent}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? "No audit entries match these filters" : "No audit entries yet"}
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
