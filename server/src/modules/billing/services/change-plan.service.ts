import type { Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { audit, type AuditActor } from '../../admin/audit';
import { BillingAccount, Invoice, InvoiceItem, SubscriptionTier, type Subscription } from '../billing.models';
import { presentInvoice } from '../billing.presenter';
import { computeInvoiceTotals } from '../calculators/compute-invoice-totals';
import { computeProration } from '../calculators/compute-proration';
import type { PaymentGateway } from '../gateways';
import { formatCents } from '../money';
import { daysIn, daysRemaining } from '../periods';
import { lockSubscription } from '../subscription-lock';
import { taxRateBasisPoints } from '../tax-rate';
import { usagePeriod } from '../usage';
import { collectInvoice, MINIMUM_CHARGE_CENTS } from './collect-invoice.service';
import { getCurrentSubscription } from './get-current-subscription.service';

/** Who asked: the customer themselves, or an admin acting for them (then the change is audited). */
export interface PlanChangeInput {
  userId: string;
  admin?: AuditActor;
}

async function findTier(transaction: Transaction, name: string): Promise<SubscriptionTier> {
  const tier = await SubscriptionTier.findOne({ where: { name, active: true }, transaction });
  if (!tier) throw AppError.validation({ tier: [`There is no plan called "${name}"`] }, 'Unknown plan');
  return tier;
}

async function auditChange(transaction: Transaction, input: PlanChangeInput, action: string, subscription: Subscription, before: unknown, after: unknown): Promise<void> {
  if (input.admin) await audit(input.admin, { action, targetType: 'subscription', targetId: subscription.id, before, after }, transaction);
}

/**
 * Upgrades at once, with a prorated charge for the unused days of the period: in one transaction with
 * the subscription locked (so 50 parallel requests make one change) the tier is switched and a proration
 * invoice written; then, outside the lock, the invoice is collected. A declined charge does not undo the
 * upgrade (Stripe's `allow_incomplete`, Lago alike): the invoice is failed, the subscription past_due, and
 * dunning follows.
 */
export async function upgradeSubscription(gateway: PaymentGateway, input: PlanChangeInput & { tier: string }) {
  const invoiceId = await db().transaction(async (transaction) => {
    const { subscription, tier: from } = await lockSubscription(transaction, input.userId);
    const to = await findTier(transaction, input.tier);
    // Re-checked under the lock: the request that waited behind a successful upgrade lands here.
    if (to.id === from.id) throw AppError.conflict('already_on_tier', `You are already on the ${to.displayName} plan`);
    if (to.monthlyPriceCents <= from.monthlyPriceCents) {
      throw AppError.validation({ tier: [`${to.displayName} is not an upgrade from ${from.displayName}: downgrade instead (it applies at the period end)`] }, 'Not an upgrade');
    }
    // Account lock after the subscription lock: the order every plan and card change uses.
    const account = await BillingAccount.findOne({ where: { userId: input.userId }, transaction, lock: transaction.LOCK.UPDATE });
    if (to.monthlyPriceCents > 0 && !account?.defaultPaymentMethodId) {
      throw new AppError(402, 'payment_method_required', `Add a card before moving to the ${to.displayName} plan`);
    }

    const now = clock.now();
    const period = usagePeriod(subscription, now);
    const total = daysIn(period);
    const left = daysRemaining(period, now);
    const prorationCents = computeProration({ fromPriceCents: from.monthlyPriceCents, toPriceCents: to.monthlyPriceCents, daysInPeriod: total, daysRemaining: left });
    const totals = computeInvoiceTotals({ baseCents: prorationCents, overageCents: 0, creditBalanceCents: account?.creditBalanceCents ?? 0, taxBasisPoints: await taxRateBasisPoints(transaction), minimumChargeCents: MINIMUM_CHARGE_CENTS });

    const invoice = await Invoice.create(
      {
        subscriptionId: subscription.id,
        kind: 'proration',
        periodStart: now,
        periodEnd: period.end,
        subtotalCents: totals.subtotalCents,
        taxCents: totals.taxCents,
        totalCents: totals.totalCents,
        creditAppliedCents: totals.creditAppliedCents,
        currency: to.currency,
        status: 'open',
      },
      { transaction },
    );
    const items: Array<Pick<InvoiceItem, 'description' | 'unitPriceCents' | 'totalCents' | 'itemType'>> = [
      {
        description: `${from.displayName} → ${to.displayName}: ${left} of ${total} days left (${formatCents(to.monthlyPriceCents - from.monthlyPriceCents, to.currency)} × ${left}/${total})`,
        unitPriceCents: prorationCents,
        totalCents: prorationCents,
        itemType: 'proration',
      },
    ];
    if (totals.creditAppliedCents > 0) items.push({ description: 'Account credit applied', unitPriceCents: -totals.creditAppliedCents, totalCents: -totals.creditAppliedCents, itemType: 'credit' });
    if (totals.taxCents > 0) items.push({ description: 'Tax', unitPriceCents: totals.taxCents, totalCents: totals.taxCents, itemType: 'tax' });
    await InvoiceItem.bulkCreate(items.map((it) => ({ ...it, invoiceId: invoice.id, quantity: 1 })), { transaction });
    if (account && totals.creditAppliedCents > 0) await account.update({ creditBalanceCents: account.creditBalanceCents - totals.creditAppliedCents }, { transaction });

    const before = { tier: from.name, scheduledTierId: subscription.scheduledTierId };
    // An upgrade supersedes a scheduled downgrade; a scheduled cancellation stays (as on Stripe).
    await subscription.update({ tierId: to.id, scheduledTierId: null }, { transaction });
    await auditChange(transaction, input, 'subscription.upgrade', subscription, before, { tier: to.name, invoiceId: invoice.id, prorationCents });
    return invoice.id;
  });

  const { invoice } = await collectInvoice(gateway, invoiceId);
  return { subscription: await getCurrentSubscription(input.userId), invoice: presentInvoice(invoice) };
}

/** Schedules a move to a cheaper plan at the end of the period (reversible with resume until then). */
export async function scheduleDowngrade(input: PlanChangeInput & { tier: string }) {
  await db().transaction(async (transaction) => {
    const { subscription, tier: from } = await lockSubscription(transaction, input.userId);
    const to = await findTier(transaction, input.tier);
    if (to.id === from.id) throw AppError.validation({ tier: [`You are already on the ${to.displayName} plan`] }, 'Already on this plan');
    if (to.monthlyPriceCents >= from.monthlyPriceCents) throw AppError.validation({ tier: [`${to.displayName} is not a downgrade from ${from.displayName}: upgrade instead`] }, 'Not a downgrade');
    const before = { scheduledTierId: subscription.scheduledTierId, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd };
    // The latest intent wins: a downgrade replaces a scheduled cancellation.
    await subscription.update({ scheduledTierId: to.id, cancelAtPeriodEnd: false }, { transaction });
    await auditChange(transaction, input, 'subscription.downgrade_scheduled', subscription, before, { scheduledTier: to.name });
  });
  return getCurrentSubscription(input.userId);
}

/** Cancels at the end of the period (reversible with resume until then). */
export async function cancelAtPeriodEnd(input: PlanChangeInput) {
  await db().transaction(async (transaction) => {
    const { subscription } = await lockSubscription(transaction, input.userId);
    const before = { scheduledTierId: subscription.scheduledTierId, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd };
    await subscription.update({ cancelAtPeriodEnd: true, scheduledTierId: null }, { transaction });
    await auditChange(transaction, input, 'subscription.cancel_scheduled', subscription, before, { cancelAtPeriodEnd: true });
  });
  return getCurrentSubscription(input.userId);
}

/** Takes back a scheduled downgrade or cancellation; a no-op when nothing is scheduled. */
export async function resumeSubscription(input: PlanChangeInput) {
  await db().transaction(async (transaction) => {
    const { subscription } = await lockSubscription(transaction, input.userId);
    if (!subscription.scheduledTierId && !subscription.cancelAtPeriodEnd) return;
    const before = { scheduledTierId: subscription.scheduledTierId, cancelAtPeriodEnd: subscription.cancelAtPeriodEnd };
    await subscription.update({ scheduledTierId: null, cancelAtPeriodEnd: false }, { transaction });
    await auditChange(transaction, input, 'subscription.resume', subscription, before, { scheduledTierId: null, cancelAtPeriodEnd: false });
  });
  return getCurrentSubscription(input.userId);
}
