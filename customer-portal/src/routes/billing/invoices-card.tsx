import { useState } from 'react';
import { useCustom, useCustomMutation, type HttpError } from '@refinedev/core';
import { Alert, App, Button, Card, Empty, Flex, Grid, Popconfirm, Skeleton, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Invoice, InvoiceDetail, InvoiceKind, InvoiceStatus } from '../../lib/api-types';
import { formatBillingDay, formatBillingPeriod, formatCents, formatDate } from '../../lib/format';
import { QueryError } from '../../components/query-error';
import { API_URL, toApiError } from '../../providers/http';
import { useDownload } from '../../lib/use-download';

type Props = {
  invoices: Invoice[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** Re-reads plan, usage and invoices after a payment retry. */
  onChanged: () => Promise<unknown>;
};

const KIND_LABELS: Record<InvoiceKind, string> = { regular: 'Monthly', proration: 'Upgrade (prorated)', manual: 'Manual' };

/** What the invoice's own period is: the billing period a month-end invoice closes, or the day of an upgrade. */
function invoicePeriodText(invoice: Pick<Invoice, 'kind' | 'periodStart' | 'periodEnd'>): string {
  if (invoice.kind === 'proration') return `Upgraded on ${formatBillingDay(invoice.periodStart)}`;
  const period = formatBillingPeriod(invoice.periodStart, invoice.periodEnd);
  return invoice.kind === 'regular' ? `Closes the billing period ${period}` : `Period ${period}`;
}

/**
 * Why a month-end invoice's lines name different periods: the fee pays for the coming period in advance,
 * analyses above the limit are counted in the one that closed.
 */
function periodsNote(detail: InvoiceDetail): string | null {
  if (detail.kind !== 'regular') return null;
  const fee = detail.items.find((i) => i.itemType === 'subscription');
  const notes = [
    fee && `The plan fee is charged in advance: it pays for the next billing period${fee.periodStart && fee.periodEnd ? `, ${formatBillingPeriod(fee.periodStart, fee.periodEnd)}` : ''}.`,
    detail.items.some((i) => i.itemType === 'overage') && `Analyses above the plan's limit are counted in the period that closed, ${formatBillingPeriod(detail.periodStart, detail.periodEnd)}.`,
  ].filter(Boolean);
  return notes.length > 0 ? notes.join(' ') : null;
}

type InvoiceLine = InvoiceDetail['items'][number];
const STATUS_TAGS: Record<InvoiceStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'default' },
  open: { label: 'Open', color: 'gold' },
  paid: { label: 'Paid', color: 'green' },
  failed: { label: 'Payment failed', color: 'red' },
  refunded: { label: 'Refunded', color: 'purple' },
  void: { label: 'Void', color: 'default' },
};

function InvoiceStatusTag({ status }: { status: InvoiceStatus }) {
  return (
    <Tag color={STATUS_TAGS[status]?.color ?? 'default'} data-testid="invoice-status" style={{ marginInlineEnd: 0 }}>
      {STATUS_TAGS[status]?.label ?? status}
    </Tag>
  );
}

/** Invoice history: one row each, expandable to its lines, tax and total; failed ones can be retried. */
export function InvoicesCard({ invoices, loading, error, onRetry, onChanged }: Props) {
  // On a phone four columns and the expand button do not fit beside each other: the date goes under the
  // number, the status and the retry button under the total, and the kind steps aside.
  const wide = Grid.useBreakpoint().md !== false;
  const [retrying, setRetrying] = useState<string | null>(null);
  const { message, notification } = App.useApp();
  const { mutateAsync } = useCustomMutation<InvoiceDetail, HttpError>();

  const retry = async (invoice: Invoice) => {
    setRetrying(invoice.id);
    try {
      const res = await mutateAsync({ url: `/billing/invoices/${invoice.id}/retry`, method: 'post', values: {}, successNotification: false, errorNotification: false });
      await onChanged();
      if (res.data.status === 'paid') void message.success(`${invoice.number} is paid`);
      else notification.error({ message: 'The charge was declined', description: 'Update your default card below and retry.', duration: 8, placement: 'bottomRight' });
    } catch (err) {
      notification.error({ message: 'Could not retry the payment', description: toApiError(err).message, duration: 8, placement: 'bottomRight' });
    } finally {
      setRetrying(null);
    }
  };

  // A retry charges the card: the amount is stated and confirmed first.
  const retryButton = (invoice: Invoice) =>
    (invoice.status === 'failed' || invoice.status === 'open') && (
      <Popconfirm
        title={`Charge ${formatCents(invoice.totalCents, invoice.currency)} to your default card?`}
        description={`This pays ${invoice.number}.`}
        okText="Pay now"
        cancelText="Not now"
        onConfirm={() => retry(invoice)}
      >
        <Button size="small" type="primary" loading={retrying === invoice.id} data-testid="invoice-retry">
          Retry payment
        </Button>
      </Popconfirm>
    );

  return (
    <Card title="Invoices" data-testid="billing-invoices">
      {error ? (
        <QueryError error={error} onRetry={onRetry} title="Could not load your invoices" />
      ) : loading || !invoices ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : invoices.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No invoices yet" data-testid="invoices-empty" />
      ) : (
        <Table<Invoice>
          scroll={wide ? { x: 640 } : undefined}
          dataSource={invoices}
          rowKey="id"
          size="middle"
          pagination={invoices.length > 10 ? { pageSize: 10 } : false}
          onRow={(inv) => ({ 'data-testid': 'invoice-row', 'data-status': inv.status, 'data-number': inv.number } as React.HTMLAttributes<HTMLElement>)}
          expandable={{ expandedRowRender: (inv) => <InvoiceLines invoice={inv} />, expandRowByClick: false }}
          columns={[
            {
              title: wide ? 'Number' : 'Invoice',
              dataIndex: 'number',
              key: 'number',
              render: (number: string, inv) =>
                wide ? (
                  number
                ) : (
                  <Flex vertical>
                    <span style={{ whiteSpace: 'nowrap' }}>{number}</span>
                    <Typography.Text type="secondary">{formatDate(inv.createdAt)}</Typography.Text>
                  </Flex>
                ),
            },
            { title: 'Date', dataIndex: 'createdAt', key: 'date', responsive: ['md'], render: (v: string) => formatDate(v) },
            { title: 'Kind', dataIndex: 'kind', key: 'kind', responsive: ['md'], render: (k: InvoiceKind) => KIND_LABELS[k] ?? k },
            { title: 'Status', dataIndex: 'status', key: 'status', responsive: ['md'], render: (s: InvoiceStatus) => <InvoiceStatusTag status={s} /> },
            {
              title: 'Total',
              key: 'total',
              align: 'right',
              render: (_: unknown, inv) => {
                const total = <span data-testid="invoice-total">{formatCents(inv.totalCents, inv.currency)}</span>;
                return wide ? (
                  total
                ) : (
                  <Flex vertical align="end" gap={4}>
                    {total}
                    <InvoiceStatusTag status={inv.status} />
                    {retryButton(inv)}
                  </Flex>
                );
              },
            },
            { title: '', key: 'actions', align: 'right', responsive: ['md'], render: (_: unknown, inv) => retryButton(inv) },
          ]}
        />
      )}
    </Card>
  );
}

