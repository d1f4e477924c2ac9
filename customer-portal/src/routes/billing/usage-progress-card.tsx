import { Card, Empty, Progress, Skeleton, Space, theme, Typography } from 'antd';
import type { SubscriptionTier, SubscriptionUsage, UsageMetric } from '../../lib/api-types';
import { formatBillingDay, formatBillingPeriod, formatCents } from '../../lib/format';
import { QueryError } from '../../components/query-error';
import { formatMetricValue, METRIC_LABELS } from './billing-labels';

const WARNING_PERCENT = 80;

type Props = {
  usage: SubscriptionUsage | undefined;
  /** The current plan (for the overage price); the meters work without it. */
  tier: SubscriptionTier | undefined;
  /** Whether a bigger plan exists, to say "until you upgrade" rather than "contact support". */
  canUpgrade: boolean;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
};

/** The plan's UsageProgressCard: one meter per metric, warning from 80 % and red at the limit. */
export function UsageProgressCard({ usage, tier, canUpgrade, loading, error, onRetry }: Props) {
  return (
    <Card
      title="Usage"
      extra={usage && <Typography.Text type="secondary">{formatBillingPeriod(usage.periodStart, usage.periodEnd)}</Typography.Text>}
      data-testid="billing-usage-card"
      style={{ height: '100%' }}
    >
      {error ? (
        <QueryError error={error} onRetry={onRetry} title="Could not load your usage" />
      ) : loading || !usage ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : usage.metrics.length === 0 ? (
        <Empty description="No usage recorded yet" />
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          {usage.metrics.map((metric) => (
            <UsageMeter key={metric.metric} metric={metric} usage={usage} tier={tier} canUpgrade={canUpgrade} />
          ))}
          {usage.projectedOverage.totalCents > 0 && (
            <Typography.Text strong type="warning" data-testid="usage-projected-overage">
              Projected overage this period: {formatCents(usage.projectedOverage.totalCents, usage.projectedOverage.currency)} (
              {usage.projectedOverage.analyses} extra {usage.projectedOverage.analyses === 1 ? 'analysis' : 'analyses'} at{' '}
              {formatCents(usage.projectedOverage.unitPriceCents, usage.projectedOverage.currency)} each), added to your next invoice.
            </Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}

function UsageMeter({
  metric: m,
  usage,
  tier,
  canUpgrade,
}: {
  metric: UsageMetric;
  usage: SubscriptionUsage;
  tier: SubscriptionTier | undefined;
  canUpgrade: boolean;
}) {
  const { token } = theme.useToken();
  const { label } = METRIC_LABELS[m.metric] ?? { label: m.metric };
  const unlimited = m.limit === null;
  const percent = m.percent ?? 0;
  const state = unlimited ? 'normal' : percent >= 100 ? 'exception' : percent >= WARNING_PERCENT ? 'warning' : 'normal';
  const used = formatMetricValue(m.metric, m.used);
  const amount = unlimited ? `${used} · Unlimited` : `${used} of ${formatMetricValue(m.metric, m.limit!)}`;

  return (
    <div data-testid={`usage-meter-${m.metric}`} data-state={state}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong id={`usage-label-${m.metric}`}>
          {label}
        </Typography.Text>
        <Typography.Text type={state === 'exception' ? 'danger' : state === 'warning' ? 'warning' : undefined} data-testid="usage-amount">
          {amount}
        </Typography.Text>
      </div>
      {!unlimited && (
        <Progress
          percent={Math.min(percent, 100)}
          status={state === 'exception' ? 'exception' : 'normal'}
          strokeColor={state === 'warning' ? token.colorWarning : undefined}
          showInfo={false}
          aria-labelledby={`usage-label-${m.metric}`}
          aria-valuetext={`${amount} (${percent}%)`}
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {limitExplanation(m, usage, tier, canUpgrade)}
      </Typography.Text>
    </div>
  );
}

/** What happens at the limit. Only analyses have an overage price; projects and storage are always hard. */
function limitExplanation(m: UsageMetric, usage: SubscriptionUsage, tier: SubscriptionTier | undefined, canUpgrade: boolean): string {
  if (m.limit === null) return 'No limit on your plan.';
  const blocked = canUpgrade ? 'blocked until you upgrade' : 'blocked — contact support to raise the limit';
  if (m.metric === 'analyses_run') {
    const unitPriceCents = usage.projectedOverage.unitPriceCents || tier?.overageAnalysisCents || 0;
    if (unitPriceCents > 0) {
      const price = formatCents(unitPriceCents, usage.projectedOverage.currency || tier?.currency);
      return `Above the limit, each extra analysis is billed at ${price}. Resets on ${formatBillingDay(usage.periodEnd)}.`;
    }
    return `At the limit, new analyses are ${blocked}. Resets on ${formatBillingDay(usage.periodEnd)}.`;
  }
  if (m.metric === 'projects_created') return `At the limit, creating projects is ${blocked}; deleting a project frees a slot.`;
  return `At the limit, adding code snippets is ${blocked}; deleting snippets frees space.`;
}
