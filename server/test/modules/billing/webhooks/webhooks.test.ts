import { expect } from 'chai';
import type { Express } from 'express';
import Stripe from 'stripe';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { db } from '../../../../src/db/sequelize';
import { Invoice, PaymentAttempt } from '../../../../src/modules/billing/billing.models';
import type { PaymentGateway } from '../../../../src/modules/billing/gateways';
import { WEBHOOK_HANDLERS } from '../../../../src/modules/billing/webhooks/handlers';
import { settleLocalWebhooks, WEBHOOK_PROCESS_JOB } from '../../../../src/modules/billing/webhooks/ingest-webhook.service';
import { processWebhook } from '../../../../src/modules/billing/webhooks/process-webhook.service';
import { resetDatabase } from '../../../support/app';
import { makeSubscription } from '../../../support/billing-factories';
import { makeUser } from '../../../support/factories';
import { billingTestApp, ensureWebhookQueue, resetBillingTables } from '../payment-methods/billing-test-app';

const SECRET = 'whsec_webhook_route_test';

interface StoredEvent { id: string; event_id: string; type: string; status: string; note: string | null; error: string | null; processed_at: Date | null }

const storedEvents = () => db().query<StoredEvent>(`SELECT id, event_id, type, status, note, error, processed_at FROM webhook_events ORDER BY received_at, event_id`, { type: QueryTypes.SELECT });

/** A Stripe event envelope as Stripe sends it. */
function stripeEvent(id: string, type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  return JSON.stringify({ id, object: 'event', type, api_version: Stripe.API_VERSION, created, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } });
}

const intent = (id: string, status: 'succeeded' | 'requires_payment_method', amount = 9_900) => ({
  id, object: 'payment_intent', amount, amount_received: status === 'succeeded' ? amount : 0, currency: 'usd', customer: 'cus_1', status,
  last_payment_error: status === 'succeeded' ? null : { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
});

const sign = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? SECRET, ...(opts.timestamp ? { timestamp: opts.timestamp } : {}) });

/** Runs the job for every stored event still waiting, as the worker would (order: received). */
async function runPendingJobs(): Promise<void> {
  for (const e of await storedEvents()) if (e.status === 'received') await processWebhook(e.id);
}

async function pendingAttempt(gatewayPaymentId: string) {
  const user = await makeUser();
  const sub = await makeSubscription(user.id, { tier: 'professional' });
  const invoice = await Invoice.create({ subscriptionId: sub.id, periodStart: sub.currentPeriodStart, periodEnd: sub.currentPeriodEnd, totalCents: 9_900, status: 'open' });
  return PaymentAttempt.create({ invoiceId: invoice.id, gateway: 'stripe', gatewayPaymentId, idempotencyKey: `attempt:${gatewayPaymentId}`, status: 'pending', amountCents: 9_900 });
}

