import { QueryTypes, type Transaction } from 'sequelize';
import { db } from '../../../db/sequelize';
import type { DomainEvent } from '../gateways';

export interface HandlerOutcome {
  status: 'processed' | 'ignored';
  /** What the handler did, or why nothing changed (stored on the event row). */
  note: string;
}

export type WebhookHandler = (event: DomainEvent, transaction: Transaction) => Promise<HandlerOutcome>;

// Invoices are settled by the collection flow (invoice service, not written yet); these handlers only
// confirm the payment attempt the charge recorded. Every update is guarded by the current status, so
// replays and out-of-order deliveries cannot undo a later outcome: `succeeded` is final.

const paymentSucceeded: WebhookHandler = async (event, transaction) => {
  if (!event.paymentId) return { status: 'ignored', note: 'no payment id on the event' };
  const rows = await db().query<{ id: string }>(
    `UPDATE payment_attempts SET status = 'succeeded', failure_code = NULL, failure_message = NULL, updated_at = now()
     WHERE gateway_payment_id = ? AND status <> 'succeeded' RETURNING id`,
    { replacements: [event.paymentId], transaction, type: QueryTypes.SELECT },
  );
  return { status: 'processed', note: rows.length ? `payment attempt ${rows[0].id} confirmed succeeded (invoice settlement: collection flow)` : await noChange(event.paymentId, transaction) };
};

const paymentFailed: WebhookHandler = async (event, transaction) => {
  if (!event.paymentId) return { status: 'ignored', note: 'no payment id on the event' };
  // Only a pending attempt can fail: a failure delivered after the success (or twice) changes nothing.
  const rows = await db().query<{ id: string }>(
    `UPDATE payment_attempts SET status = 'failed', failure_code = ?, failure_message = ?, updated_at = now()
     WHERE gateway_payment_id = ? AND status = 'pending' RETURNING id`,
    { replacements: [event.failureCode ?? event.declineCode ?? 'payment_failed', event.failureMessage ?? null, event.paymentId], transaction, type: QueryTypes.SELECT },
  );
  return { status: 'processed', note: rows.length ? `payment attempt ${rows[0].id} marked failed (${event.failureCode ?? 'payment_failed'})` : await noChange(event.paymentId, transaction) };
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

const ignored: WebhookHandler = async (event) => ({ status: 'ignored', note: `${event.providerType} is not acted on` });

/** Domain event type → handler: every type the gateways emit has exactly one. */
export const WEBHOOK_HANDLERS: Record<DomainEvent['type'], WebhookHandler> = {
  payment_succeeded: paymentSucceeded,
  payment_failed: paymentFailed,
  refund_succeeded: refundSucceeded,
  payment_method_attached: paymentMethodAttached,
  ignored,
};

async function noChange(paymentId: string, transaction: Transaction): Promise<string> {
  const [row] = await db().query<{ status: string }>(`SELECT status FROM payment_attempts WHERE gateway_payment_id = ? LIMIT 1`, { replacements: [paymentId], transaction, type: QueryTypes.SELECT });
  return row ? `payment attempt already ${row.status}: nothing changed` : `no payment attempt for ${paymentId}: nothing to confirm`;
}
