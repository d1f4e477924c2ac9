import Stripe from 'stripe';
import { AppError } from '../../../http/errors';

/** Stripe's own default; an older signed timestamp is treated as a replay. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Verifies a Stripe-scheme signature (`t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`) on the RAW body and
 * returns the parsed event. Uses the SDK's static helper, so no client (and no API key) is needed —
 * the local gateway signs its events with the same scheme and a local secret.
 *
 * The body must be the exact bytes received: mount the route with `express.raw({ type: 'application/json' })`
 * before `express.json()`, or re-serialised JSON will never match the signature.
 */
export function verifyStripeSignature(
  rawBody: Buffer,
  signatureHeader: string | undefined,
  secret: string,
  tolerance = WEBHOOK_TOLERANCE_SECONDS,
): Stripe.Event {
  if (!signatureHeader) throw invalidSignature('The Stripe-Signature header is missing');
  try {
    return Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret, tolerance);
  } catch (err) {
    // SignatureVerificationError (bad/stale/tampered/wrong secret) or a body that is not JSON: both 400.
    throw invalidSignature(err instanceof Error ? err.message : 'The webhook signature could not be verified');
  }
}

function invalidSignature(detail: string): AppError {
  return new AppError(400, 'invalid_signature', 'The webhook signature is invalid', undefined, { detail });
}
