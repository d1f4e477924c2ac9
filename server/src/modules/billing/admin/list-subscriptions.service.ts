import { paginate, parseListQuery, escapeLike, type ListSpec } from '../../../http/list-query';
import type { Page } from '../../../http/route';
import { Subscription, SUBSCRIPTION_STATUSES } from '../billing.models';

/** Churned is not a status: the subscription left a paid tier for Free (cancelled or dunned out). */
const STATUS_FILTER_VALUES = [...SUBSCRIPTION_STATUSES, 'churned'] as const;

export const subscriptionsListSpec: ListSpec = {
  fields: {
    // Tiers are data (admins add them), so the filter takes a tier name and joins, rather than an enum.
    tier: { type: 'string', where: (op, values, bind) => {
      const match = op === 'like'
        ? `st.name ILIKE ${bind(`%${escapeLike(values[0])}%`)}`
        : `st.name IN (${values.map(bind).join(', ')})`;
      const sql = `EXISTS (SELECT 1 FROM subscription_tiers st WHERE st.id = t.tier_id AND ${match})`;
      return op === 'ne' ? `NOT ${sql}` : sql;
    } },
    status: { type: 'enum', values: STATUS_FILTER_VALUES, where: (op, values, bind) => {
      const statuses = values.filter((v) => v !== 'churned');
      const parts = [
        ...(statuses.length ? [`t.status IN (${statuses.map(bind).join(', ')})`] : []),
        ...(values.includes('churned') ? ['t.churned_from_tier_id IS NOT NULL'] : []),
      ];
      const sql = `(${parts.join(' OR ')})`;
      return op === 'ne' ? `NOT ${sql}` : sql;
    } },
    userId: { type: 'uuid' },
    currentPeriodEnd: { type: 'date' },
    createdAt: { type: 'date' },
  },
  sortable: ['createdAt', 'currentPeriodEnd', 'status'],
  defaultSort: ['createdAt', 'desc'],
};

export interface SubscriptionListItem {
  id: string;
  userId: string;
  customerEmail: string;
  customerName: string;
  tier: string;
  tierDisplayName: string;
  monthlyPriceCents: number;
  currency: string;
  status: string;
  churned: boolean;
  churnedFromTier: string | null;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  scheduledTier: string | null;
  creditBalanceCents: number;
  createdAt: string;
}

/** The console's subscriptions list (simple-rest): filters on tier and status, `q` on the customer's e-mail or name. */
export async function listSubscriptions(query: Record<string, unknown>): Promise<Page<SubscriptionListItem>> {
  // `q` searches the customer (another table), so it is taken out and applied as a custom condition.
  const { q, ...rest } = query;
  const lq = parseListQuery(rest, subscriptionsListSpec);
  const text = typeof q === 'string' ? q.trim() : '';
  if (text) {
    lq.filters.push({
      kind: 'custom', op: 'eq', values: [text],
      sql: (_op, values, bind) => {
        const pattern = bind(`%${escapeLike(values[0].slice(0, 200))}%`);
        return `EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id AND (u.email ILIKE ${pattern} OR u.name ILIKE ${pattern}))`;
      },
    });
  }
  const page = await paginate(Subscription, lq, {
    extra: {
      customerEmail: '(SELECT u.email FROM users u WHERE u.id = t.user_id)',
      customerName: '(SELECT u.name FROM users u WHERE u.id = t.user_id)',
      tierName: '(SELECT st.name FROM subscription_tiers st WHERE st.id = t.tier_id)',
      tierDisplayName: '(SELECT st.display_name FROM subscription_tiers st WHERE st.id = t.tier_id)',
      monthlyPriceCents: '(SELECT st.monthly_price_cents FROM subscription_tiers st WHERE st.id = t.tier_id)',
      currency: '(SELECT st.currency FROM subscription_tiers st WHERE st.id = t.tier_id)',
      scheduledTierName: '(SELECT st.name FROM subscription_tiers st WHERE st.id = t.scheduled_tier_id)',
      churnedFromTierName: '(SELECT st.name FROM subscription_tiers st WHERE st.id = t.churned_from_tier_id)',
      creditBalanceCents: '(SELECT ba.credit_balance_cents FROM billing_accounts ba WHERE ba.user_id = t.user_id)',
    },
  });
  return {
    ...page,
    rows: page.rows.map((s) => ({
      id: s.id,
      userId: s.userId,
      customerEmail: String(s.customerEmail ?? ''),
      customerName: String(s.customerName ?? ''),
      tier: String(s.tierName),
      tierDisplayName: String(s.tierDisplayName),
      monthlyPriceCents: Number(s.monthlyPriceCents),
      currency: String(s.currency),
      status: s.status,
      churned: s.churnedFromTierId != null,
      churnedFromTier: (s.churnedFromTierName as string | null) ?? null,
      currentPeriodStart: new Date(s.currentPeriodStart).toISOString(),
      currentPeriodEnd: new Date(s.currentPeriodEnd).toISOString(),
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      scheduledTier: (s.scheduledTierName as string | null) ?? null,
      creditBalanceCents: Number(s.creditBalanceCents ?? 0),
      createdAt: new Date(s.createdAt).toISOString(),
    })),
  };
}
