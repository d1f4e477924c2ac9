import { useEffect, useState } from 'react';
import { useCustom, useCustomMutation, type HttpError } from '@refinedev/core';
import { Alert, App, Button, Descriptions, Modal, Skeleton, Typography } from 'antd';
import type { InvoiceDetail, SubscriptionTier, UpgradePreview, UpgradeResult } from '../../lib/api-types';
import { formatBillingDay, formatCents } from '../../lib/format';
import { toApiError } from '../../providers/http';
import { AddCardModal } from './add-card-modal';

type Props = {
  /** The tier to move to; null = closed. */
  tier: SubscriptionTier | null;
  /** Whether the customer has a default card (a paid plan needs one). */
  hasCard: boolean;
  stripePublishableKey: string | null | undefined;
  onClose: () => void;
  /** Re-reads plan, usage, invoices (after the upgrade, and after a retry). */
  onChanged: () => Promise<unknown>;
  /** Re-reads the cards after one was added here. */
  onCardAdded: () => Promise<unknown>;
};

/**
 * The plan's UpgradeModal: asks the server what the upgrade costs now (GET /subscriptions/upgrade-preview,
 * the same computation the upgrade charges), states it plainly, then upgrades. A declined charge keeps the
 * new plan (the invoice is failed): the modal says so and offers a retry once the card is fixed.
 */
