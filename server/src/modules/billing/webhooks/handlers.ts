import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import type { DomainEvent } from '../gateways';
import { settleAttemptFromWebhook } from '../services/collect-invoice.service';

export interface HandlerOutcome {
  status: 'processed' | 'ignored';
  /** What the handler did, or why nothing changed (stored on the event row). */
  note: string;
}

export type WebhookHandler = (event: DomainEvent, transaction: Transaction) => Promise<HandlerOutcome>;

// Usually collectInvoice has already recorded the charge's answer and these find nothing to do. They settle
// the attempt, and its invoice, when the answer came only by webhook (a `processing` charge, a lost reply),
// through the same code as collection. Guarded by the attempt's status, so replays and out-of-order
// deliveries cannot undo a later outcome: `succeeded` is final.

const paymentSucceeded: WebhookHandler = async (event, transaction) => {
  if (!event.paymentId) return { status: 'ignored', note: 'no payment id on the event' };
  const attemptId = await settleAttemptFromWebhook(transaction, { status: 'succeeded', paymentId: event.paymentId });
  return { status: 'processed', note: attemptId ? `payment attempt ${attemptId} confirmed succeeded; its invoice is settled` : await noChange(event.paymentId, transaction) };
};

const paymentFailed: WebhookHandler = async (event, transaction) => {
  if (!event.paymentId) return { status: 'ignored', note: 'no payment id on the event' };
  // Only a pending attempt can fail: a failure delivered after the success (or twice) changes nothing.
  const attemptId = await settleAttemptFromWebhook(transaction, { status: 'failed', paymentId: event.paymentId, failureCode: event.failureCode ?? event.declineCode ?? 'payment_failed', failureMessage: event.failureMessage });
  return { status: 'processed', note: attemptId ? `payment attempt ${attemptId} marked failed (${event.failureCode ?? 'payment_failed'})` : await noChange(event.paymentId, transaction) };
};

const refundSucceeded: WebhookHandler = async (event) => ({
  status: 'processed',
  note: `refund of ${event.amountCents ?? '?'} cents in total on ${event.paymentId ?? 'unknown payment'} noted; the refund flow records it on the invoice`,
});

const paymentMethodAttached: WebhookHandler = async (event) => ({
  // Not trusted to set the default: a late attach event may name a card removed since. The payment-method
  // services read the processor's cards and keep billing_accounts.default_payment_method_id in step.
  status: 'processed',
  note: `card ${event.paymentMethodId ?? '?'} attached to ${event.customerId ?? '?'}; the default is kept by the payment-method services`,
});

const paymentMethodDetached: WebhookHandler = async (event, transaction) => {
  if (!event.paymentMethodId) return { status: 'ignored', note: 'no payment method on the event' };
  // A detached card can never be attached again, so clearing it as the default is right whenever this
  // arrives (e.g. removed on the Stripe dashboard); renewals then ask for a card instead of failing on it.
  const [, affected] = await db().query(`UPDATE billing_accounts SET default_payment_method_id = NULL, updated_at = now() WHERE default_payment_method_id = ?`, { replacements: [event.paymentMethodId], transaction, type: QueryTypes.UPDATE });
  return { status: 'processed', note: affected ? `card ${event.paymentMethodId} was a default card: cleared` : `card ${event.paymentMethodId} detached; it was nobody's default` };
};

const setupSucceeded: WebhookHandler = async (event) => ({
  // The portal re-reads the cards once Stripe.js confirms the SetupIntent (that read makes a first card the
  // default); a late event must not set a default that may have been removed since, so it only notes it.
  status: 'processed',
  note: `card ${event.paymentMethodId ?? '?'} saved for ${event.customerId ?? '?'} by a SetupIntent; the default is kept by the payment-method services`,
});

const ignored: WebhookHandler = async (event) => ({ status: 'ignored', note: `${event.providerType} is not acted on` });

/** Domain event type → handler: every type the gateways emit has exactly one. */
export const WEBHOOK_HANDLERS: Record<DomainEvent['type'], WebhookHandler> = {
  payment_succeeded: paymentSucceeded,
  payment_failed: paymentFailed,
  refund_succeeded: refundSucceeded,
  payment_method_attached: paymentMethodAttached,
  payment_method_detached: paymentMethodDetached,
  setup_succeeded: setupSucceeded,
  ignored,
};

async function noChange(paymentId: string, transaction: Transaction): Promise<string> {
  const [row] = await db().query<{ status: string }>(`SELECT status FROM payment_attempts WHERE gateway_payment_id = ? LIMIT 1`, { replacements: [paymentId], transaction, type: QueryTypes.SELECT });
  return row ? `payment attempt already ${row.status}: nothing changed` : `no payment attempt for ${paymentId}: nothing to confirm`;
}
