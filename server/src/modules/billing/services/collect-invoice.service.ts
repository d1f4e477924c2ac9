import type { Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import { AppError } from '../../../http/errors';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import { sendEmail } from '../../mail/mailer';
import { User } from '../../users/user.models';
import { BillingAccount, Invoice, PaymentAttempt, Subscription } from '../billing.models';
import type { ChargeResult, PaymentGateway } from '../gateways';
import { formatCents } from '../money';
import { DAY_MS } from '../../../lib/time';

/** The job that collects one invoice ({ invoiceId }); month end sends one per new invoice (docs/billing.md). */
export const COLLECT_INVOICE_JOB = 'billing.collect_invoice';

/** Stripe's minimum card charge in USD; the gateways refuse less with `amount_too_small`. */
export const MINIMUM_CHARGE_CENTS = 50;

/** Days until the next automatic retry after the 1st, 2nd and 3rd failed attempt; after the 4th, none. */
export const RETRY_SCHEDULE_DAYS = [1, 3, 5] as const;

export type CollectOutcome = 'paid' | 'failed' | 'pending' | 'nothing_to_do';

export interface CollectResult {
  invoice: Invoice;
  outcome: CollectOutcome;
}

type Plan =
  | { kind: 'done'; invoice: Invoice; outcome: CollectOutcome }
  | { kind: 'charge'; attemptId: string; charge: Parameters<PaymentGateway['charge']>[0] };

/**
 * Charges an open or failed invoice's total off-session to the account's default card and records the
 * outcome. Idempotent: a paid (or void/refunded) invoice is left alone, and an attempt that never got its
 * answer (crash, timeout, a racing call) is re-sent with the same idempotency key, so the processor replays
 * its first result instead of charging twice.
 */
export async function collectInvoice(gateway: PaymentGateway, invoiceId: string): Promise<CollectResult> {
  // 1. Decide, and write the attempt row BEFORE the processor is called (committed), so a charge can
  //    always be matched to an attempt, and webhooks can find it by payment id.
  const plan = await db().transaction(async (transaction): Promise<Plan> => {
    const invoice = await lockInvoice(transaction, invoiceId);
    if (invoice.status !== 'open' && invoice.status !== 'failed') return { kind: 'done', invoice, outcome: 'nothing_to_do' };

    const pending = await PaymentAttempt.findOne({ where: { invoiceId, status: 'pending' }, order: [['createdAt', 'DESC']], transaction, lock: transaction.LOCK.UPDATE });
    // Processing / requires_action: the processor has it; its webhook (or the customer) settles it.
    if (pending?.gatewayPaymentId) return { kind: 'done', invoice, outcome: 'pending' };

    const subscription = (await Subscription.findByPk(invoice.subscriptionId, { transaction }))!;
    const account = await BillingAccount.findOne({ where: { userId: subscription.userId }, transaction, lock: transaction.LOCK.UPDATE });

    if (!pending && invoice.totalCents < MINIMUM_CHARGE_CENTS) {
      // No card can be charged for this. Stripe would carry it to the customer's balance as a debit, but our
      // ledger's balance is credit only (credit_balance_cents >= 0) and month end never bills a debit, so a
      // debit would be lost anyway: the invoice is marked paid and the amount waived (paid, total > 0 and no
      // successful attempt = waived). Invoices we write avoid this: computeInvoiceTotals holds back credit
      // rather than leave 1–49¢, so only a charge that is itself under 50¢ can get here. 0 is simply paid.
      await invoice.update({ status: 'paid', paidAt: clock.now(), nextAttemptAt: null }, { transaction });
      if (invoice.totalCents > 0) logger.info({ invoiceId: invoice.id, totalCents: invoice.totalCents }, 'billing: invoice under the card minimum waived');
      return { kind: 'done', invoice, outcome: 'paid' };
    }

    if (!pending && (!account?.gatewayCustomerId || !account.defaultPaymentMethodId)) {
      // No card to charge: a failed attempt like a decline, so dunning (e-mail, retries, past_due) applies.
      const attempt = await newAttempt(transaction, gateway, invoice);
      await recordOutcome(transaction, invoice, attempt, { status: 'failed', paymentId: '', failureCode: 'payment_method_required', failureMessage: 'There is no card on file to charge.' });
      return { kind: 'done', invoice, outcome: 'failed' };
    }

    // An unanswered attempt whose card has gone since: it stays pending (re-sending it to another card is
    // refused by the processor's idempotency check; see below).
    if (!account?.gatewayCustomerId || !account.defaultPaymentMethodId) return { kind: 'done', invoice, outcome: 'pending' };
    const attempt = pending ?? (await newAttempt(transaction, gateway, invoice));
    return {
      kind: 'charge',
      attemptId: attempt.id,
      charge: {
        customerId: account.gatewayCustomerId,
        paymentMethodId: account.defaultPaymentMethodId,
        amountCents: attempt.amountCents,
        currency: invoice.currency,
        idempotencyKey: attempt.idempotencyKey,
        description: `Invoice ${invoice.number}`,
        metadata: { invoiceId: invoice.id, invoiceNumber: invoice.number },
      },
    };
  });
  if (plan.kind === 'done') return { invoice: plan.invoice, outcome: plan.outcome };

  // 2. The processor call, outside any transaction (no row lock is held over the network). If it throws
  //    (outage), the attempt stays pending and the next collect re-sends it with the same key.
  let result: ChargeResult;
  try {
    result = await gateway.charge(plan.charge);
  } catch (err) {
    // A refusal (a card no longer on file, the amount rule) is final for this attempt: recorded as a failure,
    // so dunning applies and the next attempt gets a new key. Anything else (an outage) leaves it pending.
    // idempotency_key_reused too: a re-sent attempt whose card changed since may have been charged the first
    // time, so failing it (and charging again under a new key) could charge twice; it waits for a person.
    if (!(err instanceof AppError) || err.statusCode >= 500 || err.code === 'idempotency_key_reused') throw err;
    result = { status: 'failed', paymentId: '', failureCode: err.code, failureMessage: err.message };
  }

  // 3. Record what happened, guarded by the attempt still being pending (a racing collect may have done it).
  return db().transaction(async (transaction) => {
    const invoice = await lockInvoice(transaction, invoiceId);
    const attempt = (await PaymentAttempt.findByPk(plan.attemptId, { transaction, lock: transaction.LOCK.UPDATE }))!;
    if (attempt.status !== 'pending' || attempt.gatewayPaymentId) return { invoice, outcome: outcomeOf(invoice) };
    await recordOutcome(transaction, invoice, attempt, result);
    return { invoice, outcome: outcomeOf(invoice) };
  });
}

/**
 * For the payment webhooks: settles the invoice of the attempt a processor payment belongs to, as the
 * charge's own answer would have (a `processing` charge, or one whose answer was lost). A success settles an
 * attempt that is pending or failed (a success delivered after a failure wins); a failure only a pending
 * one, so replays and out-of-order events change nothing. Returns the attempt id, or null when nothing changed.
 */
export async function settleAttemptFromWebhook(transaction: Transaction, result: ChargeResult): Promise<string | null> {
  const settleable = result.status === 'succeeded' ? ['pending', 'failed'] : ['pending'];
  const found = await PaymentAttempt.findOne({ where: { gatewayPaymentId: result.paymentId, status: settleable }, transaction });
  if (!found) return null;
  // Invoice before attempt: the order collectInvoice locks them in.
  const invoice = await lockInvoice(transaction, found.invoiceId);
  const attempt = await PaymentAttempt.findOne({ where: { id: found.id, status: settleable }, transaction, lock: transaction.LOCK.UPDATE });
  if (!attempt) return null;
  await recordOutcome(transaction, invoice, attempt, result);
  return attempt.id;
}

/**
 * The `billing.collect_invoice` job: collectInvoice, which is idempotent on the invoice (a paid one is left
 * alone; an unanswered attempt is re-sent with its idempotency key). An outage throws, so pg-boss retries it.
 */
export async function collectInvoiceJob(gateway: PaymentGateway, data: Record<string, unknown>): Promise<void> {
  const invoiceId = String(data.invoiceId);
  const { outcome } = await collectInvoice(gateway, invoiceId);
  logger.debug({ invoiceId, outcome }, 'billing: invoice collected');
}

async function lockInvoice(transaction: Transaction, invoiceId: string): Promise<Invoice> {
  const invoice = await Invoice.findByPk(invoiceId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!invoice) throw new Error(`Invoice ${invoiceId} not found`);
  return invoice;
}

async function newAttempt(transaction: Transaction, gateway: PaymentGateway, invoice: Invoice): Promise<PaymentAttempt> {
  const n = invoice.attemptCount + 1;
  await invoice.update({ attemptCount: n }, { transaction });
  return PaymentAttempt.create({ invoiceId: invoice.id, gateway: gateway.kind, idempotencyKey: `invoice:${invoice.id}:attempt:${n}`, status: 'pending', amountCents: invoice.totalCents }, { transaction });
}

function outcomeOf(invoice: Invoice): CollectOutcome {
  return invoice.status === 'paid' ? 'paid' : invoice.status === 'failed' ? 'failed' : 'pending';
}

async function recordOutcome(transaction: Transaction, invoice: Invoice, attempt: PaymentAttempt, result: ChargeResult): Promise<void> {
  const now = clock.now();
  const subscription = (await Subscription.findByPk(invoice.subscriptionId, { transaction, lock: transaction.LOCK.UPDATE }))!;
  const user = await User.findByPk(subscription.userId, { transaction });
  const amount = formatCents(invoice.totalCents, invoice.currency);

  if (result.status === 'processing' || result.status === 'requires_action') {
    // The invoice stays open; the attempt keeps the payment id so the webhook (or a later collect) settles it.
    await attempt.update({ gatewayPaymentId: result.paymentId || null }, { transaction });
    return;
  }

  // A late webhook may settle an attempt of an invoice that has moved on (paid by a later attempt, voided):
  // then only the attempt changes.
  const collectable = invoice.status === 'open' || invoice.status === 'failed';

  if (result.status === 'succeeded') {
    await attempt.update({ status: 'succeeded', gatewayPaymentId: result.paymentId, failureCode: null, failureMessage: null }, { transaction });
    if (!collectable) return;
    await invoice.update({ status: 'paid', paidAt: now, nextAttemptAt: null }, { transaction });
    // The account is in good standing again once nothing it owes has failed.
    if (subscription.status === 'past_due' && !(await Invoice.count({ where: { subscriptionId: subscription.id, status: 'failed' }, transaction }))) {
      await subscription.update({ status: 'active' }, { transaction });
    }
    if (user) {
      await sendEmail({ to: user.email, template: 'receipt', subject: `Receipt for invoice ${invoice.number}`, text: `Hello ${user.name},\n\nWe received your payment of ${amount} for invoice ${invoice.number}. Thank you.\n` }, transaction);
    }
    return;
  }

  const failureCode = result.failureCode ?? result.declineCode ?? 'payment_failed';
  await attempt.update({ status: 'failed', gatewayPaymentId: result.paymentId || null, failureCode, failureMessage: result.failureMessage ?? null }, { transaction });
  if (!collectable) return;
  // Retries 1, 3 and 5 days after the 1st, 2nd and 3rd failure; after the 4th there is no next attempt
  // (the retries job then moves the subscription to Free).
  const delayDays = RETRY_SCHEDULE_DAYS[invoice.attemptCount - 1];
  const nextAttemptAt = delayDays === undefined ? null : new Date(now.getTime() + delayDays * DAY_MS);
  await invoice.update({ status: 'failed', nextAttemptAt }, { transaction });
  if (subscription.status === 'active' || subscription.status === 'trial') await subscription.update({ status: 'past_due' }, { transaction });
  if (user) {
    const next = nextAttemptAt ? `We will try again on ${nextAttemptAt.toISOString().slice(0, 10)}.` : 'This was our last automatic attempt.';
    await sendEmail(
      {
        to: user.email,
        template: 'payment_failed',
        subject: `Payment for invoice ${invoice.number} failed`,
        text: `Hello ${user.name},\n\nWe could not charge ${amount} for invoice ${invoice.number}: ${result.failureMessage ?? failureCode}. ${next} You can update your card and retry from the billing page.\n`,
      },
      transaction,
    );
  }
}
