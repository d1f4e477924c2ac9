import { useMemo, useState } from "react";
import { Button, Card, Grid, Empty, Flex, Select, Skeleton, Table, Tooltip, Typography } from "antd";
import type { TableColumnsType, TablePaginationConfig } from "antd";
import { ClearOutlined, PlusOutlined, SettingOutlined } from "@ant-design/icons";
import { List, getDefaultSortOrder, useTable } from "@refinedev/antd";
import { useList, type CrudFilter } from "@refinedev/core";
import { Link, useNavigate } from "react-router";
import { DebouncedSearch } from "../../components/table/debounced-search";
import { QueryError } from "../../components/query-error";
import { RelativeTime } from "../../components/tags";
import { formatDateTime, formatNumber } from "../../lib/format";
import { PAGE_SIZES, eq, filterValue, hasFilters } from "../../lib/table-filters";
import type { ApiError } from "../../providers/http";
import { PriorityTag, SlaCountdown, TicketStatusTag, TierTag, priorityLabel, statusLabel, tierLabel } from "./ticket-tags";
import { PRIORITIES, STATUSES, TIERS, type AgentTicket, type SupportAgent } from "./types";
import { NewTicketModal } from "./new-ticket-modal";
import { useCurrentUser } from "../../lib/use-current-user";

const isInteractive = (target: EventTarget) => target instanceof Element && !!target.closest("a, button, input");

