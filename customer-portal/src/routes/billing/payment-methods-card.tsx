import { useState } from 'react';
import { useCustomMutation, type HttpError } from '@refinedev/core';
import { App, Button, Card, Empty, List, Popconfirm, Skeleton, Space, Tag, Typography, theme } from 'antd';
import { CreditCardOutlined, PlusOutlined } from '@ant-design/icons';
import type { PaymentMethod } from '../../lib/api-types';
import { QueryError } from '../../components/query-error';
import { toApiError } from '../../providers/http';
import { AddCardModal } from './add-card-modal';

type Props = {
  methods: PaymentMethod[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** Re-reads the list after a change. */
  onChanged: () => Promise<unknown>;
  /** Publishable key from /api/config: null = local test mode (card form here), a key = Stripe Elements. */
  stripePublishableKey: string | null | undefined;
};

const BRANDS: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' };
const brandName = (brand: string) => BRANDS[brand.toLowerCase()] ?? (brand ? brand[0].toUpperCase() + brand.slice(1) : 'Card');

/** What removing a card does, as the server does it: the newest other card becomes the default; a paid plan keeps one. */
function removalConsequence(pm: PaymentMethod, label: string, count: number): string {
  if (!pm.isDefault) return `${label} will no longer be used for payments.`;
  if (count > 1) return `${label} is your default card: your newest other card becomes the default and pays from now on.`;
  return `${label} is your only card. A paid plan needs a card on file, so it can be removed only on the Free plan.`;
}

/** Cards on file: add (test-mode form), make default, remove. */
export function PaymentMethodsCard({ methods, loading, error, onRetry, onChanged, stripePublishableKey }: Props) {
  const { token } = theme.useToken();
  const [adding, setAdding] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const { notification, message } = App.useApp();
  const { mutateAsync } = useCustomMutation<Record<string, never>, HttpError>();

  const act = async (method: PaymentMethod, kind: 'default' | 'remove') => {
    setBusyId(method.id);
    try {
      await mutateAsync({
        url: kind === 'default' ? `/billing/payment-methods/${method.id}/default` : `/billing/payment-methods/${method.id}`,
        method: kind === 'default' ? 'post' : 'delete',
        values: {},
        successNotification: false,
        errorNotification: false,
      });
      await onChanged();
      void message.success(kind === 'default' ? `${brandName(method.brand)} •••• ${method.last4} is now your default card` : 'Card removed');
    } catch (err) {
      const apiError = toApiError(err);
      notification.error({
        message: kind === 'default' ? 'Could not make this card the default' : 'Could not remove the card',
        // 409 payment_method_required: a paid plan needs a card on file; the server says so.
        description: apiError.message,
        duration: 8,
        placement: 'bottomRight',
      });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <Card
      title="Payment methods"
      data-testid="billing-payment-methods"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!!error && !methods}>
          Add card
        </Button>
      }
    >
      {error ? (
        <QueryError error={error} onRetry={onRetry} title="Could not load your payment methods" />
      ) : loading || !methods ? (
        <Skeleton active avatar paragraph={{ rows: 1 }} />
      ) : methods.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No card on file" data-testid="payment-methods-empty">
          <Typography.Text type="secondary">Free plans need no card; paid plans are charged to your default card.</Typography.Text>
        </Empty>
      ) : (
        <List
          dataSource={methods}
          rowKey="id"
          renderItem={(pm) => {
            const label = `${brandName(pm.brand)} •••• ${pm.last4}`;
            return (
              <List.Item
                data-testid="payment-method"
                data-last4={pm.last4}
                data-default={pm.isDefault || undefined}
                actions={[
                  !pm.isDefault && (
                    <Button key="default" size="small" loading={busyId === pm.id} onClick={() => void act(pm, 'default')} aria-label={`Make ${label} the default card`}>
                      Make default
                    </Button>
                  ),
                  <Popconfirm
                    key="remove"
                    title="Remove this card?"
                    description={<div style={{ maxWidth: 300 }}>{removalConsequence(pm, label, methods.length)}</div>}
                    okText="Remove"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => act(pm, 'remove')}
                  >
                    <Button size="small" danger disabled={busyId === pm.id} aria-label={`Remove ${label}`}>
                      Remove
                    </Button>
                  </Popconfirm>,
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  avatar={<CreditCardOutlined style={{ fontSize: 24, color: token.colorTextTertiary }} />}
                  title={
                    <Space size="small" wrap>
                      <span>{label}</span>
                      {pm.isDefault && <Tag color="blue">Default</Tag>}
                    </Space>
                  }
                  description={`Expires ${String(pm.expMonth).padStart(2, '0')}/${pm.expYear}`}
                />
              </List.Item>
            );
          }}
        />
      )}
      <AddCardModal
        open={adding}
        stripePublishableKey={stripePublishableKey}
        onClose={() => setAdding(false)}
        onAdded={async (card) => {
          setAdding(false);
          await onChanged();
          void message.success(`${brandName(card.brand)} •••• ${card.last4} added`);
        }}
      />
    </Card>
  );
}
