import { Alert, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import type { CurrentSubscription } from '../../lib/api-types';
import { formatBillingDay, formatBillingPeriod } from '../../lib/format';
import { QueryError } from '../../components/query-error';
import { formatPlanPrice, SubscriptionStatusTag } from './billing-labels';

type Props = { subscription: CurrentSubscription | undefined; loading: boolean; error: unknown; onRetry: () => void };

/** The customer's plan: name, price, status, the current period and any change scheduled for its end. */
export function PlanCard({ subscription, loading, error, onRetry }: Props) {
  return (
    <Card title="Your plan" data-testid="billing-plan-card" style={{ height: '100%' }}>
      {error ? (
        <QueryError error={error} onRetry={onRetry} title="Could not load your plan" />
      ) : loading || !subscription ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <PlanDetails subscription={subscription} />
      )}
    </Card>
  );
}

function PlanDetails({ subscription: s }: { subscription: CurrentSubscription }) {
  const periodEnd = formatBillingDay(s.currentPeriodEnd);
  const isFree = s.tier.monthlyPriceCents === 0;
  const ending = s.cancelAtPeriodEnd || s.status === 'cancelled';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Space align="center" wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-name">
            {s.tier.displayName}
          </Typography.Title>
          <SubscriptionStatusTag status={s.status} />
        </Space>
      </div>

      {s.status === 'past_due' && (
        <Alert
          type="error"
          showIcon
          data-testid="plan-past-due"
          message="Your last payment failed"
          description="We will retry the charge over the next few days. Check that your default card below is valid, or add a new one, to keep your plan; if the retries fail, your account moves to the Free plan."
        />
      )}

      <Descriptions column={1} size="small">
        <Descriptions.Item label="Price">
          <Typography.Text strong data-testid="plan-price">
            {formatPlanPrice(s.tier)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="Current period">
          {formatBillingPeriod(s.currentPeriodStart, s.currentPeriodEnd)}
        </Descriptions.Item>
        <Descriptions.Item label={ending ? 'Ends on' : s.scheduledTier ? 'Current plan until' : isFree ? 'Usage resets on' : 'Renews on'}>
          <span data-testid="plan-renewal">{periodEnd}</span>
        </Descriptions.Item>
      </Descriptions>

      {s.scheduledTier ? (
        <Alert
          type="info"
          showIcon
          data-testid="plan-scheduled-change"
          message={`Changes to ${s.scheduledTier.displayName} on ${periodEnd}`}
          description={`You keep ${s.tier.displayName} until the end of this period; from then on the price is ${formatPlanPrice(s.scheduledTier)}.`}
        />
      ) : s.cancelAtPeriodEnd ? (
        <Alert
          type="warning"
          showIcon
          data-testid="plan-cancels"
          message={`Cancels at period end (${periodEnd})`}
          description={`You keep ${s.tier.displayName} until then; afterwards your account moves to the Free plan.`}
        />
      ) : null}
    </Space>
  );
}
