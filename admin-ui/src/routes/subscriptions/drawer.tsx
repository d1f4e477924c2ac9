import { useState } from "react";
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Skeleton, Space, Table, Typography } from "antd";
import { DollarOutlined, RiseOutlined } from "@ant-design/icons";
import { useOne } from "@refinedev/core";
import { Link } from "react-router";
import { QueryError } from "../../components/query-error";
import { formatCents, formatDate, formatDateTime } from "../../lib/format";
import { listLinkWithFilters } from "../../lib/table-filters";
import { useCurrentUser } from "../../lib/use-current-user";
import type { ApiError } from "../../providers/http";
import { CreditModal, ForceTierModal } from "./actions";
import { formatBillingPeriod, InvoiceStatusTag, KIND_LABELS, SubscriptionStatusTag, type SubscriptionDetail } from "./billing-types";

/** One subscription: customer, plan, credit, recent invoices and credit grants, with the billing admin's actions. */
export function SubscriptionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { can } = useCurrentUser();
  const [modal, setModal] = useState<"tier" | "credit" | null>(null);
  const { result: sub, query } = useOne<SubscriptionDetail, ApiError>({
    resource: "subscriptions",
    id: id ?? "",
    errorNotification: false,
    queryOptions: { enabled: !!id },
  });
  const loaded = sub && sub.id === id ? sub : undefined;

  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={loaded ? loaded.customer.name || loaded.customer.email : "Subscription"} destroyOnHidden data-testid="subscription-drawer">
      {query.isError && !loaded ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load this subscription" />
      ) : !loaded ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Flex vertical gap={24}>
          <Space wrap>
            {can("billing.manage") && (
              <Button type="primary" icon={<RiseOutlined />} onClick={() => setModal("tier")} disabled={loaded.status === "cancelled"} data-testid="force-tier">
                Change plan
              </Button>
            )}
            {can("billing.credit") && (
              <Button icon={<DollarOutlined />} onClick={() => setModal("credit")} data-testid="apply-credit">
                Apply credit
              </Button>
            )}
          </Space>

          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="Customer">
              <Space size={4} wrap>
                <Link to={`/users/${loaded.customer.id}`}>{loaded.customer.name || loaded.customer.email}</Link>
                {loaded.customer.name && <Typography.Text type="secondary">{loaded.customer.email}</Typography.Text>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="Plan">
              {loaded.tier.displayName} · {formatCents(loaded.tier.monthlyPriceCents, loaded.tier.currency)} / month
            </Descriptions.Item>
            <Descriptions.Item label="Status">
              <SubscriptionStatusTag status={loaded.status} />
              {loaded.churnedFromTier && <Typography.Text type="secondary">left {loaded.churnedFromTier} on {formatDate(loaded.churnedAt)}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label="Current period">
              {formatBillingPeriod(loaded.currentPeriodStart, loaded.currentPeriodEnd)}
            </Descriptions.Item>
            {(loaded.cancelAtPeriodEnd || loaded.scheduledTier) && (
              <Descriptions.Item label="At period end">{loaded.cancelAtPeriodEnd ? "Cancels (moves to Free)" : `Moves to ${loaded.scheduledTier}`}</Descriptions.Item>
            )}
            <Descriptions.Item label="Account credit">
              <span data-testid="credit-balance">{formatCents(loaded.creditBalanceCents, loaded.tier.currency)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="Card on file">{loaded.hasPaymentMethod ? "Yes" : "No"}</Descriptions.Item>
            <Descriptions.Item label="Customer since">{formatDate(loaded.createdAt)}</Descriptions.Item>
          </Descriptions>

          {loaded.status === "past_due" && <Alert type="warning" showIcon message="A payment failed: retries follow the dunning schedule (1, 3 and 5 days)." />}

          <div>
            <Flex justify="space-between" align="baseline">
              <Typography.Title level={5}>Recent invoices</Typography.Title>
              <Link to={listLinkWithFilters("/invoices", [{ field: "customerId", value: loaded.customer.id }])}>All invoices of this customer</Link>
            </Flex>
            <Table
              scroll={{ x: 480 }}
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={loaded.recentInvoices}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No invoices yet" /> }}
              columns={[
                { title: "Number", dataIndex: "number", render: (n: string, i) => <Link to={`/invoices/${i.id}`}>{n}</Link> },
                { title: "Kind", dataIndex: "kind", render: (k: string) => KIND_LABELS[k] ?? k },
                { title: "Status", dataIndex: "status", render: (s: string, i) => <InvoiceStatusTag status={s} refundedCents={i.refundedCents} /> },
                { title: "Total", dataIndex: "totalCents", align: "right", render: (c: number, i) => formatCents(c, i.currency) },
                { title: "Date", dataIndex: "createdAt", render: (d: string) => formatDate(d) },
              ]}
            />
          </div>

          <div>
            <Typography.Title level={5}>Credit given</Typography.Title>
            <Table
              scroll={{ x: 480 }}
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={loaded.creditGrants}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No credit given" /> }}
              columns={[
                { title: "When", dataIndex: "createdAt", render: (d: string) => formatDateTime(d) },
                { title: "Amount", dataIndex: "amountCents", align: "right", render: (c: number) => formatCents(c, loaded.tier.currency) },
                { title: "Reason", dataIndex: "reason" },
              ]}
            />
          </div>

          <ForceTierModal subscription={loaded} open={modal === "tier"} onClose={() => setModal(null)} />
          <CreditModal subscription={loaded} open={modal === "credit"} onClose={() => setModal(null)} />
        </Flex>
      )}
    </Drawer>
  );
}
