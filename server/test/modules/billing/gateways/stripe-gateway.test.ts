import { expect } from 'chai';
import Stripe from 'stripe';
import { AppError } from '../../../../src/http/errors';
import { StripeGateway } from '../../../../src/modules/billing/gateways/stripe-gateway';
import { startStripeEmulator, type StripeEmulator } from '../../../support/stripe-emulator';

const WEBHOOK_SECRET = 'whsec_test_gateway_secret';

/** The rejection of a promise (fails the test if it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to throw');
}

describe('billing / StripeGateway (real SDK against the Stripe emulator)', () => {
  let emulator: StripeEmulator;
  let gateway: StripeGateway;

  before(async () => {
    emulator = await startStripeEmulator();
    gateway = new StripeGateway({
      secretKey: 'sk_test_emulator',
      webhookSecret: WEBHOOK_SECRET,
      apiHost: emulator.host,
      apiPort: emulator.port,
      apiProtocol: 'http',
    });
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.requests.length = 0;
  });

  async function customerWithCard(testPm: 'pm_card_visa' | 'pm_card_chargeDeclined' | 'pm_card_authenticationRequired' = 'pm_card_visa') {
    const { customerId } = await gateway.ensureCustomer({ userId: `u-${Math.random()}`, email: 'card@example.com', name: 'Card Holder' });
    // In production Stripe.js/Elements confirms the SetupIntent, which attaches the card; the emulator plays that part.
    return { customerId, paymentMethodId: emulator.attachTestPaymentMethod(customerId, testPm) };
  }

  describe('customers', () => {
    it('creates a customer with the user id as metadata and a key derived from the user', async () => {
      const { customerId } = await gateway.ensureCustomer({ userId: 'user-1', email: 'ada@example.com', name: 'Ada Lovelace' });
      expect(customerId).to.match(/^cus_/);
      const [sent] = emulator.requestsTo('POST', '/v1/customers');
      expect(sent.body).to.deep.equal({ email: 'ada@example.com', name: 'Ada Lovelace', metadata: { user_id: 'user-1' } });
      expect(sent.idempotencyKey).to.equal('customer:user-1');
      expect(sent.headers['content-type']).to.match(/^application\/x-www-form-urlencoded/);
      expect(sent.headers.authorization).to.equal('Bearer sk_test_emulator');
    });

    it('creates one customer when called twice for the same user (idempotency replay)', async () => {
      const a = await gateway.ensureCustomer({ userId: 'user-2', email: 'b@example.com', name: 'B' });
      const b = await gateway.ensureCustomer({ userId: 'user-2', email: 'b@example.com', name: 'B' });
      expect(b.customerId).to.equal(a.customerId);
    });

    it('reuses an existing customer without creating one', async () => {
      const { customerId } = await gateway.ensureCustomer({ userId: 'user-3', email: 'c@example.com', name: 'C' });
      emulator.requests.length = 0;
      const again = await gateway.ensureCustomer({ userId: 'user-3', email: 'c@example.com', name: 'C', existingCustomerId: customerId });
      expect(again.customerId).to.equal(customerId);
      expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`GET /v1/customers/${customerId}`]);
    });

    it('creates a new customer when the stored one no longer exists on Stripe', async () => {
      const { customerId } = await gateway.ensureCustomer({ userId: 'user-4', email: 'd@example.com', name: 'D', existingCustomerId: 'cus_gone' });
      expect(customerId).to.match(/^cus_/).and.not.equal('cus_gone');
      expect(emulator.requestsTo('POST', '/v1/customers')[0].idempotencyKey).to.equal('customer:user-4:replaces:cus_gone');
    });
  });

  it('creates an off-session SetupIntent for Elements', async () => {
    const { customerId } = await gateway.ensureCustomer({ userId: 'user-si', email: 'si@example.com', name: 'SI' });
    const result = await gateway.createSetupIntent({ customerId });
    expect(result.setupIntentId).to.match(/^seti_/);
    expect(result.clientSecret).to.match(new RegExp(`^${result.setupIntentId}_secret_`));
    const [sent] = emulator.requestsTo('POST', '/v1/setup_intents');
    expect(sent.body).to.deep.include({ customer: customerId, usage: 'off_session', allowed_payment_method_types: ['card'] });
    expect(sent.idempotencyKey).to.match(new RegExp(`^setup_intent:${customerId}:`));
  });

  it('refuses raw card numbers (Elements only)', async () => {
    const err = await rejectionOf(gateway.attachTestCard());
    expect(err).to.be.instanceOf(AppError).and.include({ statusCode: 400, code: 'use_elements' });
  });

  describe('payment methods', () => {
    it('lists, sets the default and detaches', async () => {
      const { customerId, paymentMethodId: first } = await customerWithCard();
      const second = emulator.attachTestPaymentMethod(customerId);

      let list = await gateway.listPaymentMethods(customerId);
      expect(list.map((pm) => pm.paymentMethodId).sort()).to.deep.equal([first, second].sort());
      expect(list[0]).to.include({ brand: 'visa', last4: '4242', isDefault: false });
      const listCall = emulator.requestsTo('GET', '/v1/payment_methods')[0];
      expect(listCall.query).to.deep.include({ customer: customerId, type: 'card' });

      await gateway.setDefaultPaymentMethod(customerId, second);
      const update = emulator.requestsTo('POST', `/v1/customers/${customerId}`)[0];
      expect(update.body).to.deep.equal({ invoice_settings: { default_payment_method: second } });
      expect(update.idempotencyKey).to.match(new RegExp(`^default_payment_method:${customerId}:${second}:`));
      list = await gateway.listPaymentMethods(customerId);
      expect(list.find((pm) => pm.paymentMethodId === second)?.isDefault).to.equal(true);

      await gateway.detachPaymentMethod(customerId, first);
      expect(emulator.requestsTo('POST', `/v1/payment_methods/${first}/detach`)[0].idempotencyKey).to.equal(`detach:${first}`);
      list = await gateway.listPaymentMethods(customerId);
      expect(list.map((pm) => pm.paymentMethodId)).to.deep.equal([second]);
    });

    it("answers 404 for another customer's card and sends no detach", async () => {
      const mine = await customerWithCard();
      const theirs = await customerWithCard();
      const err = await rejectionOf(gateway.detachPaymentMethod(mine.customerId, theirs.paymentMethodId));
      expect(err).to.be.instanceOf(AppError).and.include({ statusCode: 404 });
      expect(emulator.requests.filter((r) => r.path.endsWith('/detach'))).to.have.length(0);
    });
  });

  describe('charges', () => {
    it('charges off-session with the caller’s idempotency key', async () => {
      const { customerId, paymentMethodId } = await customerWithCard();
      const result = await gateway.charge({
        customerId, paymentMethodId, amountCents: 9900, currency: 'USD', idempotencyKey: 'invoice:inv-1:attempt:1',
        description: 'INV-2026-000001', metadata: { invoice_id: 'inv-1' },
      });
      expect(result.status).to.equal('succeeded');
      expect(result.paymentId).to.match(/^pi_/);
      const [sent] = emulator.requestsTo('POST', '/v1/payment_intents');
      expect(sent.body).to.deep.equal({
        amount: '9900', currency: 'usd', customer: customerId, payment_method: paymentMethodId,
        off_session: 'true', confirm: 'true', description: 'INV-2026-000001', metadata: { invoice_id: 'inv-1' },
      });
      expect(sent.idempotencyKey).to.equal('invoice:inv-1:attempt:1');
    });

    it('replays the same attempt instead of charging twice', async () => {
      const { customerId, paymentMethodId } = await customerWithCard();
      const input = { customerId, paymentMethodId, amountCents: 4900, currency: 'usd', idempotencyKey: 'invoice:inv-2:attempt:1' };
      const a = await gateway.charge(input);
      const b = await gateway.charge(input);
      expect(b.paymentId).to.equal(a.paymentId);
    });

    it('returns a decline as a failed result with Stripe’s codes', async () => {
      const { customerId, paymentMethodId } = await customerWithCard('pm_card_chargeDeclined');
      const result = await gateway.charge({ customerId, paymentMethodId, amountCents: 9900, currency: 'usd', idempotencyKey: 'invoice:inv-3:attempt:1' });
      expect(result).to.include({ status: 'failed', failureCode: 'card_declined', declineCode: 'generic_decline', failureMessage: 'Your card was declined.' });
      expect(result.paymentId).to.match(/^pi_/);
    });

    it('reports an off-session 3-D Secure demand as requires_action', async () => {
      const { customerId, paymentMethodId } = await customerWithCard('pm_card_authenticationRequired');
      const result = await gateway.charge({ customerId, paymentMethodId, amountCents: 9900, currency: 'usd', idempotencyKey: 'invoice:inv-4:attempt:1' });
      expect(result).to.include({ status: 'requires_action', failureCode: 'authentication_required' });
    });

    it('turns an amount under Stripe’s minimum into amount_too_small', async () => {
      const { customerId, paymentMethodId } = await customerWithCard();
      const err = await rejectionOf(gateway.charge({ customerId, paymentMethodId, amountCents: 12, currency: 'usd', idempotencyKey: 'k-small' }));
      expect(err).to.be.instanceOf(AppError).and.include({ statusCode: 400, code: 'amount_too_small' });
    });

    it('throws (not a result) on a configuration error such as a bad API key', async () => {
      const broken = new StripeGateway({ secretKey: 'not-a-key', apiHost: emulator.host, apiPort: emulator.port, apiProtocol: 'http' });
      const err = await rejectionOf(broken.charge({ customerId: 'cus_x', paymentMethodId: 'pm_x', amountCents: 100, currency: 'usd', idempotencyKey: 'k' }));
      expect(err).to.be.instanceOf(Stripe.errors.StripeAuthenticationError);
    });
  });

  it('refunds a payment in part with the caller’s key', async () => {
    const { customerId, paymentMethodId } = await customerWithCard();
    const { paymentId } = await gateway.charge({ customerId, paymentMethodId, amountCents: 9900, currency: 'usd', idempotencyKey: 'invoice:inv-5:attempt:1' });
    const refund = await gateway.refund({ paymentId, amountCents: 2500, idempotencyKey: 'refund:inv-5:1' });
    expect(refund.refundId).to.match(/^re_/);
    expect(refund.status).to.equal('succeeded');
    const [sent] = emulator.requestsTo('POST', '/v1/refunds');
    expect(sent.body).to.deep.equal({ payment_intent: paymentId, amount: '2500' });
    expect(sent.idempotencyKey).to.equal('refund:inv-5:1');
  });

  describe('the emulator speaks Stripe’s wire format', () => {
    const post = (path: string, body: string, key?: string) =>
      fetch(`${emulator.url}${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk_test_emulator', 'content-type': 'application/x-www-form-urlencoded', ...(key ? { 'idempotency-key': key } : {}) },
        body,
      });

    it('answers unknown ids with the resource_missing envelope', async () => {
      const res = await fetch(`${emulator.url}/v1/customers/cus_nope`, { headers: { authorization: 'Bearer sk_test_emulator' } });
      expect(res.status).to.equal(404);
      expect(await res.json()).to.deep.equal({ error: { type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: "No such customer: 'cus_nope'" } });
    });

    it('replays a key on the same path, and refuses it with other parameters', async () => {
      const first = await post('/v1/customers', 'email=a%40example.com', 'same-key');
      const again = await post('/v1/customers', 'email=a%40example.com', 'same-key');
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
      const [a, b] = (await Promise.all([first.json(), again.json()])) as Array<{ id: string }>;
      expect(b.id).to.equal(a.id);
      const other = await post('/v1/customers', 'email=b%40example.com', 'same-key');
      expect(other.status).to.equal(400);
      expect(((await other.json()) as { error: { type: string } }).error.type).to.equal('idempotency_error');
    });

    it('refuses requests without an API key', async () => {
      const res = await fetch(`${emulator.url}/v1/customers/cus_x`);
      expect(res.status).to.equal(401);
    });
  });

  describe('webhooks', () => {
    const event = (type: string, object: Record<string, unknown>) =>
      JSON.stringify({ id: `evt_${type.replace(/\W/g, '_')}`, object: 'event', type, api_version: Stripe.API_VERSION, created: 1, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } });
    const sign = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
      Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, timestamp: opts.timestamp });
    const succeeded = event('payment_intent.succeeded', { id: 'pi_123', object: 'payment_intent', amount: 9900, amount_received: 9900, customer: 'cus_1', status: 'succeeded' });

    it('turns a validly signed payment_intent.succeeded into payment_succeeded', () => {
      const parsed = gateway.parseWebhook(Buffer.from(succeeded), sign(succeeded));
      expect(parsed).to.include({ id: 'evt_payment_intent_succeeded', type: 'payment_succeeded', providerType: 'payment_intent.succeeded', paymentId: 'pi_123', customerId: 'cus_1', amountCents: 9900 });
      expect((parsed.raw as { type: string }).type).to.equal('payment_intent.succeeded');
    });

    it('maps payment failures, refunds and attached cards', () => {
      const failed = event('payment_intent.payment_failed', { id: 'pi_9', object: 'payment_intent', amount: 500, customer: 'cus_1', last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Declined' } });
      expect(gateway.parseWebhook(Buffer.from(failed), sign(failed))).to.include({ type: 'payment_failed', paymentId: 'pi_9', failureCode: 'card_declined', declineCode: 'insufficient_funds', failureMessage: 'Declined' });
      const refunded = event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_9', customer: 'cus_1', amount_refunded: 300 });
      expect(gateway.parseWebhook(Buffer.from(refunded), sign(refunded))).to.include({ type: 'refund_succeeded', paymentId: 'pi_9', amountCents: 300 });
      const attached = event('payment_method.attached', { id: 'pm_1', object: 'payment_method', customer: 'cus_1' });
      expect(gateway.parseWebhook(Buffer.from(attached), sign(attached))).to.include({ type: 'payment_method_attached', paymentMethodId: 'pm_1', customerId: 'cus_1' });
    });

    it('answers ignored for event types billing does not act on', () => {
      const other = event('customer.updated', { id: 'cus_1', object: 'customer' });
      expect(gateway.parseWebhook(Buffer.from(other), sign(other))).to.include({ id: 'evt_customer_updated', type: 'ignored' });
    });

    const rejected = (body: string, header: string | undefined) => {
      const err = thrownBy(() => gateway.parseWebhook(Buffer.from(body), header));
      expect(err).to.be.instanceOf(AppError).and.include({ statusCode: 400, code: 'invalid_signature' });
    };

    it('rejects a tampered body', () => rejected(succeeded.replace('9900', '1'), sign(succeeded)));
    it('rejects a stale signature (older than 300 s)', () => rejected(succeeded, sign(succeeded, { timestamp: Math.floor(Date.now() / 1000) - 301 })));
    it('accepts a signature 250 s old (within the tolerance)', () => {
      expect(gateway.parseWebhook(Buffer.from(succeeded), sign(succeeded, { timestamp: Math.floor(Date.now() / 1000) - 250 })).type).to.equal('payment_succeeded');
    });
    it('rejects a signature made with another secret', () => rejected(succeeded, sign(succeeded, { secret: 'whsec_someone_else' })));
    it('rejects a missing or malformed header', () => {
      rejected(succeeded, undefined);
      rejected(succeeded, 'garbage');
    });
  });
});