/** The service period a line bills, if it names one. */
function linePeriod(line: InvoiceLine) {
  return line.periodStart && line.periodEnd ? <span data-testid="invoice-line-period">{formatBillingPeriod(line.periodStart, line.periodEnd)}</span> : null;
}

/** The lines of one invoice, read when the row is expanded. */
function InvoiceLines({ invoice }: { invoice: Invoice }) {
  // on a phone the service period moves under the description and the quantity steps aside
  const wide = Grid.useBreakpoint().md !== false;
  const { download, downloading } = useDownload();
  const { query, result } = useCustom<InvoiceDetail, HttpError>({ url: `/billing/invoices/${invoice.id}`, method: 'get', errorNotification: false });
  if (query.isError) return <Alert type="error" showIcon message="Could not load the invoice lines" description={toApiError(query.error).message} />;
  if (!query.isSuccess) return <Skeleton active paragraph={{ rows: 2 }} />;
  const detail = result.data as InvoiceDetail;
  // The API reports refunds (billing admins make them); older responses may lack the field.
  const refunded = (detail as InvoiceDetail & { refundedCents?: number }).refundedCents ?? 0;
  const money = (cents: number) => formatCents(cents, detail.currency);
  const note = periodsNote(detail);
  // the totals' labels span every column but the amount
  const labelColumns = wide ? 3 : 1;
  return (
    <div data-testid="invoice-detail" style={{ maxWidth: 800 }}>
      <Flex justify="space-between" align="center" gap={12} wrap="wrap" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          <span data-testid="invoice-period">{invoicePeriodText(detail)}</span>
          {detail.paidAt ? ` · paid ${formatDate(detail.paidAt)}` : ''}
          {detail.status === 'failed' && detail.nextAttemptAt ? ` · next automatic retry ${formatDate(detail.nextAttemptAt)}` : ''}
          {refunded > 0 ? ` · ${formatCents(refunded, detail.currency)} refunded` : ''}
        </Typography.Text>
        <Button size="small" icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(`${API_URL}/billing/invoices/${detail.id}/pdf`, `${detail.number}.pdf`)} data-testid="invoice-pdf">
          Download PDF
        </Button>
      </Flex>
      {note && <Alert type="info" showIcon message={note} style={{ marginBottom: 8 }} data-testid="invoice-periods-note" />}
      <Table<InvoiceLine>
        scroll={wide ? { x: 560 } : undefined}
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={detail.items.filter((i) => i.itemType !== 'tax')}
        onRow={(line) => ({ 'data-testid': 'invoice-line', 'data-type': line.itemType } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          {
            title: 'Description',
            dataIndex: 'description',
            key: 'description',
            render: (description: string, line) => {
              const period = linePeriod(line);
              return wide || !period ? (
                description
              ) : (
                <Flex vertical>
                  {description}
                  <Typography.Text type="secondary">{period}</Typography.Text>
                </Flex>
              );
            },
          },
          { title: 'Service period', key: 'period', width: 200, responsive: ['md'], render: (_: unknown, line) => linePeriod(line) },
          { title: 'Qty', dataIndex: 'quantity', key: 'qty', align: 'right', width: 60, responsive: ['md'] },
          { title: 'Amount', dataIndex: 'totalCents', key: 'amount', align: 'right', width: 120, render: (v: number) => money(v) },
        ]}
        summary={() => (
          <>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={labelColumns} align="right">
                Subtotal
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {money(detail.subtotalCents)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={labelColumns} align="right">
                Tax
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <span data-testid="invoice-detail-tax">{money(detail.taxCents)}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={labelColumns} align="right">
                <Typography.Text strong>Total</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Typography.Text strong data-testid="invoice-detail-total">
                  {money(detail.totalCents)}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </>
        )}
      />
    </div>
  );
}
