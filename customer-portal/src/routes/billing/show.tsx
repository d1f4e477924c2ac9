import { Col, Row, Typography } from 'antd';
import { PlanCard } from './plan-card';
import { UsageProgressCard } from './usage-progress-card';
import { PlansComparison } from './plans-comparison';
import { PaymentMethodsCard } from './payment-methods-card';
import { useCurrentSubscription, usePaymentMethods, usePublicConfig, useTiers, useUsage } from './billing-queries';

/** The plan's BillingPage: current plan, usage meters, the plans side by side and payment methods. */
export default function BillingPage() {
  const current = useCurrentSubscription();
  const usage = useUsage();
  const tiers = useTiers();
  const methods = usePaymentMethods();
  const config = usePublicConfig();

  const currentTier = current.data?.tier ?? tiers.data?.find((t) => t.name === usage.data?.tier);
  // Tiers come ordered from the smallest; anything after the current one is an upgrade.
  const tierIndex = tiers.data && currentTier ? tiers.data.findIndex((t) => t.name === currentTier.name) : -1;
  const canUpgrade = !tiers.data || tierIndex < 0 || tierIndex < tiers.data.length - 1;

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        Billing
      </Typography.Title>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={10}>
          <PlanCard
            subscription={current.data}
            loading={current.query.isPending}
            error={current.query.isError ? current.query.error : null}
            onRetry={() => void current.query.refetch()}
          />
        </Col>
        <Col xs={24} lg={14}>
          <UsageProgressCard
            usage={usage.data}
            tier={currentTier}
            canUpgrade={canUpgrade}
            loading={usage.query.isPending}
            error={usage.query.isError ? usage.query.error : null}
            onRetry={() => void usage.query.refetch()}
          />
        </Col>
        <Col span={24}>
          <PlansComparison
            tiers={tiers.data}
            currentTier={currentTier?.name}
            loading={tiers.query.isPending}
            error={tiers.query.isError ? tiers.query.error : null}
            onRetry={() => void tiers.query.refetch()}
          />
        </Col>
        <Col span={24}>
          <PaymentMethodsCard
            methods={methods.data}
            loading={methods.query.isPending}
            error={methods.query.isError ? methods.query.error : null}
            onRetry={() => void methods.query.refetch()}
            onChanged={() => methods.query.refetch()}
            stripePublishableKey={config.data?.stripePublishableKey}
          />
        </Col>
      </Row>
    </>
  );
}
