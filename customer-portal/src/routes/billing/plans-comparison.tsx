import { useState } from 'react';
import { useCustomMutation, type HttpError } from '@refinedev/core';
import { App, Button, Card, Col, Empty, Popconfirm, Row, Skeleton, Tag, Typography, theme } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { CurrentSubscription, SubscriptionTier, TierName } from '../../lib/api-types';
import { formatBillingDay, formatCents } from '../../lib/format';
import { QueryError } from '../../components/query-error';
import { toApiError } from '../../providers/http';
import { formatCount, formatPlanPrice, formatStorageMb } from './billing-labels';
import { UpgradeModal } from './upgrade-modal';

type Props = {
  tiers: SubscriptionTier[] | undefined;
  currentTier: TierName | undefined;
  /** The live subscription; without it no change is offered. */
  subscription: CurrentSubscription | undefined;
  /** Whether a default card is on file (a paid plan needs one). */
  hasCard: boolean;
  stripePublishableKey: string | null | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** Re-reads plan, usage and invoices after a change. */
  onChanged: () => Promise<unknown>;
  /** Re-reads the cards after one was added from the upgrade dialog. */
  onCardAdded: () => Promise<unknown>;
};

type Action = 'downgrade' | 'cancel' | 'resume';

/**
 * The tiers side by side, the current one marked, each with what it means to move there: a higher tier
 * upgrades now (the dialog states the charge), a lower one switches at the period end, the current paid
 * tier can be cancelled at the period end, and anything scheduled can be taken back.
 */
