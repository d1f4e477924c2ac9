import { useState } from "react";
import { Alert, App, Button, Card, Checkbox, Col, Empty, Flex, Form, Input, InputNumber, Modal, Row, Skeleton, Table, Tag, Typography } from "antd";
import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { List } from "@refinedev/antd";
import { useInvalidate, useList } from "@refinedev/core";
import { Link } from "react-router";
import { QueryError } from "../../components/query-error";
import { formatBytes, formatCents, formatNumber } from "../../lib/format";
import { useCurrentUser } from "../../lib/use-current-user";
import { http, toApiError, type ApiError } from "../../providers/http";
import { centsToDollarsText, dollarsToCents, type AdminTier } from "./billing-types";

interface TierForm {
  name: string;
  displayName: string;
  price: string;
  overage: string;
  maxProjects: number | null;
  maxAnalysesPerMonth: number | null;
  maxStorageMb: number | null;
  includesPrioritySupport: boolean;
  includesAdvancedAnalytics: boolean;
  sortOrder: number;
  active: boolean;
}

/** Server field → form field (money is entered in dollars here and sent in cents). */
const FIELD_OF: Record<string, keyof TierForm> = { monthlyPriceCents: "price", overageAnalysisCents: "overage" };

const limitText = (n: number | null) => (n === null ? "Unlimited" : formatNumber(n));
const money = { validator: async (_: unknown, value: string) => { if (value !== undefined && value !== "" && dollarsToCents(value) === null) throw new Error("Enter an amount such as 99 or 0.10"); } };

