import type Stripe from 'stripe';
import type { DomainEvent } from './payment-gateway.port';

/** An object's id whether Stripe sent it expanded or as a bare id string. */
function idOf(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  if (ref && typeof ref === 'object' && 'id' in ref && typeof (ref as { id: unknown }).id === 'string') {
    return (ref as { id: string }).id;
  }
  return undefined;
}

/**
 * Translates a verified Stripe event (real, or signed by the local gateway in Stripe's shape) into the
 * domain's words. Anything the billing module does not act on becomes `ignored`, so new event types
 * enabled on the Stripe dashboard are stored and skipped instead of failing.
 */
export function toDomainEvent(event: Stripe.Event): DomainEvent {
  const base = { id: event.id, providerType: event.type, raw: event };
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const pi = event.data.object;
      return { ...base, type: 'payment_succeeded', paymentId: pi.id, customerId: idOf(pi.customer), amountCents: pi.amount_received || pi.amount };
    }
    case 'payment_intent.payment_failed': {
      const pi = event.data.object;
      const err = pi.last_payment_error;
      return {
        ...base,
        type: 'payment_failed',
        paymentId: pi.id,
        customerId: idOf(pi.customer),
        amountCents: pi.amount,
        failureCode: err?.code ?? undefined,
        declineCode: err?.decline_code ?? undefined,
        failureMessage: err?.message ?? undefined,
      };
    }
    case 'charge.refunded': {
      // The charge, not the refund, is the object here; our payment id is its PaymentIntent.
      const charge = event.data.object;
      return { ...base, type: 'refund_succeeded', paymentId: idOf(charge.payment_intent) ?? charge.id, customerId: idOf(charge.customer), amountCents: charge.amount_refunded };
    }
    case 'payment_method.attached': {
      const pm = event.data.object;
      return { ...base, type: 'payment_method_attached', paymentMethodId: pm.id, customerId: idOf(pm.customer) };
    }
    case 'payment_method.detached': {
      // After a detach the card has no customer; the one it left is in previous_attributes.
      const pm = event.data.object;
      const previous = (event.data.previous_attributes ?? {}) as { customer?: unknown };
      return { ...base, type: 'payment_method_detached', paymentMethodId: pm.id, customerId: idOf(previous.customer) ?? idOf(pm.customer) };
    }
    case 'setup_intent.succeeded': {
      const si = event.data.object;
      return { ...base, type: 'setup_succeeded', paymentMethodId: idOf(si.payment_method), customerId: idOf(si.customer) };
    }
    default:
      return { ...base, type: 'ignored' };
  }
}
