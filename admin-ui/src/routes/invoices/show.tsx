import { useState } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Result, Row, Skeleton, Space, Table, Tag, Typography } from "antd";
import { DownloadOutlined, RollbackOutlined } from "@ant-design/icons";
import { Show } from "@refinedev/antd";
import { useInvalidate, useShow } from "@refinedev/core";
import { Link } from "react-router";
import { QueryError } from "../../components/query-error";
import { RecordBreadcrumb } from "../../components/record-breadcrumb";
import { formatCents, formatDateTime, humanize } from "../../lib/format";
import { useCurrentUser } from "../../lib/use-current-user";
import { useDownload } from "../../lib/use-download";
import { API_URL, http, toApiError, type ApiError } from "../../providers/http";
import { InvoiceStatusTag, KIND_LABELS, dollarsToCents, formatBillingPeriod, invoicePeriod, type AdminInvoiceDetail } from "../subscriptions/billing-types";
import { backIcon } from "../../components/back-icon";

const flatContent = { variant: "borderless" as const, style: { background: "transparent", boxShadow: "none" }, styles: { body: { padding: 0 } } };

function RefundModal({ invoice, open, onClose }: { invoice: AdminInvoiceDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ amount: string; reason: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { modal, message } = App.useApp();
  const invalidate = useInvalidate();
  const max = formatCents(invoice.refundableCents, invoice.currency);

  const submit = (values: { amount?: string; reason: string }) => {
    const amountCents = values.amount ? dollarsToCents(values.amount)! : undefined;
    const shown = amountCents === undefined ? max : formatCents(amountCents, invoice.currency);
    modal.confirm({
      title: `Refund ${shown} of ${invoice.number}?`,
      content: `The money goes back to ${invoice.customer.email}'s card through the payment processor and the customer is e-mailed. This cannot be undone.`,
      okText: "Refund",
      okButtonProps: { danger: true },
      onOk: async () => {
        setSaving(true);
        setError(null);
        try {
          await http.post(`/admin/invoices/${encodeURIComponent(invoice.id)}/refund`, { ...(amountCents === undefined ? {} : { amountCents }), reason: values.reason });
          message.success(`Refunded ${shown}.`);
          await invalidate({ resource: "invoices", invalidates: ["list", "detail"], id: invoice.id });
          form.resetFields();
          onClose();
        } catch (err) {
          const apiError = toApiError(err);
          const { amountCents: amountErrors, reason: reasonErrors } = apiError.errors ?? {};
          form.setFields([...(amountErrors ? [{ name: "amount" as const, errors: amountErrors }] : []), ...(reasonErrors ? [{ name: "reason" as const, errors: reasonErrors }] : [])]);
          setError(amountErrors || reasonErrors ? null : apiError.message);
        } finally {
          setSaving(false);
        }
      },
    });
  };

  return (
    <Modal open={open} title={`Refund ${invoice.number}`} okText="Continue" okButtonProps={{ danger: true }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      <Typography.Paragraph type="secondary">Up to {max} can be refunded. Leave the amount empty to refund all of it.</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item
          name="amount"
          label="Amount (USD)"
          rules={[
            {
              validator: async (_, value) => {
                if (!value) return;
                const cents = dollarsToCents(value);
                if (cents === null || cents < 1) throw new Error("Enter an amount such as 25 or 12.50");
                if (cents > invoice.refundableCents) throw new Error(`At most ${max}`);
              },
            },
          ]}
        >
          <Input prefix="$" inputMode="decimal" placeholder={`All (${max})`} />
        </Form.Item>
        <Form.Item name="reason" label="Reason" rules={[{ required: true, min: 3, message: "Give a reason (at least 3 characters)" }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder="Why (kept in the audit trail)" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </Modal>
  );
}

/**
 * Why a month-end invoice's lines name different periods: the fee pays for the coming period in advance,
 * analyses above the limit are counted in the one that closed.
 */
function periodsNote(invoice: AdminInvoiceDetail): string | null {
  if (invoice.kind !== "regular") return null;
  const fee = invoice.items.find((i) => i.itemType === "subscription");
  const notes = [
    fee && `The plan fee is charged in advance: it pays for the next billing period${fee.periodStart && fee.periodEnd ? `, ${formatBillingPeriod(fee.periodStart, fee.periodEnd)}` : ""}.`,
    invoice.items.some((i) => i.itemType === "overage") && `Analyses above the plan's limit are counted in the period that closed, ${formatBillingPeriod(invoice.periodStart, invoice.periodEnd)}.`,
  ].filter(Boolean);
  return notes.length > 0 ? notes.join(" ") : null;
}

/** One invoice: customer, lines, tax and totals, payment attempts and refunds; refund and PDF download. */
export default function InvoiceShowPage() {
  const { query, result: invoice } = useShow<AdminInvoiceDetail, ApiError>({ resource: "invoices", errorNotification: false });
  const { can } = useCurrentUser();
  const [refunding, setRefunding] = useState(false);
  const { download, downloading } = useDownload();

  if (query.isError && !invoice) {
    if (query.error?.statusCode === 404) {
      return <Result status="404" title="Invoice not found" extra={<Link to="/invoices"><Button type="primary">All invoices</Button></Link>} />;
    }
    return (
      <Show goBack={backIcon} title="Invoice" isLoading={false} breadcrumb={<RecordBreadcrumb />}>
        <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load this invoice" />
      </Show>
    );
  }
  if (!invoice) {
    return (
      <Show goBack={backIcon} title="Invoice" isLoading={false} breadcrumb={<RecordBreadcrumb />}>
        <Skeleton active paragraph={{ rows: 10 }} />
      </Show>
    );
  }
  const money = (c: number) => formatCents(c, invoice.currency);
  const period = invoicePeriod(invoice);
  const note = periodsNote(invoice);

  return (
    <Show
      goBack={backIcon}
      title={`Invoice ${invoice.number}`}
      breadcrumb={<RecordBreadcrumb name={invoice.number} />}
      isLoading={false}
      contentProps={flatContent}
      headerButtons={
        <Space>
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(`${API_URL}/admin/invoices/${invoice.id}/pdf`)}>
            Download PDF
          </Button>
          {can("billing.manage") && invoice.refundableCents > 0 && (
            <Button danger icon={<RollbackOutlined />} onClick={() => setRefunding(true)} data-testid="refund">
              Refund
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={16}>
          <Card title="Lines" data-testid="invoice-lines">
            {note && <Alert type="info" showIcon message={note} style={{ marginBottom: 12 }} data-testid="invoice-periods-note" />}
            <Table
              scroll={{ x: 560 }}
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={invoice.items}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No lines" /> }}
              onRow={(line) => ({ "data-testid": "invoice-line", "data-type": line.itemType }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: "Description", dataIndex: "description" },
                { title: "Service period", key: "period", render: (_: unknown, line) => (line.periodStart && line.periodEnd ? formatBillingPeriod(line.periodStart, line.periodEnd) : null) },
                { title: "Qty", dataIndex: "quantity", align: "right" },
                { title: "Unit", dataIndex: "unitPriceCents", align: "right", render: (c: number) => money(c) },
                { title: "Amount", dataIndex: "totalCents", align: "right", render: (c: number) => money(c) },
              ]}
              summary={() => (
                <>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={4} align="right">Subtotal</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">{money(invoice.subtotalCents)}</Table.Summary.Cell>
                  </Table.Summary.Row>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={4} align="right">Tax</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">{money(invoice.taxCents)}</Table.Summary.Cell>
                  </Table.Summary.Row>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={4} align="right"><b>Total</b></Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right"><b>{money(invoice.totalCents)}</b></Table.Summary.Cell>
                  </Table.Summary.Row>
                  {invoice.refundedCents > 0 && (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={4} align="right">Refunded</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">{money(-invoice.refundedCents)}</Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                </>
              )}
            />
          </Card>
          <Card title="Payment attempts" style={{ marginTop: 24 }}>
            <Table
              scroll={{ x: 560 }}
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={invoice.attempts}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No payment attempts" /> }}
              columns={[
                { title: "When", dataIndex: "createdAt", render: (d: string) => formatDateTime(d) },
                { title: "Amount", dataIndex: "amountCents", align: "right", render: (c: number) => money(c) },
                { title: "Outcome", dataIndex: "status", render: (s: string) => <Tag color={s === "succeeded" ? "green" : s === "failed" ? "red" : "blue"}>{humanize(s)}</Tag> },
                { title: "Reason", key: "reason", render: (_: unknown, a) => a.failureMessage ?? a.failureCode ?? "—" },
                { title: "Processor id", dataIndex: "gatewayPaymentId", render: (id: string | null, a) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.gateway}: {id ?? "—"}</Typography.Text> },
              ]}
            />
          </Card>
          {invoice.refunds.length > 0 && (
            <Card title="Refunds" style={{ marginTop: 24 }}>
              <Table
                scroll={{ x: 560 }}
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={invoice.refunds}
                columns={[
                  { title: "When", dataIndex: "createdAt", render: (d: string) => formatDateTime(d) },
                  { title: "Amount", dataIndex: "amountCents", align: "right", render: (c: number) => money(c) },
                  { title: "Status", dataIndex: "status", render: (s: string) => <Tag color={s === "succeeded" ? "green" : s === "failed" ? "red" : "blue"}>{humanize(s)}</Tag> },
                  { title: "Reason", dataIndex: "reason" },
                ]}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card title="Invoice">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="Status"><InvoiceStatusTag status={invoice.status} refundedCents={invoice.refundedCents} /></Descriptions.Item>
              <Descriptions.Item label="Customer">
                {invoice.customer.id ? <Link to={`/users/${invoice.customer.id}`}>{invoice.customer.name || invoice.customer.email}</Link> : "—"}
              </Descriptions.Item>
              <Descriptions.Item label="E-mail">{invoice.customer.email}</Descriptions.Item>
              <Descriptions.Item label="Kind">{KIND_LABELS[invoice.kind] ?? invoice.kind}</Descriptions.Item>
              <Descriptions.Item label={period.label}>{period.value}</Descriptions.Item>
              <Descriptions.Item label="Issued">{formatDateTime(invoice.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="Paid">{formatDateTime(invoice.paidAt)}</Descriptions.Item>
              {invoice.creditAppliedCents > 0 && <Descriptions.Item label="Credit applied">{money(invoice.creditAppliedCents)}</Descriptions.Item>}
              {invoice.overageChargesCents > 0 && <Descriptions.Item label="Overage">{money(invoice.overageChargesCents)}</Descriptions.Item>}
              {invoice.nextAttemptAt && <Descriptions.Item label="Next attempt">{formatDateTime(invoice.nextAttemptAt)}</Descriptions.Item>}
              <Descriptions.Item label="Refundable">{money(invoice.refundableCents)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <RefundModal invoice={invoice} open={refunding} onClose={() => setRefunding(false)} />
    </Show>
  );
}
