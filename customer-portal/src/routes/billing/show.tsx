import { Col, Row, Typography } from 'antd';
import { PlanCard } from './plan-card';
import { UsageProgressCard } from './usage-progress-card';
import { PlansComparison } from './plans-comparison';
import { PaymentMethodsCard } from './payment-methods-card';
import { InvoicesCard } from './invoices-card';
import { useCurrentSubscription, useInvoices, usePaymentMethods, usePublicConfig, useTiers, useUsage } from './billing-queries';

/** The plan's BillingPage: current plan, usage meters, the plans side by side (with plan changes), payment methods and invoices. */
export default function BillingPage() {
  const current = useCurrentSubscription();
  const usage = useUsage();
  const tiers = useTiers();
  const methods = usePaymentMethods();
  const config = usePublicConfig();
  const invoices = useInvoices();

  // After a plan change or a payment: everything the change can touch is read again.
  const refreshAfterChange = () => Promise.all([current.query.refetch(), usage.query.refetch(), invoices.query.refetch()]);
  const hasCard = Boolean(methods.data?.some((m) => m.isDefault));

  const currentTier = current.data?.tier ?? tiers.data?.find((t) => t.name === usage.data?.tier);
  // Tiers come ordered from the smallest; anything after the current one is an upgrade.
  const tierIndex = tiers.data && currentTier ? tiers.data.findIndex((t) => t.name === currentTier.name) : -1;
  const canUpgrade = !tiers.data || tierIndex < 0 || tierIndex < tiers.data.length - 1;

  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
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
            subscription={current.data}
            hasCard={hasCard}
            stripePublishableKey={config.data?.stripePublishableKey}
            loading={tiers.query.isPending}
            error={tiers.query.isError ? tiers.query.error : null}
            onRetry={() => void tiers.query.refetch()}
            onChanged={refreshAfterChange}
            onCardAdded={() => methods.query.refetch()}
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
        <Col span={24}>
          <InvoicesCard
            invoices={invoices.data}
            loading={invoices.query.isPending}
            error={invoices.query.isError ? invoices.query.error : null}
            onRetry={() => void invoices.query.refetch()}
            onChanged={refreshAfterChange}
          />
        </Col>
      </Row>
    </>
  );
}
