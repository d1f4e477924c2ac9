/**
 * The Professional demo customer's past invoices, as the product would have written them: the prorated
 * invoice of the upgrade on the day they joined, then one month-end invoice per ended billing period (the
 * next period's plan fee in advance, the ended period's analyses above the plan limit, credit, tax), each
 * collected from the demo card. Amounts come from the billing calculators month end and upgrades use
 * (computeProration, computeOverage, computeInvoiceTotals, invoiceItemsOf), on the usage the demo seeded,
 * so the ledger, the console and the portal agree, and a later real month end continues from here: each
 * ended period has its one regular invoice (the invoices_regular_period_key month end inserts against), and
 * the current period is left for it to bill. Deterministic: ids come from a faker with a fixed seed.
 */

import { Faker, base, en } from '@faker-js/faker';
import { QueryTypes, type CreationAttributes, type Transaction } from 'sequelize';
import { db } from '../server/src/db/sequelize';
import { BillingAccount, Invoice, InvoiceItem, PaymentAttempt, Subscription, SubscriptionTier } from '../server/src/modules/billing/billing.models';
import { computeInvoiceTotals, type InvoiceTotals } from '../server/src/modules/billing/calculators/compute-invoice-totals';
import { computeOverage } from '../server/src/modules/billing/calculators/compute-overage';
import { computeProration } from '../server/src/modules/billing/calculators/compute-proration';
import { daysIn, daysRemaining, nextPeriod, periodContaining, type Period } from '../server/src/modules/billing/periods';
import { MINIMUM_CHARGE_CENTS, RETRY_SCHEDULE_DAYS } from '../server/src/modules/billing/services/collect-invoice.service';
import { invoiceItemsOf, monthEndLines, prorationLine, type InvoiceLine } from '../server/src/modules/billing/services/invoice-lines';
import { FREE_TIER } from '../server/src/modules/billing/subscription-lock';
import { taxRateBasisPoints } from '../server/src/modules/billing/tax-rate';
import { DAY_MS, MINUTE_MS } from '../server/src/lib/time';

/** At most this many month-end invoices (the most recent periods); older history is not invented. */
export const DEMO_INVOICED_PERIODS = 6;

/** The hourly month-end job runs at minute 5 and the retries job at minute 35 (jobs/definitions.ts). */
const MONTH_END_MINUTE = 5;
const RETRY_MINUTE = 35;

/** The local test gateway's customer and card the demo customer pays with (seeders/demo.ts). */
export interface DemoCard {
  customerId: string;
  paymentMethodId: string;
}

interface Planned {
  kind: 'proration' | 'regular';
  periodStart: Date;
  periodEnd: Date;
  /** When it was written; the charge follows seconds later. */
  at: Date;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  overageCents: number;
  /** The first charge was declined and the automatic retry a day later went through. */
  declinedOnce: boolean;
}

