import { AppError } from '../../../http/errors';
import { User } from '../../users/user.models';
import { BillingAccount, CreditGrant, Invoice, Subscription, SubscriptionTier } from '../billing.models';
import { presentInvoice, presentTier } from '../billing.presenter';

/** One subscription for the console's drawer: customer, tier, credit balance, recent invoices and credit grants. */
export async function getSubscriptionDetail(id: string) {
  const s = await Subscription.findByPk(id);
  if (!s) throw AppError.notFound('Subscription');
  const [user, tier, scheduled, churnedFrom, account, invoices] = await Promise.all([
    User.findByPk(s.userId),
    SubscriptionTier.findByPk(s.tierId),
    s.scheduledTierId ? SubscriptionTier.findByPk(s.scheduledTierId) : null,
    s.churnedFromTierId ? SubscriptionTier.findByPk(s.churnedFromTierId) : null,
    BillingAccount.findOne({ where: { userId: s.userId } }),
    Invoice.findAll({ where: { subscriptionId: s.id }, order: [['createdAt', 'DESC']], limit: 10 }),
  ]);
  const grants = account ? await CreditGrant.findAll({ where: { billingAccountId: account.id }, order: [['createdAt', 'DESC']], limit: 20 }) : [];
  return {
    id: s.id,
    status: s.status,
    customer: { id: s.userId, email: user?.email ?? '', name: user?.name ?? '' },
    tier: { id: tier!.id, ...presentTier(tier!) },
    currentPeriodStart: s.currentPeriodStart.toISOString(),
    currentPeriodEnd: s.currentPeriodEnd.toISOString(),
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
    scheduledTier: scheduled?.name ?? null,
    churnedFromTier: churnedFrom?.name ?? null,
    churnedAt: s.churnedAt?.toISOString() ?? null,
    creditBalanceCents: account?.creditBalanceCents ?? 0,
    hasPaymentMethod: Boolean(account?.defaultPaymentMethodId),
    createdAt: s.createdAt.toISOString(),
    recentInvoices: invoices.map((i) => presentInvoice(i)),
    creditGrants: grants.map((g) => ({ id: g.id, amountCents: g.amountCents, balanceAfterCents: g.balanceAfterCents, reason: g.reason, actorId: g.actorId, createdAt: g.createdAt.toISOString() })),
  };
}