describe('billing: Stripe webhook route (signed on the raw body, stored once, processed by a job)', () => {
  let app: Express;
  before(async () => {
    await ensureWebhookQueue();
    // Signature checks are offline; the emulator is not needed for webhooks.
    ({ app } = billingTestApp({ secretKey: 'sk_test_unused', webhookSecret: SECRET, apiHost: '127.0.0.1', apiPort: 9, apiProtocol: 'http' }));
  });
  beforeEach(async () => {
    await resetDatabase();
    await resetBillingTables();
  });

  const post = (payload: string, signature?: string) => {
    const req = request(app).post('/api/billing/stripe-webhook').set('content-type', 'application/json');
    return (signature ? req.set('stripe-signature', signature) : req).send(payload);
  };

  it('a valid signed event → 200, stored once with a job enqueued, then processed by the job', async () => {
    const attempt = await pendingAttempt('pi_ok');
    const payload = stripeEvent('evt_ok', 'payment_intent.succeeded', intent('pi_ok', 'succeeded'));
    const res = await post(payload, sign(payload));
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ received: true });

    const [stored] = await storedEvents();
    expect(stored).to.deep.include({ event_id: 'evt_ok', type: 'payment_intent.succeeded' });
    // 'received' until a job runs (a queue worker, once jobs/definitions.ts declares it, may already have).
    expect(stored.status).to.be.oneOf(['received', 'processed']);
    const jobs = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ? AND data->>'webhookEventId' = ?`, { replacements: [WEBHOOK_PROCESS_JOB, stored.id], type: QueryTypes.SELECT });
    expect(jobs[0].n).to.equal(1);

    expect(await processWebhook(stored.id)).to.be.oneOf(['processed', 'already_done']);
    const [done] = await storedEvents();
    expect(done.status).to.equal('processed');
    expect(done.processed_at).to.be.instanceOf(Date);
    expect(done.note).to.include(attempt.id);
    await attempt.reload();
    expect(attempt.status).to.equal('succeeded');
    // The job again (a retry or a second worker): nothing changes.
    expect(await processWebhook(stored.id)).to.equal('already_done');
  });

  it('the same event twice → one row, one job; the replay answers duplicate and does nothing', async () => {
    const payload = stripeEvent('evt_dup', 'payment_intent.succeeded', intent('pi_dup', 'succeeded'));
    expect((await post(payload, sign(payload))).body).to.deep.equal({ received: true });
    const again = await post(payload, sign(payload));
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.equal({ received: true, duplicate: true });
    const rows = await storedEvents();
    expect(rows).to.have.length(1);
    const jobs = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ? AND data->>'webhookEventId' = ?`, { replacements: [WEBHOOK_PROCESS_JOB, rows[0].id], type: QueryTypes.SELECT });
    expect(jobs[0].n).to.equal(1);
  });

  it('tampered, stale, wrong-secret and unsigned events → 400 invalid_signature, nothing stored', async () => {
    const payload = stripeEvent('evt_bad', 'payment_intent.succeeded', intent('pi_bad', 'succeeded'));
    const tampered = payload.replace('"amount":9900', '"amount":1');
    expect(tampered).to.not.equal(payload);
    const stale = sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    for (const [body, signature] of [[tampered, sign(payload)], [payload, stale], [payload, sign(payload, { secret: 'whsec_other' })], [payload, undefined], ['not json', sign('not json')]] as const) {
      const res = await post(body, signature);
      expect(res.status, String(signature)).to.equal(400);
      expect(res.body.code).to.equal('invalid_signature');
    }
    expect(await storedEvents()).to.deep.equal([]);
  });

  it('an event type nobody handles is stored and marked ignored', async () => {
    const payload = stripeEvent('evt_unknown', 'customer.created', { id: 'cus_9', object: 'customer' });
    expect((await post(payload, sign(payload))).status).to.equal(200);
    await runPendingJobs();
    const [row] = await storedEvents();
    expect(row).to.deep.include({ type: 'customer.created', status: 'ignored', error: null });
    expect(row.note).to.include('customer.created');
  });

  it('out-of-order delivery is harmless: a failure delivered after the success does not undo it', async () => {
    const attempt = await pendingAttempt('pi_order');
    const t = Math.floor(Date.now() / 1000);
    const failed = stripeEvent('evt_order_1_failed', 'payment_intent.payment_failed', intent('pi_order', 'requires_payment_method'), t - 60);
    const succeeded = stripeEvent('evt_order_2_succeeded', 'payment_intent.succeeded', intent('pi_order', 'succeeded'), t);
    // Newest first, then the older one, then a replay of the older one.
    for (const payload of [succeeded, failed, failed]) expect((await post(payload, sign(payload))).status).to.equal(200);
    await runPendingJobs();
    await attempt.reload();
    expect(attempt.status).to.equal('succeeded');
    expect(attempt.failureCode).to.equal(null);
    const rows = await storedEvents();
    expect(rows.map((r) => r.status)).to.deep.equal(['processed', 'processed']);
    expect(rows.find((r) => r.event_id === 'evt_order_1_failed')!.note).to.include('already succeeded');
  });

  it('in order, a failure marks the pending attempt failed with the reason; the later success wins', async () => {
    const attempt = await pendingAttempt('pi_retry');
    const failed = stripeEvent('evt_retry_1', 'payment_intent.payment_failed', intent('pi_retry', 'requires_payment_method'));
    await post(failed, sign(failed));
    await runPendingJobs();
    await attempt.reload();
    expect(attempt).to.deep.include({ status: 'failed', failureCode: 'card_declined', failureMessage: 'Your card has insufficient funds.' });
    const succeeded = stripeEvent('evt_retry_2', 'payment_intent.succeeded', intent('pi_retry', 'succeeded'));
    await post(succeeded, sign(succeeded));
    await runPendingJobs();
    await attempt.reload();
    expect(attempt).to.deep.include({ status: 'succeeded', failureCode: null });
  });

  it('a handler that throws leaves the event failed with the error (the queue retries), then a retry processes it', async () => {
    const original = WEBHOOK_HANDLERS.refund_succeeded;
    const payload = stripeEvent('evt_boom', 'charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_1', customer: 'cus_1', amount: 9_900, amount_refunded: 9_900 });
    // Stored without a job, so no queue worker can get there before the broken handler is in place.
    await db().query(`INSERT INTO webhook_events (provider, event_id, type, payload) VALUES ('stripe', 'evt_boom', 'charge.refunded', ?::jsonb)`, { replacements: [payload] });
    const [row] = await storedEvents();
    WEBHOOK_HANDLERS.refund_succeeded = async () => {
      throw new Error('ledger unavailable');
    };
    try {
      const err = await processWebhook(row.id).catch((e: unknown) => e);
      expect((err as Error).message).to.equal('ledger unavailable');
    } finally {
      WEBHOOK_HANDLERS.refund_succeeded = original;
    }
    expect((await storedEvents())[0]).to.deep.include({ status: 'failed', error: 'ledger unavailable' });
    expect(await processWebhook(row.id)).to.equal('processed');
    expect((await storedEvents())[0]).to.deep.include({ status: 'processed', error: null });
  });
});

