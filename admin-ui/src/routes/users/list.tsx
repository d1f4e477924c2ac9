import { useMemo } from "react";
import { Button, Card, DatePicker, Empty, Flex, Select, Skeleton, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType, TablePaginationConfig } from "antd";
import { ClearOutlined } from "@ant-design/icons";
import { List, getDefaultSortOrder, useTable } from "@refinedev/antd";
import type { CrudFilter } from "@refinedev/core";
import { Link, useNavigate } from "react-router";
import type { Dayjs } from "dayjs";
import { DebouncedSearch } from "../../components/table/debounced-search";
import { QueryError } from "../../components/query-error";
import { RelativeTime, RoleTag, StatusTag } from "../../components/tags";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format";
import { ALL_ROLES, roleLabel } from "../../lib/roles";
import { PAGE_SIZES, dateRangeFilters, dateRangeValue, eq, filterValue, hasFilters } from "../../lib/table-filters";
import type { UserListItem } from "../../lib/types";
import type { ApiError } from "../../providers/http";

/** Clicks on links and buttons inside a row do their own thing; the rest of the row opens the detail. */
const isInteractive = (target: EventTarget) => target instanceof Element && !!target.closest("a, button, input");

export default function UserListPage() {
  const navigate = useNavigate();
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
          <Link to={`/users/${user.id}`} style={{ fontWeight: 500 }}>
            {name || "(no name)"}
          </Link>
        ),
      },
      {
        title: "E-mail",
        dataIndex: "email",
        sorter: true,
        sortOrder: getDefaultSortOrder("email", sorters),
        render: (email: string) => <Typography.Text copyable={{ text: email, tooltips: ["Copy e-mail", "Copied"] }}>{email}</Typography.Text>,
      },
      { title: "Role", dataIndex: "role", render: (role: string) => <RoleTag role={role} /> },
      { title: "Status", dataIndex: "status", render: (status: string) => <StatusTag status={status} /> },
      {
        title: "Projects",
        dataIndex: "projectCount",
        align: "right",
        render: (count: number) => formatNumber(count),
      },
      {
        title: "Signed up",
        dataIndex: "createdAt",
        sorter: true,
        sortOrder: getDefaultSortOrder("createdAt", sorters),
        render: (value: string) => (
          <Tooltip title={formatDateTime(value)}>
            <time dateTime={value}>{formatDate(value)}</time>
          </Tooltip>
        ),
      },
      {
        title: "Last active",
        dataIndex: "lastActiveAt",
        sorter: true,
        sortOrder: getDefaultSortOrder("lastActiveAt", sorters),
        render: (value: string | null) => <RelativeTime value={value} />,
      },
    ],
    [sorters],
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
    <List title="Users">
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
            ]}
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
            aria-label="Signed up between"
            placeholder={["Signed up from", "to"]}
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

        {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load users" />}

        {firstLoad ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : failedWithoutData ? null : (
          <Table<UserListItem>
            {...tableProps}
            rowKey="id"
            columns={columns}
            pagination={pagination}
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