/** Seeds the subscription's past invoices (in the caller's transaction); returns how many. */
export async function seedDemoInvoices(input: { subscriptionId: string; card: DemoCard; now: Date }, transaction: Transaction): Promise<number> {
  const { card, now } = input;
  const subscription = (await Subscription.findByPk(input.subscriptionId, { transaction }))!;
  const tiers = await SubscriptionTier.findAll({ transaction });
  const tier = tiers.find((t) => t.id === subscription.tierId)!;
  const free = tiers.find((t) => t.name === FREE_TIER)!;
  const account = (await BillingAccount.findOne({ where: { userId: subscription.userId }, transaction }))!;
  const taxBasisPoints = await taxRateBasisPoints(transaction);
  const usage = await db().query<{ period_start: Date; used: number }>(
    `SELECT period_start, coalesce(sum(quantity), 0)::bigint AS used FROM usage_records
     WHERE subscription_id = ? AND metric = 'analyses_run' GROUP BY period_start`,
    { replacements: [subscription.id], transaction, type: QueryTypes.SELECT },
  );
  const usedIn = (p: Period) => Number(usage.find((u) => new Date(u.period_start).getTime() === p.start.getTime())?.used ?? 0);

  // The ended periods since the customer joined, oldest first.
  const joinedAt = subscription.createdAt;
  const ended: Period[] = [];
  for (let p = periodContaining(subscription.anchorDay, joinedAt); p.end.getTime() <= now.getTime(); p = nextPeriod(subscription.anchorDay, p.end)) ended.push(p);
  const invoiced = ended.slice(-DEMO_INVOICED_PERIODS);

  let credit = account.creditBalanceCents;
  const totalsOf = (baseCents: number, overageCents: number) => {
    const totals = computeInvoiceTotals({ baseCents, overageCents, creditBalanceCents: credit, taxBasisPoints, minimumChargeCents: MINIMUM_CHARGE_CENTS });
    credit -= totals.creditAppliedCents;
    return totals;
  };
  const planned: Planned[] = [];

  // Joined on Free, added the card and moved to the paid plan minutes later: the upgrade's prorated
  // invoice (change-plan.service.ts) pays for the rest of the first period.
  if (invoiced.length === ended.length && tier.monthlyPriceCents > free.monthlyPriceCents) {
    const at = new Date(joinedAt.getTime() + 10 * MINUTE_MS);
    const period = periodContaining(subscription.anchorDay, at);
    const [total, left] = [daysIn(period), daysRemaining(period, at)];
    const prorationCents = computeProration({ fromPriceCents: free.monthlyPriceCents, toPriceCents: tier.monthlyPriceCents, daysInPeriod: total, daysRemaining: left });
    const line = prorationLine({ from: free, to: tier, daysLeft: left, daysInPeriod: total, cents: prorationCents, periodEnd: period.end });
    planned.push({ kind: 'proration', periodStart: at, periodEnd: period.end, at, lines: [line], totals: totalsOf(prorationCents, 0), overageCents: 0, declinedOnce: false });
  }

  // Month end for each ended period (run-month-end.service.ts): the coming period's fee in advance, the
  // ended period's overage in arrears. One of the earlier ones was declined once and paid on the retry.
  invoiced.forEach((period, i) => {
    const next = nextPeriod(subscription.anchorDay, period.end);
    const overage = computeOverage({ used: usedIn(period), limit: tier.maxAnalysesPerMonth, unitPriceCents: tier.overageAnalysisCents });
    const lines = monthEndLines({ tier, ended: period, nextTier: tier, next, overage });
    planned.push({
      kind: 'regular',
      periodStart: period.start,
      periodEnd: period.end,
      at: new Date(period.end.getTime() + MONTH_END_MINUTE * MINUTE_MS),
      lines,
      totals: totalsOf(tier.monthlyPriceCents, overage.totalCents),
      overageCents: overage.totalCents,
      declinedOnce: invoiced.length >= 3 && i === 1,
    });
  });

  const ids = new Faker({ locale: [en, base] });
  ids.seed(44);
  const invoices: Array<CreationAttributes<Invoice>> = [];
  const items: Array<CreationAttributes<InvoiceItem>> = [];
  const attempts: Array<CreationAttributes<PaymentAttempt>> = [];
  const payments: unknown[][] = [];
  for (const p of planned) {
    // Numbers from the sequence the column default uses, in date order, with the invoice's own year.
    const [{ n }] = await db().query<{ n: number }>(`SELECT nextval('invoice_number_seq') AS n`, { transaction, type: QueryTypes.SELECT });
    const number = `INV-${p.at.getUTCFullYear()}-${String(n).padStart(6, '0')}`;
    const id = ids.string.uuid();
    // As collectInvoice does: under the card minimum nothing is charged (paid, waived); otherwise one
    // charge, or a declined one and the automatic retry a day later (the retries job's schedule).
    const firstCharge = new Date(p.at.getTime() + 2_000);
    const charges =
      p.totals.totalCents < MINIMUM_CHARGE_CENTS ? []
      : p.declinedOnce ? [firstCharge, new Date(p.at.getTime() + RETRY_SCHEDULE_DAYS[0] * DAY_MS + (RETRY_MINUTE - MONTH_END_MINUTE) * MINUTE_MS)]
      : [firstCharge];
    const paidAt = new Date((charges[charges.length - 1] ?? firstCharge).getTime() + 1_000);
    charges.forEach((chargedAt, k) => {
      const declined = k < charges.length - 1;
      const paymentId = `pi_local_${ids.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' })}`;
      const idempotencyKey = `invoice:${id}:attempt:${k + 1}`;
      const failure = declined ? { code: 'card_declined', decline: 'insufficient_funds', message: 'Your card has insufficient funds.' } : null;
      attempts.push({
        id: ids.string.uuid(), invoiceId: id, gateway: 'local', gatewayPaymentId: paymentId, idempotencyKey, status: declined ? 'failed' : 'succeeded',
        failureCode: failure?.code ?? null, failureMessage: failure?.message ?? null, amountCents: p.totals.totalCents, createdAt: chargedAt, updatedAt: new Date(chargedAt.getTime() + 1_000),
      });
      payments.push([paymentId, idempotencyKey, card.customerId, card.paymentMethodId, p.totals.totalCents, tier.currency, declined ? 'failed' : 'succeeded',
        failure?.code ?? null, failure?.decline ?? null, failure?.message ?? null, `Invoice ${number}`, JSON.stringify({ invoiceId: id, invoiceNumber: number }), chargedAt]);
    });
    invoices.push({
      id, number, subscriptionId: subscription.id, kind: p.kind, periodStart: p.periodStart, periodEnd: p.periodEnd,
      subtotalCents: p.totals.subtotalCents, taxCents: p.totals.taxCents, totalCents: p.totals.totalCents, overageChargesCents: p.overageCents,
      creditAppliedCents: p.totals.creditAppliedCents, currency: tier.currency, status: 'paid', attemptCount: charges.length, nextAttemptAt: null, paidAt,
      createdAt: p.at, updatedAt: paidAt,
    });
    for (const line of invoiceItemsOf(p.lines, p.totals)) items.push({ ...line, invoiceId: id, quantity: line.quantity ?? 1, createdAt: p.at });
  }

  const opts = { transaction, validate: false, returning: false } as const;
  await Invoice.bulkCreate(invoices, opts);
  await InvoiceItem.bulkCreate(items, opts);
  // The local gateway's own record of each charge, so the console can refund these payments.
  if (payments.length > 0) {
    await db().query(
      `INSERT INTO local_gateway_payments (id, idempotency_key, customer_id, payment_method_id, amount_cents, currency, status,
         failure_code, decline_code, failure_message, description, metadata, created_at)
       VALUES ${payments.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)').join(', ')}`,
      { replacements: payments.flat(), transaction },
    );
  }
  await PaymentAttempt.bulkCreate(attempts, opts);
  if (credit !== account.creditBalanceCents) await account.update({ creditBalanceCents: credit }, { transaction });
  return invoices.length;
}