export function PlansComparison({ tiers, currentTier, subscription, hasCard, stripePublishableKey, loading, error, onRetry, onChanged, onCardAdded }: Props) {
  const [upgradeTo, setUpgradeTo] = useState<SubscriptionTier | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { message, notification } = App.useApp();
  const { mutateAsync } = useCustomMutation<CurrentSubscription, HttpError>();

  const change = async (action: Action, tier?: SubscriptionTier) => {
    setBusy(`${action}:${tier?.name ?? ''}`);
    try {
      await mutateAsync({
        url: `/subscriptions/${action}`,
        method: 'post',
        values: action === 'downgrade' && tier ? { tier: tier.name } : {},
        successNotification: false,
        errorNotification: false,
      });
      await onChanged();
      const periodEnd = formatBillingDay(subscription?.currentPeriodEnd);
      void message.success(
        action === 'downgrade'
          ? `You will move to ${tier?.displayName} on ${periodEnd}`
          : action === 'cancel'
            ? `Your plan is cancelled from ${periodEnd}; until then nothing changes`
            : 'Your plan continues as before',
      );
    } catch (err) {
      notification.error({ message: 'Could not change your plan', description: toApiError(err).message, duration: 8, placement: 'bottomRight' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title="Plans" data-testid="billing-plans">
      {error ? (
        <QueryError error={error} onRetry={onRetry} title="Could not load the plans" />
      ) : loading || !tiers ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : tiers.length === 0 ? (
        <Empty description="No plans are on offer right now" />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {/* side by side only where each card keeps its labels on one line and its buttons inside it */}
            {tiers.map((tier) => (
              <Col key={tier.name} xs={24} xl={24 / Math.min(tiers.length, 3)}>
                <TierCard
                  tier={tier}
                  current={tier.name === currentTier}
                  actions={subscription && <TierActions tier={tier} subscription={subscription} busy={busy} onUpgrade={setUpgradeTo} onChange={change} />}
                />
              </Col>
            ))}
          </Row>
          <UpgradeModal
            tier={upgradeTo}
            hasCard={hasCard}
            stripePublishableKey={stripePublishableKey}
            onClose={() => setUpgradeTo(null)}
            onChanged={onChanged}
            onCardAdded={onCardAdded}
          />
        </>
      )}
    </Card>
  );
}

function TierActions({
  tier,
  subscription: s,
  busy,
  onUpgrade,
  onChange,
}: {
  tier: SubscriptionTier;
  subscription: CurrentSubscription;
  busy: string | null;
  onUpgrade: (tier: SubscriptionTier) => void;
  onChange: (action: Action, tier?: SubscriptionTier) => Promise<void>;
}) {
  const periodEnd = formatBillingDay(s.currentPeriodEnd);
  const scheduled = Boolean(s.scheduledTier) || s.cancelAtPeriodEnd;
  // The server compares prices too: a higher price is an upgrade, a lower one a downgrade.
  if (tier.name === s.tier.name) {
    if (scheduled) {
      return (
        <Button block onClick={() => void onChange('resume')} loading={busy === 'resume:'} data-testid="plan-keep">
          Keep my plan
        </Button>
      );
    }
    if (s.tier.monthlyPriceCents === 0) return null;
    return (
      <Popconfirm
        title={`Cancel ${s.tier.displayName}?`}
        description={
          <div style={{ maxWidth: 300 }}>
            You keep {s.tier.displayName} until {periodEnd}; then your account moves to the Free plan and nothing more is charged. You can take this back until then.
          </div>
        }
        okText="Cancel at period end"
        cancelText="Not now"
        okButtonProps={{ danger: true }}
        onConfirm={() => onChange('cancel')}
      >
        <Button block danger loading={busy === 'cancel:'} data-testid="plan-cancel">
          Cancel plan
        </Button>
      </Popconfirm>
    );
  }
  if (tier.monthlyPriceCents > s.tier.monthlyPriceCents) {
    return (
      <Button block type="primary" onClick={() => onUpgrade(tier)} data-testid={`plan-upgrade-${tier.name}`}>
        Upgrade to {tier.displayName}
      </Button>
    );
  }
  if (s.scheduledTier?.name === tier.name) {
    return (
      <Typography.Text type="secondary" data-testid={`plan-scheduled-${tier.name}`}>
        Starts on {periodEnd}
      </Typography.Text>
    );
  }
  return (
    <Popconfirm
      title={`Switch to ${tier.displayName} on ${periodEnd}?`}
      description={
        <div style={{ maxWidth: 300 }}>
          Nothing changes until the end of this period: you keep {s.tier.displayName} and its limits until {periodEnd}, then {tier.monthlyPriceCents === 0 ? 'move to the Free plan' : `pay ${formatPlanPrice(tier)}`}.
          Nothing is refunded for this period; you can take it back until then.
        </div>
      }
      okText="Switch at period end"
      onConfirm={() => onChange('downgrade', tier)}
    >
      <Button block loading={busy === `downgrade:${tier.name}`} data-testid={`plan-downgrade-${tier.name}`}>
        Switch to {tier.displayName} at period end
      </Button>
    </Popconfirm>
  );
}

function TierCard({ tier, current, actions }: { tier: SubscriptionTier; current: boolean; actions?: React.ReactNode }) {
  const { token } = theme.useToken();
  const rows: Array<[string, React.ReactNode]> = [
    ['Projects', formatCount(tier.maxProjects)],
    ['Analyses per month', formatCount(tier.maxAnalysesPerMonth)],
    ['Code storage', formatStorageMb(tier.maxStorageMb)],
    [
      'Extra analyses',
      tier.maxAnalysesPerMonth === null ? '—' : tier.overageAnalysisCents > 0 ? `${formatCents(tier.overageAnalysisCents, tier.currency)} each` : 'Not available',
    ],
    ['Priority support', <Included key="support" value={tier.includesPrioritySupport} />],
    ['Advanced analytics', <Included key="analytics" value={tier.includesAdvancedAnalytics} />],
  ];
  return (
    <Card
      type="inner"
      data-testid={`plan-${tier.name}`}
      data-current={current || undefined}
      aria-current={current || undefined}
      title={tier.displayName}
      extra={current && <Tag color="blue">Current plan</Tag>}
      style={{ height: '100%', ...(current ? { borderColor: token.colorPrimary, boxShadow: `0 0 0 1px ${token.colorPrimary}` } : {}) }}
    >
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {formatPlanPrice(tier)}
      </Typography.Title>
      <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: '1fr auto', rowGap: 6, columnGap: 12 }}>
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>
              <Typography.Text type="secondary">{label}</Typography.Text>
            </dt>
            <dd style={{ margin: 0, textAlign: 'right' }}>{value}</dd>
          </div>
        ))}
      </dl>
      {actions && <div style={{ marginTop: 16 }}>{actions}</div>}
    </Card>
  );
}

function Included({ value }: { value: boolean }) {
  const { token } = theme.useToken();
  return value ? (
    <span>
      <CheckOutlined style={{ color: token.colorSuccess }} /> Included
    </span>
  ) : (
    <Typography.Text type="secondary">
      <CloseOutlined /> Not included
    </Typography.Text>
  );
}
