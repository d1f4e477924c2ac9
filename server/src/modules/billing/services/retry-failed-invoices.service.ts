import { QueryTypes } from 'sequelize';
import { db } from '../../../db/sequelize';
import { clock } from '../../../lib/clock';
import { logger } from '../../../lib/logger';
import { audit, type AuditActor } from '../../admin/audit';
import { sendEmail } from '../../mail/mailer';
import { User } from '../../users/user.models';
import { Invoice, Subscription, SubscriptionTier } from '../billing.models';
import type { PaymentGateway } from '../gateways';
import { formatCents } from '../money';
import { FREE_TIER } from '../subscription-lock';
import { collectInvoice, RETRY_SCHEDULE_DAYS } from './collect-invoice.service';

export const RETRY_FAILED_JOB = 'billing.retry_failed';
export const MOVED_TO_FREE_ACTION = 'billing.moved_to_free';

/** The automatic attempts an invoice gets: the first plus one per retry delay (4). */
export const MAX_ATTEMPTS = RETRY_SCHEDULE_DAYS.length + 1;

const SYSTEM: AuditActor = { id: null, email: null, ip: null, userAgent: 'billing.retry_failed' };

export interface RetryCounts {
  /** Failed invoices whose next attempt was due. */
  examined: number;
  paid: number;
  failed: number;
  /** Subscriptions moved to Free after an invoice's last attempt failed. */
  movedToFree: number;
  /** Invoices left `open` (the processor did not answer, or the process stopped before collecting) collected again. */
  openRetried: number;
}

/** How long an invoice may sit `open` before the job assumes its collection was cut short and tries again. */
export const STUCK_OPEN_AFTER_MS = 15 * 60_000;

/**
 * Dunning, run by the `billing.retry_failed` job: every `failed` invoice whose `next_attempt_at <= now` is
 * collected again (collectInvoice: same rules, next_attempt_at 1/3/5 days, none after the 4th attempt). Then
 * every invoice whose attempts are exhausted (failed, no next attempt, 4+ attempts) and that has not yet
 * done so moves its subscription to Free at once and the customer is e-mailed (`moved_to_free`). That sweep
 * also catches a last failure that came from the customer's own retry, or a crash between the two steps.
 */
export async function retryFailedInvoices(gateway: PaymentGateway, opts: { now?: Date; batchSize?: number } = {}): Promise<RetryCounts> {
  const now = opts.now ?? clock.now();
  const batchSize = opts.batchSize ?? 200;
  const counts: RetryCounts = { examined: 0, paid: 0, failed: 0, movedToFree: 0, openRetried: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const due = await db().query<{ id: string }>(
      `SELECT id FROM invoices WHERE status = 'failed' AND next_attempt_at <= ? AND id > ? ORDER BY id LIMIT ?`,
      { replacements: [now, after, batchSize], type: QueryTypes.SELECT },
    );
    if (due.length === 0) break;
    after = due[due.length - 1].id;
    for (const { id } of due) {
      counts.examined += 1;
      try {
        const { outcome } = await collectInvoice(gateway, id);
        if (outcome === 'paid') counts.paid += 1;
        else if (outcome === 'failed') counts.failed += 1;
      } catch (err) {
        counts.failed += 1;
        logger.error({ err, invoiceId: id }, 'billing: retry of a failed invoice threw');
      }
    }
    if (due.length < batchSize) break;
  }

  // Open invoices whose collection was cut short (a processor outage leaves the attempt pending, a crash
  // may leave none): collectInvoice re-sends a pending attempt with its idempotency key, so an outage that
  // did charge is answered with that charge, never a second one. One that is `processing` stays as it is.
  const stuck = await db().query<{ id: string }>(
    `SELECT id FROM invoices WHERE status = 'open' AND updated_at <= ? ORDER BY id LIMIT ?`,
    { replacements: [new Date(now.getTime() - STUCK_OPEN_AFTER_MS), batchSize * 10], type: QueryTypes.SELECT },
  );
  for (const { id } of stuck) {
    try {
      const { outcome } = await collectInvoice(gateway, id);
      if (outcome === 'pending') continue;
      counts.openRetried += 1;
      if (outcome === 'paid') counts.paid += 1;
      else if (outcome === 'failed') counts.failed += 1;
    } catch (err) {
      counts.failed += 1;
      logger.warn({ err, invoiceId: id }, 'billing: collecting an open invoice failed again');
    }
  }

  const exhausted = await db().query<{ id: string }>(
    `SELECT i.id FROM invoices i
      WHERE i.status = 'failed' AND i.next_attempt_at IS NULL AND i.attempt_count >= ?
        AND NOT EXISTS (SELECT 1 FROM audit_logs a WHERE a.action = ? AND a.target_type = 'invoice' AND a.target_id = i.id::text)
      ORDER BY i.id`,
    { replacements: [MAX_ATTEMPTS, MOVED_TO_FREE_ACTION], type: QueryTypes.SELECT },
  );
  for (const { id } of exhausted) {
    try {
      if (await moveToFreeAfterLastFailure(id)) counts.movedToFree += 1;
    } catch (err) {
      logger.error({ err, invoiceId: id }, 'billing: moving a subscription to Free failed');
    }
  }
  return counts;
}

