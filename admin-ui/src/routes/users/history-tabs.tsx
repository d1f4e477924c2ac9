import { Card, Descriptions, Empty, Progress, Table, Tabs, Tag, Timeline, Typography } from "antd";
import { Link } from "react-router";
import { RelativeTime, StatusTag } from "../../components/tags";
import { auditActorName, auditEntryLabel } from "../../lib/audit";
import { formatCents, formatDate, formatDateTime } from "../../lib/format";
import { formatBillingPeriod, invoicePeriod, KIND_LABELS } from "../subscriptions/billing-types";
import { priorityLabel } from "../support-tickets/ticket-tags";
import { listLinkWithFilters } from "../../lib/table-filters";
import { useCurrentUser } from "../../lib/use-current-user";
import type { AuditEntry, Project } from "../../lib/types";
import type { UserActivity, UserHistory, UserInvoice, UserTicket } from "./types";

const ACTIVITY_LABEL: Record<string, string> = {
  project_created: "Created project",
  analysis_run: "Ran an analysis of",
  ticket_opened: "Opened ticket",
  signed_in: "Signed in from",
};

const empty = (description: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />;

// The tables keep each cell on one line and scroll sideways in a narrow card, instead of breaking names,
// invoice numbers and dates a few letters per line.
const ONE_LINE = { x: "max-content" } as const;

/** The user's history in tabs: projects, plan and invoices, activity, tickets and the audit entries about them. */
export function HistoryTabs({ user }: { user: UserHistory }) {
  const { can } = useCurrentUser();
  const auditTrailLink = listLinkWithFilters("/audit-log", [
    { field: "targetType", value: "user" },
    { field: "targetId", value: user.id },
  ]);

  return (
    <Card styles={{ body: { paddingTop: 4 } }}>
      <Tabs
        items={[
          {
            key: "projects",
            label: `Projects (${user.projectCount ?? 0})`,
            children: (
              <Table<Project>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={user.recentProjects ?? []}
                scroll={ONE_LINE}
                locale={{ emptyText: empty("No projects yet") }}
                columns={[
                  { title: "Name", dataIndex: "name", render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
                  { title: "Status", dataIndex: "status", render: (status: string) => <StatusTag status={status} /> },
                  { title: "Completion", dataIndex: "completionPercentage", width: 160, render: (value: number) => <Progress percent={value} size="small" aria-label="Completion" /> },
                  { title: "Snippets", dataIndex: "snippetCount", align: "right" },
                  { title: "Analyses", dataIndex: "analysisCount", align: "right" },
                  { title: "Updated", dataIndex: "updatedAt", render: (value: string) => <RelativeTime value={value} /> },
                ]}
              />
            ),
          },
          {
            key: "billing",
            label: "Plan & invoices",
            children: (
              <>
                {user.subscription ? (
                  <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
                    <Descriptions.Item label="Plan">
                      {user.subscription.tierDisplayName} · {formatCents(user.subscription.monthlyPriceCents, user.subscription.currency)}/month
                    </Descriptions.Item>
                    <Descriptions.Item label="Status">
                      <StatusTag status={user.subscription.status} />
                      {user.subscription.cancelAtPeriodEnd && <Tag color="orange">Cancels at period end</Tag>}
                    </Descriptions.Item>
                    <Descriptions.Item label="Current period">
                      {formatBillingPeriod(user.subscription.currentPeriodStart, user.subscription.currentPeriodEnd)}
                    </Descriptions.Item>
                    <Descriptions.Item label="Credit">{formatCents(user.subscription.creditBalanceCents, user.subscription.currency)}</Descriptions.Item>
                  </Descriptions>
                ) : (
                  <Typography.Paragraph type="secondary">No subscription.</Typography.Paragraph>
                )}
                <Table<UserInvoice>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={user.invoices}
                  scroll={ONE_LINE}
                  locale={{ emptyText: empty("No invoices") }}
                  columns={[
                    { title: "Number", dataIndex: "number", render: (n: string, i) => (can("billing.read") ? <Link to={`/invoices/${i.id}`}>{n}</Link> : n) },
                    { title: "Kind", dataIndex: "kind", render: (kind: string) => KIND_LABELS[kind] ?? kind },
                    { title: "Period", dataIndex: "periodStart", render: (_: string, i) => invoicePeriod(i).value },
                    { title: "Total", dataIndex: "totalCents", align: "right", render: (cents: number, i) => formatCents(cents, i.currency) },
                    { title: "Status", dataIndex: "status", render: (status: string) => <StatusTag status={status} /> },
                    { title: "Issued", dataIndex: "createdAt", render: (value: string) => formatDate(value) },
                  ]}
                />
              </>
            ),
          },
          {
            key: "activity",
            label: "Activity",
            children: user.recentActivity.length ? (
              <Timeline
                style={{ marginTop: 12 }}
                items={user.recentActivity.map((a: UserActivity) => ({
                  key: `${a.kind}-${a.id}`,
                  children: (
                    <>
                      <Typography.Text>
                        {ACTIVITY_LABEL[a.kind] ?? a.kind} <Typography.Text strong>{a.label}</Typography.Text>
                        {a.detail ? <Typography.Text type="secondary"> · {a.detail}</Typography.Text> : null}
                      </Typography.Text>
                      <br />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(a.at)}
                      </Typography.Text>
                    </>
                  ),
                }))}
              />
            ) : (
              empty("No recent activity")
            ),
          },
          {
            key: "tickets",
            label: `Tickets (${user.tickets.length})`,
            children: (
              <Table<UserTicket>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={user.tickets}
                scroll={ONE_LINE}
                locale={{ emptyText: empty("No support tickets") }}
                columns={[
                  { title: "Ticket", dataIndex: "number", render: (n: string | null, t) => (can("tickets.read") ? <Link to={`/support-tickets/${t.id}`}>{n ?? t.id}</Link> : n ?? t.id) },
                  { title: "Subject", dataIndex: "subject" },
                  { title: "Priority", dataIndex: "priority", render: (p: string, t) => <>{priorityLabel(p)}{t.slaBreached && <Tag color="red" style={{ marginLeft: 6 }}>SLA breached</Tag>}</> },
                  { title: "Status", dataIndex: "status", render: (status: string) => <StatusTag status={status} /> },
                  { title: "Opened", dataIndex: "createdAt", render: (value: string) => <RelativeTime value={value} /> },
                ]}
              />
            ),
          },
          {
            key: "audit",
            label: "Audit",
            children: (
              <>
                {can("audit.read") && (
                  <div style={{ textAlign: "right", marginBottom: 8 }}>
                    <Link to={auditTrailLink}>Open in audit trail</Link>
                  </div>
                )}
                <Table<AuditEntry>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={user.recentAudit ?? []}
                  scroll={ONE_LINE}
                  locale={{ emptyText: empty("No audit entries about this user") }}
                  columns={[
                    { title: "Time", dataIndex: "createdAt", render: (value: string) => <time dateTime={value}>{formatDateTime(value)}</time> },
                    { title: "Action", dataIndex: "action", render: (action: string, entry) => <Tag bordered={false} title={action}>{auditEntryLabel(entry)}</Tag> },
                    {
                      title: "By",
                      dataIndex: "actorEmail",
                      render: (email: string | null, entry) => <span title={email ?? undefined}>{auditActorName(entry) ?? <Typography.Text type="secondary">system</Typography.Text>}</span>,
                    },
                    {
                      title: "Details",
                      dataIndex: "after",
                      render: (after: unknown) => {
                        const reason = after && typeof after === "object" && "reason" in after ? String((after as { reason: unknown }).reason) : null;
                        return reason ? <Typography.Text type="secondary">{reason}</Typography.Text> : "—";
                      },
                    },
                    { title: "IP", dataIndex: "ip", render: (ip: string | null) => ip ?? "—" },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
