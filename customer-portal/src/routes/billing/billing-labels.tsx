import { Tag } from 'antd';
import type { SubscriptionStatus, SubscriptionTier, UsageMetricName } from '../../lib/api-types';
import { formatBytes, formatCents } from '../../lib/format';

const MB = 1024 * 1024;

export const STATUS_LABELS: Record<SubscriptionStatus, { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  trial: { label: 'Trial', color: 'blue' },
  past_due: { label: 'Past due', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'default' },
};

export function SubscriptionStatusTag({ status }: { status: SubscriptionStatus }) {
  const { label, color } = STATUS_LABELS[status] ?? { label: status, color: 'default' };
  return (
    <Tag color={color} data-testid="subscription-status">
      {label}
    </Tag>
  );
}

/** "$99.00 / month", or "Free" for a $0 plan. */
export function formatPlanPrice(tier: Pick<SubscriptionTier, 'monthlyPriceCents' | 'currency'>): string {
  return tier.monthlyPriceCents === 0 ? 'Free' : `${formatCents(tier.monthlyPriceCents, tier.currency)} / month`;
}

/** Storage limits are configured in MB (binary, like the API's check); shown as "1 GB", "25 GB". */
export function formatStorageMb(mb: number | null): string {
  return mb === null ? 'Unlimited' : formatBytes(mb * MB);
}

const count = new Intl.NumberFormat();
export const formatCount = (n: number | null) => (n === null ? 'Unlimited' : count.format(n));

export const METRIC_LABELS: Record<UsageMetricName, { label: string; noun: string }> = {
  analyses_run: { label: 'Analyses this period', noun: 'analyses' },
  projects_created: { label: 'Projects', noun: 'projects' },
  storage_bytes: { label: 'Code storage', noun: 'storage' },
};

/** Bytes for storage, a plain count otherwise. */
export function formatMetricValue(metric: UsageMetricName, value: number): string {
  return metric === 'storage_bytes' ? formatBytes(value) : count.format(value);
}
