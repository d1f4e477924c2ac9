import type { Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { audit, type AuditActor } from '../../admin/audit';
import { BillingAccount, Invoice, SubscriptionTier, type Subscription } from '../billing.models';
import { presentInvoice } from '../billing.presenter';
import { computeInvoiceTotals, type InvoiceTotals } from '../calculators/compute-invoice-totals';
import { computeProration } from '../calculators/compute-proration';
import type { PaymentGateway } from '../gateways';
import { daysIn, daysRemaining, type Period } from '../periods';
import { lockSubscription } from '../subscription-lock';
import { taxRateBasisPoints } from '../tax-rate';
import { usagePeriod } from '../usage';
import { collectInvoice, MINIMUM_CHARGE_CENTS } from './collect-invoice.service';
import { getCurrentSubscription } from './get-current-subscription.service';
import { prorationLine, writeInvoiceLines } from './invoice-lines';
import { track } from '../../analytics/track';

/** Who asked: the customer themselves, or an admin acting for them (then the change is audited). */
export interface PlanChangeInput {
  userId: string;
  admin?: AuditActor;
  /** The admin's reason, kept in the audit row. */
  reason?: string;
}

async function findTier(transaction: Transaction, name: string): Promise<SubscriptionTier> {
  const tier = await SubscriptionTier.findOne({ where: { name, active: true }, transaction });
  if (!tier) throw AppError.validation({ tier: [`There is no plan called "${name}"`] }, 'Unknown plan');
  return tier;
}

async function auditChange(transaction: Transaction, input: PlanChangeInput, action: string, subscription: Subscription, before: unknown, after: unknown): Promise<void> {
  if (input.admin) await audit(input.admin, { action, targetType: 'subscription', targetId: subscription.id, before, after: input.reason ? { ...(after as object), reason: input.reason } : after }, transaction);
}

/** What an immediate upgrade costs now: the one computation both the preview and the upgrade use. */
export interface UpgradeQuote {
  from: SubscriptionTier;
  to: SubscriptionTier;
  account: BillingAccount | null;
  period: Period;
  daysInPeriod: number;
  daysRemaining: number;
  prorationCents: number;
  totals: InvoiceTotals;
}

/**
 * Validates the target tier (unknown → 400; same → 409 already_on_tier; cheaper or equal price → 400) and
 * prices the upgrade at `now` for the given subscription: proration for the unused days, then credit, tax
 * and the card minimum (computeInvoiceTotals). Reads only; the caller decides whether to lock.
 */
async function quoteUpgrade(
  transaction: Transaction,
  input: { subscription: Subscription; from: SubscriptionTier; tier: string; account: BillingAccount | null; now: Date },
): Promise<UpgradeQuote> {
  const { subscription, from, account, now } = input;
  const to = await findTier(transaction, input.tier);
  // Re-checked under the lock: the request that waited behind a successful upgrade lands here.
  if (to.id === from.id) throw AppError.conflict('already_on_tier', `You are already on the ${to.displayName} plan`);
  if (to.monthlyPriceCents <= from.monthlyPriceCents) {
    throw AppError.validation({ tier: [`${to.displayName} is not an upgrade from ${from.displayName}: downgrade instead (it applies at the period end)`] }, 'Not an upgrade');
  }
  const period = usagePeriod(subscription, now);
  const total = daysIn(period);
  const left = daysRemaining(period, now);
  const prorationCents = computeProration({ fromPriceCents: from.monthlyPriceCents, toPriceCents: to.monthlyPriceCents, daysInPeriod: total, daysRemaining: left });
  const totals = computeInvoiceTotals({ baseCents: prorationCents, overageCents: 0, creditBalanceCents: account?.creditBalanceCents ?? 0, taxBasisPoints: await taxRateBasisPoints(transaction), minimumChargeCents: MINIMUM_CHARGE_CENTS });
  return { from, to, account, period, daysInPeriod: total, daysRemaining: left, prorationCents, totals };
}

/**
 * What `upgradeSubscription` would charge right now, without changing anything (no locks taken). The
 * same tier checks apply, except that asking for the current tier is a 400 here (nothing to preview).
 */
export async function previewUpgrade(input: { userId: string; tier: string }) {
  return db().transaction(async (transaction) => {
    const { subscription, tier: from } = await lockSubscription(transaction, input.userId, { lock: false });
    const account = await BillingAccount.findOne({ where: { userId: input.userId }, transaction });
    let quote: UpgradeQuote;
    try {
      quote = await quoteUpgrade(transaction, { subscription, from, tier: input.tier, account, now: clock.now() });
    } catch (err) {
      if (err instanceof AppError && err.code === 'already_on_tier') throw AppError.validation({ tier: [err.message] }, 'Not an upgrade');
      throw err;
    }
    return {
      tier: quote.to.name,
      amountDueNowCents: quote.totals.totalCents,
      subtotalCents: quote.totals.subtotalCents,
      taxCents: quote.totals.taxCents,
      creditAppliedCents: quote.totals.creditAppliedCents,
      currency: quote.to.currency,
      periodEnd: quote.period.end.toISOString(),
      daysRemaining: quote.daysRemaining,
      daysInPeriod: quote.daysInPeriod,
    };
  });
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
    // Account lock after the subscription lock: the order every plan and card change uses.
    const account = await BillingAccount.findOne({ where: { userId: input.userId }, transaction, lock: transaction.LOCK.UPDATE });
    const now = clock.now();
    const quote = await quoteUpgrade(transaction, { subscription, from, tier: input.tier, account, now });
    const { to, period, prorationCents, totals } = quote;
    const total = quote.daysInPeriod;
    const left = quote.daysRemaining;
    if (to.monthlyPriceCents > 0 && !account?.defaultPaymentMethodId) {
      throw new AppError(402, 'payment_method_required', `Add a card before moving to the ${to.displayName} plan`);
    }

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
    await writeInvoiceLines(transaction, {
      invoiceId: invoice.id,
      totals,
      account,
      lines: [prorationLine({ from, to, daysLeft: left, daysInPeriod: total, cents: prorationCents, periodEnd: period.end })],
    });

    const before = { tier: from.name, scheduledTierId: subscription.scheduledTierId };
    // An upgrade supersedes a scheduled downgrade; a scheduled cancellation stays (as on Stripe).
    // Coming back to a paid tier ends the churn.
    await subscription.update({ tierId: to.id, scheduledTierId: null, churnedFromTierId: null, churnedAt: null }, { transaction });
    await auditChange(transaction, input, 'subscription.upgrade', subscription, before, { tier: to.name, invoiceId: invoice.id, prorationCents });
    await track({ type: 'upgrade', userId: input.userId, properties: { fromTier: from.name, toTier: to.name, fromPriceCents: from.monthlyPriceCents, toPriceCents: to.monthlyPriceCents, byAdmin: Boolean(input.admin) } }, transaction);
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
    await track({ type: 'downgrade', userId: input.userId, properties: { fromTier: from.name, toTier: to.name, fromPriceCents: from.monthlyPriceCents, toPriceCents: to.monthlyPriceCents, effectiveAt: subscription.currentPeriodEnd.toISOString(), byAdmin: Boolean(input.admin) } }, transaction);
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
