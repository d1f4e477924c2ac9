import { useEffect, useMemo, useState } from "react";
import { Button, Card, DatePicker, Empty, Flex, Grid, Select, Skeleton, Table, Tag, Tooltip, Typography } from "antd";
import type { CheckboxProps, TableColumnsType, TablePaginationConfig } from "antd";
import { ClearOutlined, DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { List, getDefaultSortOrder, useTable } from "@refinedev/antd";
import type { CrudFilter } from "@refinedev/core";
import { Link, useNavigate } from "react-router";
import type { Dayjs } from "dayjs";
import { DebouncedSearch } from "../../components/table/debounced-search";
import { QueryError } from "../../components/query-error";
import { EmailText, RelativeTime, RoleTag, StatusTag } from "../../components/tags";
import { formatDate, formatDateTime, formatNumber, pickerDateFormats } from "../../lib/format";
import { ALL_ROLES, roleLabel } from "../../lib/roles";
import { PAGE_SIZES, dateRangeFilters, dateRangeValue, eq, filterValue, hasFilters } from "../../lib/table-filters";
import { useCurrentUser } from "../../lib/use-current-user";
import { http, type ApiError } from "../../providers/http";
import { BulkActions } from "./bulk-actions";
import { ImportUsersModal } from "./import-modal";
import { useDownload } from "../../lib/use-download";
import { filtersToQuery } from "./query-string";
import type { UserRow } from "./types";

type UserListItem = UserRow;

/** The plans on offer, for the tier filter (public list: names and display names). */
function useTierOptions() {
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  useEffect(() => {
    http
      .get<Array<{ name: string; displayName: string }>>("/subscriptions/tiers")
      .then(({ data }) => setOptions(data.map((t) => ({ value: t.name, label: t.displayName }))))
      .catch(() => setOptions([]));
  }, []);
  return options;
}

/** Clicks on links and buttons inside a row do their own thing; the rest of the row opens the detail. */
const isInteractive = (target: EventTarget) => target instanceof Element && !!target.closest("a, button, input, .ant-table-selection-column");

export default function UserListPage() {
  // on a phone the e-mail goes under the name and the secondary columns are hidden (responsive)
  const wide = Grid.useBreakpoint().md !== false;
  const navigate = useNavigate();
  const { can } = useCurrentUser();
  const tierOptions = useTierOptions();
  const [selectedRows, setSelectedRows] = useState<UserListItem[]>([]);
  const [importOpen, setImportOpen] = useState(false);
  const { download, downloading } = useDownload();
  const { tableProps, tableQuery, filters, setFilters, sorters, setCurrentPage } = useTable<UserListItem, ApiError>({
    resource: "users",
    syncWithLocation: true,
    pagination: { pageSize: 20 },
    sorters: { initial: [{ field: "createdAt", order: "desc" }] },
    // The page shows errors itself (with a retry), so no toast as well.
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

  const columns: TableColumnsType<UserListItem> = useMemo(
    () => [
      {
        title: "Name",
        dataIndex: "name",
        sorter: true,
        sortOrder: getDefaultSortOrder("name", sorters),
        render: (name: string, user) => (
          <Flex vertical>
            <Link to={`/users/${user.id}`} style={{ fontWeight: 500 }}>
              {name || "(no name)"}
            </Link>
            {!wide && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <EmailText email={user.email} />
              </Typography.Text>
            )}
          </Flex>
        ),
      },
      {
        title: "E-mail",
        dataIndex: "email",
        responsive: ["md"],
        sorter: true,
        sortOrder: getDefaultSortOrder("email", sorters),
        render: (email: string) => (
          <Typography.Text copyable={{ text: email, tooltips: ["Copy e-mail", "Copied"] }}>
            <EmailText email={email} />
          </Typography.Text>
        ),
      },
      { title: "Role", dataIndex: "role", responsive: ["md"], render: (role: string) => <RoleTag role={role} /> },
      { title: "Status", dataIndex: "status", render: (status: string) => <StatusTag status={status} /> },
      {
        title: "Plan",
        dataIndex: "tier",
        responsive: ["md"],
        render: (tier: string | null) => (tier ? <Tag bordered={false} style={{ textTransform: "capitalize" }}>{tier}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
      },
      {
        title: "Projects",
        dataIndex: "projectCount",
        responsive: ["md"],
        align: "right",
        render: (count: number) => formatNumber(count),
      },
      {
        title: "Signed up",
        dataIndex: "createdAt",
        responsive: ["md"],
        sorter: true,
        sortOrder: getDefaultSortOrder("createdAt", sorters),
        render: (value: string) => (
          <Tooltip title={formatDateTime(value)}>
            <time dateTime={value} style={{ whiteSpace: "nowrap" }}>
              {formatDate(value)}
            </time>
          </Tooltip>
        ),
      },
      {
        title: "Last active",
        dataIndex: "lastActiveAt",
        responsive: ["sm"],
        sorter: true,
        sortOrder: getDefaultSortOrder("lastActiveAt", sorters),
        render: (value: string | null) => <RelativeTime value={value} />,
      },
    ],
    [sorters, wide],
  );

  const pagination: TablePaginationConfig | false = tableProps.pagination
    ? {
        ...tableProps.pagination,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showTotal: (total) => `${formatNumber(total)} user${total === 1 ? "" : "s"}`,
      }
    : false;

  const firstLoad = tableQuery.isLoading && !tableQuery.data;
  const failedWithoutData = tableQuery.isError && !tableQuery.data;

  return (
    <List
      title="Users"
      headerButtons={
        <>
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(`/api/admin/users/export.csv?${filtersToQuery(filters, sorters)}`)} data-testid="users-export">
            Export CSV
          </Button>
          {can("users.import") && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              Import CSV
            </Button>
          )}
        </>
      }
    >
      <ImportUsersModal open={importOpen} onClose={() => setImportOpen(false)} />
      <Card>
        <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }} role="search">
          <DebouncedSearch
            data-testid="users-search"
            placeholder="Search name or e-mail"
            value={filterValue(filters, "q") ?? ""}
            onSearch={(q) => applyFilters([eq("q", q)])}
            style={{ width: 280 }}
          />
          <Select
            aria-label="Status"
            placeholder="Any status"
            allowClear
            style={{ width: 150 }}
            value={filterValue(filters, "status")}
            onChange={(status) => applyFilters([eq("status", status)])}
            options={[
              { value: "active", label: "Active" },
              { value: "suspended", label: "Suspended" },
              { value: "deleted", label: "Deleted" },
            ]}
          />
          <Select
            aria-label="Plan"
            placeholder="Any plan"
            allowClear
            style={{ width: 160 }}
            value={filterValue(filters, "tier")}
            onChange={(tier) => applyFilters([eq("tier", tier)])}
            options={tierOptions}
          />
          <Select
            aria-label="Role"
            placeholder="Any role"
            allowClear
            style={{ width: 170 }}
            value={filterValue(filters, "role")}
            onChange={(role) => applyFilters([eq("role", role)])}
            options={ALL_ROLES.map((role) => ({ value: role, label: roleLabel(role) }))}
          />
          <DatePicker.RangePicker
            format={pickerDateFormats()}
            aria-label="Signed up between"
            placeholder={["Signed up from", "to"]}
            allowEmpty={[true, true]}
            value={dateRangeValue(filters, "createdAt")}
            onChange={(range) => applyFilters(dateRangeFilters("createdAt", range as [Dayjs | null, Dayjs | null] | null))}
          />
          <DatePicker.RangePicker
            format={pickerDateFormats()}
            aria-label="Last active between"
            placeholder={["Last active from", "to"]}
            allowEmpty={[true, true]}
            value={dateRangeValue(filters, "lastActiveAt")}
            onChange={(range) => applyFilters(dateRangeFilters("lastActiveAt", range as [Dayjs | null, Dayjs | null] | null))}
          />
          {filtered && (
            <Button icon={<ClearOutlined />} onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </Flex>

        {selectedRows.length > 0 && <BulkActions selected={selectedRows} onDone={() => setSelectedRows([])} />}

        {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load users" />}

        {firstLoad ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : failedWithoutData ? null : (
          <Table<UserListItem>
            {...tableProps}
            rowKey="id"
            scroll={{ x: wide ? 1000 : true }}
            columns={columns}
            pagination={pagination}
            rowSelection={{
              selectedRowKeys: selectedRows.map((u) => u.id),
              preserveSelectedRowKeys: true,
              onChange: (_keys, rows) => setSelectedRows(rows.filter(Boolean)),
              // antd hands these on to the <input>, though its type leaves aria-label out
              getCheckboxProps: (user) => ({ "aria-label": `Select ${user.name || user.email}` }) as Partial<CheckboxProps>,
            }}
            onRow={(user) => ({
              onClick: (event) => {
                if (!isInteractive(event.target)) navigate(`/users/${user.id}`);
              },
              style: { cursor: "pointer" },
            })}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filtered ? "No users match these filters" : "No users yet"}
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