/** The support queue: every ticket with status, priority, assignee and SLA countdown, filtered server-side. */
export default function SupportTicketListPage() {
  // on a phone the secondary columns are hidden (responsive) and the rest fit the screen
  const wide = Grid.useBreakpoint().md !== false;
  const navigate = useNavigate();
  const { can } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  const { tableProps, tableQuery, filters, setFilters, sorters, setCurrentPage } = useTable<AgentTicket, ApiError>({
    resource: "support/tickets",
    syncWithLocation: true,
    pagination: { pageSize: 20 },
    sorters: { initial: [{ field: "createdAt", order: "desc" }] },
    errorNotification: false,
  });
  const agents = useList<SupportAgent, ApiError>({ resource: "support/agents", pagination: { mode: "off" }, errorNotification: false });

  const applyFilters = (next: CrudFilter[]) => {
    setFilters(next, "merge");
    setCurrentPage(1);
  };
  const clearFilters = () => {
    setFilters([], "replace");
    setCurrentPage(1);
  };
  const filtered = hasFilters(filters);

  const columns: TableColumnsType<AgentTicket> = useMemo(
    () => [
      {
        title: "Ticket",
        dataIndex: "number",
        sorter: true,
        sortOrder: getDefaultSortOrder("number", sorters),
        render: (number: string, t) => (
          <Flex vertical gap={2}>
            <Link to={`/support-tickets/${t.id}`} style={{ fontWeight: 500 }}>
              {t.subject}
            </Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {number}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        title: "Customer",
        dataIndex: "customerName",
        responsive: ["md"],
        render: (name: string | null, t) => (
          <Flex vertical gap={2} align="start">
            <Link to={`/users/${t.customerId}`}>{name || t.customerEmail || "—"}</Link>
            <TierTag tier={t.customerTier} />
          </Flex>
        ),
      },
      { title: "Status", dataIndex: "status", render: (s: AgentTicket["status"]) => <TicketStatusTag status={s} /> },
      { title: "Priority", dataIndex: "priority", responsive: ["sm"], render: (p: AgentTicket["priority"]) => <PriorityTag priority={p} /> },
      {
        title: "Assignee",
        dataIndex: "assigneeName",
        responsive: ["md"],
        render: (name: string | null) => name ?? <Typography.Text type="secondary">Unassigned</Typography.Text>,
      },
      {
        title: "SLA",
        key: "sla",
        responsive: ["sm"],
        sorter: true,
        dataIndex: "firstResponseDueAt",
        sortOrder: getDefaultSortOrder("firstResponseDueAt", sorters),
        render: (_: unknown, t) => <SlaCountdown ticket={t} />,
      },
      {
        title: "Opened",
        dataIndex: "createdAt",
        responsive: ["md"],
        sorter: true,
        sortOrder: getDefaultSortOrder("createdAt", sorters),
        render: (value: string) => (
          <Tooltip title={formatDateTime(value)}>
            <span>
              <RelativeTime value={value} />
            </span>
          </Tooltip>
        ),
      },
    ],
    [sorters],
  );

  const pagination: TablePaginationConfig | false = tableProps.pagination
    ? { ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES, showTotal: (total) => `${formatNumber(total)} ticket${total === 1 ? "" : "s"}` }
    : false;
  const firstLoad = tableQuery.isLoading && !tableQuery.data;
  const failedWithoutData = tableQuery.isError && !tableQuery.data;

  return (
    <List
      title="Support tickets"
      headerButtons={
        <>
          <Link to="/support-settings">
            <Button icon={<SettingOutlined />}>Canned responses & SLAs</Button>
          </Link>
          {can("tickets.reply") && can("users.read") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              New ticket
            </Button>
          )}
        </>
      }
    >
      <NewTicketModal open={creating} onClose={() => setCreating(false)} />
      <Card>
        <Flex gap={12} wrap="wrap" style={{ marginBottom: 16 }} role="search">
          <DebouncedSearch
            data-testid="tickets-search"
            placeholder="Search subject, number or error id"
            value={filterValue(filters, "q") ?? ""}
            onSearch={(q) => applyFilters([eq("q", q)])}
            style={{ width: 300 }}
          />
          <Select
            aria-label="Status"
            placeholder="Any status"
            allowClear
            style={{ width: 190 }}
            value={filterValue(filters, "status")}
            onChange={(v) => applyFilters([eq("status", v)])}
            options={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          />
          <Select
            aria-label="Priority"
            placeholder="Any priority"
            allowClear
            style={{ width: 140 }}
            value={filterValue(filters, "priority")}
            onChange={(v) => applyFilters([eq("priority", v)])}
            options={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) }))}
          />
          <Select
            aria-label="Assignee"
            placeholder="Any assignee"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 190 }}
            loading={agents.query.isLoading}
            value={filterValue(filters, "assigneeId")}
            onChange={(v) => applyFilters([eq("assigneeId", v)])}
            options={[{ value: "none", label: "Unassigned" }, ...agents.result.data.map((a) => ({ value: a.userId, label: a.name }))]}
          />
          <Select
            aria-label="SLA"
            placeholder="Any SLA state"
            allowClear
            style={{ width: 150 }}
            value={filterValue(filters, "slaBreached")}
            onChange={(v) => applyFilters([eq("slaBreached", v)])}
            options={[
              { value: "true", label: "SLA breached" },
              { value: "false", label: "Within SLA" },
            ]}
          />
          <Select
            aria-label="Customer tier"
            placeholder="Any tier"
            allowClear
            style={{ width: 150 }}
            value={filterValue(filters, "customerTier")}
            onChange={(v) => applyFilters([eq("customerTier", v)])}
            options={TIERS.map((t) => ({ value: t, label: tierLabel(t) }))}
          />
          {filtered && (
            <Button icon={<ClearOutlined />} onClick={clearFilters}>
              Clear filters
            </Button>
          )}
        </Flex>

        {tableQuery.isError && <QueryError error={tableQuery.error} onRetry={() => tableQuery.refetch()} title="Could not load tickets" />}

        {firstLoad ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : failedWithoutData ? null : (
          <Table<AgentTicket>
            {...tableProps}
            // after tableProps, whose own scroll ({ x: true }) would squeeze the columns to fit
            scroll={{ x: wide ? 1000 : true }}
            rowKey="id"
            columns={columns}
            pagination={pagination}
            onRow={(t) => ({
              onClick: (event) => {
                if (!isInteractive(event.target)) navigate(`/support-tickets/${t.id}`);
              },
              style: { cursor: "pointer" },
            })}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? "No tickets match these filters" : "No tickets yet"}>
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