export function UpgradeModal({ tier, hasCard, stripePublishableKey, onClose, onChanged, onCardAdded }: Props) {
  const open = tier !== null;
  const { message } = App.useApp();
  const [addingCard, setAddingCard] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [failedInvoiceId, setFailedInvoiceId] = useState<string | null>(null);
  const { mutateAsync } = useCustomMutation<UpgradeResult | InvoiceDetail, HttpError>();

  const preview = useCustom<UpgradePreview, HttpError>({
    // simple-rest's custom() appends its own "?", so the tier goes in config.query, not the URL.
    url: '/subscriptions/upgrade-preview',
    method: 'get',
    config: { query: { tier: tier?.name ?? '' } },
    errorNotification: false,
    queryOptions: { enabled: open && !failedInvoiceId, staleTime: 0, gcTime: 0, refetchOnWindowFocus: false },
  });
  const quote = preview.query.isSuccess ? (preview.result.data as UpgradePreview) : undefined;

  useEffect(() => {
    if (!open) {
      setProblem(null);
      setFailedInvoiceId(null);
      setBusy(false);
    }
  }, [open]);

  const confirm = async () => {
    if (!tier) return;
    setBusy(true);
    setProblem(null);
    try {
      const res = await mutateAsync({ url: '/subscriptions/upgrade', method: 'post', values: { tier: tier.name }, successNotification: false, errorNotification: false });
      const { invoice } = res.data as UpgradeResult;
      await onChanged();
      if (invoice.status === 'failed') {
        setFailedInvoiceId(invoice.id);
      } else {
        void message.success(`You are now on ${tier.displayName}; ${formatCents(invoice.totalCents, invoice.currency)} was charged to your card.`);
        onClose();
      }
    } catch (err) {
      setProblem(toApiError(err).message);
      void preview.query.refetch();
    } finally {
      setBusy(false);
    }
  };

  const retry = async () => {
    if (!failedInvoiceId || !tier) return;
    setBusy(true);
    setProblem(null);
    try {
      const res = await mutateAsync({ url: `/billing/invoices/${failedInvoiceId}/retry`, method: 'post', values: {}, successNotification: false, errorNotification: false });
      const invoice = res.data as InvoiceDetail;
      await onChanged();
      if (invoice.status === 'paid') {
        void message.success(`Payment received: ${formatCents(invoice.totalCents, invoice.currency)}. You are on ${tier.displayName}.`);
        onClose();
      } else {
        setProblem('The charge was declined again. Check the default card below, or add another one, and retry.');
      }
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const footer = failedInvoiceId
    ? [
        <Button key="close" onClick={onClose}>
          Close
        </Button>,
        <Button key="card" onClick={() => setAddingCard(true)}>
          Add card
        </Button>,
        <Button key="retry" type="primary" loading={busy} onClick={() => void retry()} data-testid="upgrade-retry">
          Retry payment
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={onClose}>
          Cancel
        </Button>,
        hasCard ? (
          <Button key="confirm" type="primary" loading={busy} disabled={!quote} onClick={() => void confirm()} data-testid="upgrade-confirm">
            {quote ? `Pay ${formatCents(quote.amountDueNowCents, quote.currency)} and upgrade` : 'Upgrade'}
          </Button>
        ) : (
          <Button key="card" type="primary" onClick={() => setAddingCard(true)} data-testid="upgrade-add-card">
            Add card
          </Button>
        ),
      ];

  return (
    <>
      <Modal open={open} title={tier ? `Upgrade to ${tier.displayName}` : 'Upgrade'} onCancel={onClose} footer={footer} destroyOnHidden maskClosable={!busy}>
        {failedInvoiceId ? (
          <Alert
            type="error"
            showIcon
            data-testid="upgrade-declined"
            message="The charge was declined — update your card and retry"
            description={`You are on ${tier?.displayName} already; the invoice stays unpaid until the charge goes through. Add or choose another default card, then retry.`}
          />
        ) : preview.query.isError ? (
          <Alert type="error" showIcon message="Could not work out the price" description={toApiError(preview.query.error).message} />
        ) : !quote || !tier ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : (
          <div data-testid="upgrade-quote" data-amount-cents={quote.amountDueNowCents}>
            <Typography.Paragraph style={{ fontSize: 15 }} data-testid="upgrade-statement">
              You will be charged <Typography.Text strong data-testid="upgrade-amount-now">{formatCents(quote.amountDueNowCents, quote.currency)}</Typography.Text> now (
              {quote.daysRemaining} {quote.daysRemaining === 1 ? 'day' : 'days'} left of this period), then{' '}
              <Typography.Text strong>{formatCents(tier.monthlyPriceCents, tier.currency)}/month</Typography.Text> from {formatBillingDay(quote.periodEnd)}.
            </Typography.Paragraph>
            {(quote.creditAppliedCents > 0 || quote.taxCents > 0) && (
              <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
                {quote.creditAppliedCents > 0 && <Descriptions.Item label="Account credit used">{formatCents(-quote.creditAppliedCents, quote.currency)}</Descriptions.Item>}
                <Descriptions.Item label="Subtotal">{formatCents(quote.subtotalCents, quote.currency)}</Descriptions.Item>
                {quote.taxCents > 0 && <Descriptions.Item label="Tax">{formatCents(quote.taxCents, quote.currency)}</Descriptions.Item>}
                <Descriptions.Item label="Due now">{formatCents(quote.amountDueNowCents, quote.currency)}</Descriptions.Item>
              </Descriptions>
            )}
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              The new limits apply at once. The charge covers the price difference for the {quote.daysRemaining} unused days of {quote.daysInPeriod}.
            </Typography.Paragraph>
            {!hasCard && (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                data-testid="upgrade-needs-card"
                message="You have no card on file"
                description={`${tier.displayName} is a paid plan: add a card first, then confirm the upgrade here.`}
              />
            )}
          </div>
        )}
        {problem && <Alert style={{ marginTop: 12 }} type="error" showIcon role="alert" message={problem} data-testid="upgrade-error" />}
      </Modal>
      <AddCardModal
        open={addingCard}
        stripePublishableKey={stripePublishableKey}
        onClose={() => setAddingCard(false)}
        onAdded={async (card) => {
          setAddingCard(false);
          await onCardAdded();
          void message.success(`Card •••• ${card.last4} added`);
        }}
      />
    </>
  );
}
