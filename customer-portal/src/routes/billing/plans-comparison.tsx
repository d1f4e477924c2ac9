import { Card, Col, Empty, Row, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { SubscriptionTier, TierName } from '../../lib/api-types';
import { formatCents } from '../../lib/format';
import { QueryError } from '../../components/query-error';
import { formatCount, formatPlanPrice, formatStorageMb } from './billing-labels';

type Props = { tiers: SubscriptionTier[] | undefined; currentTier: TierName | undefined; loading: boolean; error: unknown; onRetry: () => void };

/**
 * The tiers side by side, the current one marked. Plan changes are not offered by the API yet, so
 * there are no upgrade buttons here — only a pointer to support.
 */
export function PlansComparison({ tiers, currentTier, loading, error, onRetry }: Props) {
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
            {tiers.map((tier) => (
              <Col key={tier.name} xs={24} md={24 / Math.min(tiers.length, 3)}>
                <TierCard tier={tier} current={tier.name === currentTier} />
              </Col>
            ))}
          </Row>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }} data-testid="plans-change-note">
            To change your plan, contact support.
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

function TierCard({ tier, current }: { tier: SubscriptionTier; current: boolean }) {
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
      style={{ height: '100%', ...(current ? { borderColor: '#1677ff', boxShadow: '0 0 0 1px #1677ff' } : {}) }}
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
    </Card>
  );
}

function Included({ value }: { value: boolean }) {
  return value ? (
    <span>
      <CheckOutlined style={{ color: '#52c41a' }} /> Included
    </span>
  ) : (
    <Typography.Text type="secondary">
      <CloseOutlined /> Not included
    </Typography.Text>
  );
}