function TierModal({ tier, open, onClose }: { tier: AdminTier | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<TierForm>();
  const storageMb = Form.useWatch("maxStorageMb", form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidate();
  const { message, modal } = App.useApp();
  const creating = !tier;

  const initial: Partial<TierForm> = tier
    ? { ...tier, price: centsToDollarsText(tier.monthlyPriceCents), overage: centsToDollarsText(tier.overageAnalysisCents) }
    : { price: "", overage: "0.10", includesPrioritySupport: false, includesAdvancedAnalytics: false, sortOrder: 10, active: true, maxProjects: null, maxAnalysesPerMonth: null, maxStorageMb: null };

  const save = async (values: TierForm) => {
    const body = {
      displayName: values.displayName,
      monthlyPriceCents: dollarsToCents(values.price),
      overageAnalysisCents: dollarsToCents(values.overage || "0"),
      maxProjects: values.maxProjects ?? null,
      maxAnalysesPerMonth: values.maxAnalysesPerMonth ?? null,
      maxStorageMb: values.maxStorageMb ?? null,
      includesPrioritySupport: !!values.includesPrioritySupport,
      includesAdvancedAnalytics: !!values.includesAdvancedAnalytics,
      sortOrder: values.sortOrder ?? 0,
      active: !!values.active,
    };
    setSaving(true);
    setError(null);
    try {
      if (creating) await http.post("/admin/subscriptions/tiers", { name: values.name, ...body });
      else await http.patch(`/admin/subscriptions/tiers/${encodeURIComponent(tier.id)}`, body);
      message.success(creating ? `Plan ${values.displayName} created.` : `Plan ${values.displayName} saved.`);
      await invalidate({ resource: "subscriptions/tiers", invalidates: ["list"] });
      onClose();
    } catch (err) {
      const apiError = toApiError(err);
      const fields = Object.entries(apiError.errors ?? {}).map(([name, errors]) => ({ name: FIELD_OF[name] ?? (name as keyof TierForm), errors }));
      form.setFields(fields);
      setError(fields.length ? null : apiError.message);
    } finally {
      setSaving(false);
    }
  };

  const submit = (values: TierForm) => {
    const newPrice = dollarsToCents(values.price);
    if (tier && newPrice !== tier.monthlyPriceCents && tier.subscribers > 0) {
      modal.confirm({
        title: `Change the price of ${tier.displayName} to ${formatCents(newPrice ?? 0, tier.currency)}?`,
        content: `${formatNumber(tier.subscribers)} subscriber${tier.subscribers === 1 ? "" : "s"} pay the new price from their next billing period; invoices already issued do not change.`,
        okText: "Change price",
        onOk: () => save(values),
      });
    } else {
      void save(values);
    }
  };

  return (
    <Modal open={open} title={creating ? "New plan" : `Edit ${tier.displayName}`} okText={creating ? "Create plan" : "Save"} onOk={() => form.submit()} onCancel={onClose} confirmLoading={saving} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark="optional" preserve={false}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label="Name (id)" rules={[{ required: creating, message: "Enter a name such as team" }]} extra={creating ? "Lower case; cannot change later" : undefined}>
              <Input disabled={!creating} placeholder="team" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="displayName" label="Display name" rules={[{ required: true, message: "Enter the name customers see" }]}>
              <Input placeholder="Team" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="price" label="Monthly price (USD)" rules={[{ required: true, message: "Enter a price (0 for free)" }, money]} extra={tier ? "A new price applies from each subscriber's next period." : undefined}>
              <Input prefix="$" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="overage" label="Overage per analysis (USD)" rules={[money]} extra="0 makes the analyses limit hard">
              <Input prefix="$" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="maxProjects" label="Projects" extra="Empty = unlimited">
              <InputNumber min={0} precision={0} placeholder="Unlimited" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="maxAnalysesPerMonth" label="Analyses / month" extra="Empty = unlimited">
              <InputNumber min={0} precision={0} placeholder="Unlimited" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="maxStorageMb" label="Storage (MB)" extra={typeof storageMb === "number" && storageMb >= 1024 ? `= ${formatBytes(storageMb * 2 ** 20)}` : "Empty = unlimited"}>
              <InputNumber min={0} precision={0} placeholder="Unlimited" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sortOrder" label="Order">
              <InputNumber min={0} max={1000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="Includes" style={{ marginBottom: 0 }}>
              <Form.Item name="includesPrioritySupport" valuePropName="checked" noStyle>
                <Checkbox>Priority support</Checkbox>
              </Form.Item>
              <Form.Item name="includesAdvancedAnalytics" valuePropName="checked" noStyle>
                <Checkbox>Advanced analytics</Checkbox>
              </Form.Item>
            </Form.Item>
            <Form.Item name="active" valuePropName="checked" style={{ marginTop: 8 }}>
              <Checkbox>Offered to customers</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </Modal>
  );
}

/** Tier configuration: prices and limits of every plan, offered or withdrawn. */
export default function TiersPage() {
  const { can } = useCurrentUser();
  const canManage = can("billing.manage");
  const [editing, setEditing] = useState<AdminTier | "new" | null>(null);
  const { result, query } = useList<AdminTier, ApiError>({ resource: "subscriptions/tiers", pagination: { mode: "off" }, errorNotification: false });

  return (
    <List
      title="Tier configuration"
      breadcrumb={false}
      headerButtons={
        <>
          <Link to="/subscriptions">
            <Button icon={<ArrowLeftOutlined />}>Subscriptions</Button>
          </Link>
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
              New plan
            </Button>
          )}
        </>
      }
    >
      <Card>
        <Typography.Paragraph type="secondary">
          A price change applies from each subscriber's next billing period; invoices already issued keep their amounts. Free must stay at $0 and offered:
          every new customer starts on it.
        </Typography.Paragraph>
        {query.isError && <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load the plans" />}
        {query.isLoading ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : (
          <Table<AdminTier>
            scroll={{ x: "max-content" }}
            rowKey="id"
            dataSource={result.data}
            pagination={false}
            locale={{ emptyText: <Empty description="No plans" /> }}
            columns={[
              {
                title: "Plan",
                dataIndex: "displayName",
                fixed: "left",
                render: (n: string, t) => (
                  <Flex vertical align="flex-start">
                    <b>{n}</b>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t.name}
                    </Typography.Text>
                    {!t.active && <Tag>Withdrawn</Tag>}
                  </Flex>
                ),
              },
              { title: "Price / month", dataIndex: "monthlyPriceCents", align: "right", render: (c: number, t) => formatCents(c, t.currency) },
              { title: "Projects", dataIndex: "maxProjects", align: "right", render: (n: number | null) => limitText(n) },
              { title: "Analyses / month", dataIndex: "maxAnalysesPerMonth", align: "right", render: (n: number | null) => limitText(n) },
              { title: "Storage", dataIndex: "maxStorageMb", align: "right", render: (mb: number | null) => (mb === null ? "Unlimited" : formatBytes(mb * 2 ** 20)) },
              { title: "Overage", dataIndex: "overageAnalysisCents", align: "right", render: (c: number, t) => (c > 0 ? `${formatCents(c, t.currency)} / analysis` : "Hard limit") },
              {
                title: "Extras",
                key: "extras",
                render: (_: unknown, t) => (
                  <Flex vertical align="flex-start" gap={4}>
                    {t.includesPrioritySupport && <Tag>Priority support</Tag>}
                    {t.includesAdvancedAnalytics && <Tag>Advanced analytics</Tag>}
                  </Flex>
                ),
              },
              { title: "Subscribers", dataIndex: "subscribers", align: "right", render: (n: number) => formatNumber(n) },
              ...(canManage ? [{ title: "", key: "edit", fixed: "right" as const, render: (_: unknown, t: AdminTier) => <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(t)} aria-label={`Edit ${t.displayName}`}>Edit</Button> }] : []),
            ]}
          />
        )}
      </Card>
      {editing && <TierModal tier={editing === "new" ? null : editing} open onClose={() => setEditing(null)} />}
    </List>
  );
}