/**
 * In one transaction with the subscription locked: re-checks the invoice is still failed and not yet acted
 * on, puts the subscription on Free (clearing a scheduled downgrade/cancellation; the status stays as it is,
 * past_due while the invoice is unpaid — paying it later still works and makes it active), writes the
 * audit row that marks this invoice as done, and e-mails the customer. True when the tier changed.
 */
async function moveToFreeAfterLastFailure(invoiceId: string): Promise<boolean> {
  return db().transaction(async (transaction) => {
    const peek = await Invoice.findByPk(invoiceId, { transaction });
    if (!peek) return false;
    const subscription = await Subscription.findByPk(peek.subscriptionId, { transaction, lock: transaction.LOCK.UPDATE });
    const invoice = await Invoice.findByPk(invoiceId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!subscription || !invoice || invoice.status !== 'failed' || invoice.nextAttemptAt !== null) return false;
    const [{ n }] = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_logs WHERE action = ? AND target_type = 'invoice' AND target_id = ?`, {
      replacements: [MOVED_TO_FREE_ACTION, invoiceId],
      transaction,
      type: QueryTypes.SELECT,
    });
    if (n > 0) return false;

    const free = (await SubscriptionTier.findOne({ where: { name: FREE_TIER }, transaction }))!;
    const from = await SubscriptionTier.findByPk(subscription.tierId, { transaction });
    const live = subscription.status !== 'cancelled';
    const changed = live && subscription.tierId !== free.id;
    if (changed) await subscription.update({ tierId: free.id, scheduledTierId: null, cancelAtPeriodEnd: false, churnedFromTierId: from?.id ?? null, churnedAt: clock.now() }, { transaction });
    await audit(SYSTEM, { action: MOVED_TO_FREE_ACTION, targetType: 'invoice', targetId: invoiceId, before: { subscriptionId: subscription.id, tier: from?.name ?? null }, after: { tier: changed ? FREE_TIER : (from?.name ?? null), changed } }, transaction);
    if (changed) {
      const user = await User.findByPk(subscription.userId, { transaction });
      if (user) {
        await sendEmail(
          {
            to: user.email,
            template: 'moved_to_free',
            subject: 'Your plan has been moved to Free',
            text: `Hello ${user.name},\n\nWe could not collect ${formatCents(invoice.totalCents, invoice.currency)} for invoice ${invoice.number} after ${invoice.attemptCount} attempts, so your ${from?.displayName ?? ''} plan has been moved to Free, with Free's limits, from today. The invoice stays open: add a working card and retry it from the billing page, then upgrade again whenever you like.\n`,
          },
          transaction,
        );
      }
    }
    return changed;
  });
}