describe('billing: local test-mode gateway events take the same path', () => {
  let gateway: PaymentGateway;
  let app: Express;
  before(async () => {
    await ensureWebhookQueue();
    ({ app, gateway } = billingTestApp());
  });
  beforeEach(async () => {
    await resetDatabase();
    await resetBillingTables();
  });

  it("a local charge's event is verified, stored and processed like Stripe's", async () => {
    const user = await makeUser();
    const { customerId } = await gateway.ensureCustomer({ userId: user.id, email: user.email, name: user.name });
    const card = await gateway.attachTestCard({ customerId, cardNumber: '4000000000000341', expMonth: 12, expYear: 2099, cvc: '123' });
    const result = await gateway.charge({ customerId, paymentMethodId: card.paymentMethodId, amountCents: 9_900, currency: 'usd', idempotencyKey: 'local-1' });
    expect(result.status).to.equal('failed');
    await settleLocalWebhooks();
    await runPendingJobs();
    const rows = await db().query<{ type: string; status: string; provider: string; object_id: string }>(
      `SELECT type, status, provider, payload->'data'->'object'->>'id' AS object_id FROM webhook_events ORDER BY type`, { type: QueryTypes.SELECT });
    expect(rows).to.deep.equal([
      { type: 'payment_intent.payment_failed', status: 'processed', provider: 'local', object_id: result.paymentId },
      { type: 'payment_method.attached', status: 'processed', provider: 'local', object_id: card.paymentMethodId },
    ]);
    // A replayed charge (same idempotency key) emits nothing new.
    await gateway.charge({ customerId, paymentMethodId: card.paymentMethodId, amountCents: 9_900, currency: 'usd', idempotencyKey: 'local-1' });
    await settleLocalWebhooks();
    expect(await storedEvents()).to.have.length(2);
    // The route refuses what the local gateway did not sign.
    const forged = stripeEvent('evt_forged', 'payment_intent.succeeded', intent(result.paymentId, 'succeeded'));
    expect((await request(app).post('/api/billing/stripe-webhook').set('content-type', 'application/json').set('stripe-signature', sign(forged)).send(forged)).status).to.equal(400);
  });
});
