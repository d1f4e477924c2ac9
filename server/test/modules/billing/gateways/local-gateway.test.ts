import { expect } from 'chai';
import Stripe from 'stripe';
import { AppError } from '../../../../src/http/errors';
import { clock } from '../../../../src/lib/clock';
import { createPaymentGateway } from '../../../../src/modules/billing/gateways';
import { LocalGateway, luhnValid, type SignedWebhook } from '../../../../src/modules/billing/gateways/local-gateway';
import { MemoryLocalGatewayStore } from '../../../../src/modules/billing/gateways/local-gateway-store';

const VISA = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';
const FAILS_WHEN_CHARGED = '4000000000000341';

async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the promise to reject');
}

describe('billing / LocalGateway (test mode)', () => {
  let store: MemoryLocalGatewayStore;
  let events: SignedWebhook[];
  let gateway: LocalGateway;
  const nextYear = () => clock.now().getUTCFullYear() + 1;

  beforeEach(() => {
    store = new MemoryLocalGatewayStore();
    events = [];
    gateway = new LocalGateway({ store, onEvent: (w) => void events.push(w) });
  });

  async function customer(userId = 'user-1') {
    return (await gateway.ensureCustomer({ userId, email: `${userId}@example.com`, name: 'Test User' })).customerId;
  }
  const card = (customerId: string, cardNumber = VISA, extra: Partial<{ expMonth: number; expYear: number; cvc: string }> = {}) =>
    gateway.attachTestCard({ customerId, cardNumber, expMonth: 12, expYear: nextYear(), cvc: '123', ...extra });

  describe('customers and setup intents', () => {
    it('creates one customer per user and reuses a stored id', async () => {
      const a = await customer('u1');
      expect(a).to.match(/^cus_local_/);
      expect(await customer('u1')).to.equal(a);
      expect((await gateway.ensureCustomer({ userId: 'u1', email: 'x', name: 'x', existingCustomerId: a })).customerId).to.equal(a);
      expect(await customer('u2')).to.not.equal(a);
    });

    it('returns a setup intent with a client secret, 404 for an unknown customer', async () => {
      const result = await gateway.createSetupIntent({ customerId: await customer() });
      expect(result.setupIntentId).to.match(/^seti_local_/);
      expect(result.clientSecret.startsWith(`${result.setupIntentId}_secret_`)).to.equal(true);
      expect((await rejectionOf(gateway.createSetupIntent({ customerId: 'cus_nope' }))).statusCode).to.equal(404);
    });
  });

  describe('test cards', () => {
    it('4242 4242 4242 4242 attaches and keeps only brand, last four and expiry', async () => {
      const customerId = await customer();
      const pm = await card(customerId, VISA, { expMonth: 7 });
      expect(pm).to.deep.include({ brand: 'visa', last4: '4242', expMonth: 7, expYear: nextYear(), isDefault: false });
      const stored = await store.findPaymentMethod(pm.paymentMethodId);
      expect(JSON.stringify(stored)).to.not.include('424242');
    });

    it('4000 0000 0000 0002 is declined at attach (402 card_declined) and nothing is saved', async () => {
      const customerId = await customer();
      const err = await rejectionOf(card(customerId, DECLINED));
      expect(err).to.include({ statusCode: 402, code: 'card_declined' });
      expect(await gateway.listPaymentMethods(customerId)).to.have.length(0);
    });

    it('4000 0000 0000 0341 attaches but every charge fails with card_declined', async () => {
      const customerId = await customer();
      const pm = await card(customerId, FAILS_WHEN_CHARGED);
      expect(pm.last4).to.equal('0341');
      for (const key of ['a1', 'a2']) {
        const result = await gateway.charge({ customerId, paymentMethodId: pm.paymentMethodId, amountCents: 9900, currency: 'usd', idempotencyKey: key });
        expect(result).to.include({ status: 'failed', failureCode: 'card_declined', declineCode: 'generic_decline', failureMessage: 'Your card was declined.' });
        expect(result.paymentId).to.match(/^pi_local_/);
      }
    });

    it('a Luhn-valid number that is not a test card is invalid_number on cardNumber', async () => {
      const err = await rejectionOf(card(await customer(), '5555555555554444'));
      expect(err).to.include({ statusCode: 400, code: 'invalid_number' });
      expect(err.errors?.cardNumber).to.have.length(1);
    });

    it('checks Luhn, expiry and CVC and names each bad field', async () => {
      const customerId = await customer();
      let err = await rejectionOf(card(customerId, '4242424242424241'));
      expect(err).to.include({ statusCode: 400, code: 'validation_failed' });
      expect(err.errors).to.have.keys('cardNumber');

      err = await rejectionOf(card(customerId, 'abcd', { expMonth: 13, expYear: 99, cvc: '1' }));
      expect(err.errors).to.have.keys('cardNumber', 'expMonth', 'expYear', 'cvc');
    });

    it('refuses an expired card by the app clock, and accepts one expiring this month', async () => {
      clock.set(new Date('2031-06-15T12:00:00Z'));
      const customerId = await customer();
      expect((await rejectionOf(card(customerId, VISA, { expMonth: 12, expYear: 2030 }))).errors).to.deep.equal({ expYear: ['Your card has expired'] });
      expect((await rejectionOf(card(customerId, VISA, { expMonth: 5, expYear: 2031 }))).errors).to.deep.equal({ expMonth: ['Your card has expired'] });
      expect((await card(customerId, VISA, { expMonth: 6, expYear: 2031 })).last4).to.equal('4242');
    });

    it('Luhn: Stripe’s test numbers pass, a changed digit fails', () => {
      expect(['4242424242424242', '4000000000000002', '4000000000000341', '5555555555554444'].every(luhnValid)).to.equal(true);
      expect(luhnValid('4242424242424243')).to.equal(false);
    });
  });

  describe('payment methods', () => {
    it('lists newest first, sets the default, detaches (clearing the default)', async () => {
      const customerId = await customer();
      const first = await card(customerId);
      clock.advance(1000);
      const second = await card(customerId, FAILS_WHEN_CHARGED);
      expect((await gateway.listPaymentMethods(customerId)).map((p) => p.paymentMethodId)).to.deep.equal([second.paymentMethodId, first.paymentMethodId]);

      await gateway.setDefaultPaymentMethod(customerId, first.paymentMethodId);
      expect((await gateway.listPaymentMethods(customerId)).find((p) => p.isDefault)?.paymentMethodId).to.equal(first.paymentMethodId);

      await gateway.detachPaymentMethod(customerId, first.paymentMethodId);
      const left = await gateway.listPaymentMethods(customerId);
      expect(left.map((p) => p.paymentMethodId)).to.deep.equal([second.paymentMethodId]);
      expect(left[0].isDefault).to.equal(false);
    });

    it("answers 404 for another customer's card", async () => {
      const mine = await customer('mine');
      const theirs = await card(await customer('theirs'));
      for (const call of [
        gateway.detachPaymentMethod(mine, theirs.paymentMethodId),
        gateway.setDefaultPaymentMethod(mine, theirs.paymentMethodId),
        gateway.charge({ customerId: mine, paymentMethodId: theirs.paymentMethodId, amountCents: 100, currency: 'usd', idempotencyKey: 'x' }),
      ]) {
        expect((await rejectionOf(call)).statusCode).to.equal(404);
      }
    });
  });

  describe('charges and refunds', () => {
    async function paying() {
      const customerId = await customer();
      const { paymentMethodId } = await card(customerId);
      return { customerId, paymentMethodId };
    }

    it('succeeds with 4242, and the same idempotency key returns the first result without a second charge', async () => {
      const who = await paying();
      const input = { ...who, amountCents: 9900, currency: 'USD', idempotencyKey: 'invoice:1:attempt:1', metadata: { invoice_id: '1' } };
      const [a, b] = await Promise.all([gateway.charge(input), gateway.charge(input)]);
      const c = await gateway.charge(input);
      expect(a).to.deep.equal({ status: 'succeeded', paymentId: a.paymentId });
      expect(b).to.deep.equal(a);
      expect(c).to.deep.equal(a);
      expect(events.filter((e) => e.type === 'payment_intent.succeeded')).to.have.length(1);
    });

    it('refuses the same key with different parameters, and amounts under the minimum', async () => {
      const who = await paying();
      await gateway.charge({ ...who, amountCents: 9900, currency: 'usd', idempotencyKey: 'k1' });
      expect((await rejectionOf(gateway.charge({ ...who, amountCents: 100, currency: 'usd', idempotencyKey: 'k1' }))).code).to.equal('idempotency_key_reused');
      expect((await rejectionOf(gateway.charge({ ...who, amountCents: 49, currency: 'usd', idempotencyKey: 'k2' }))).code).to.equal('amount_too_small');
    });

    it('fails with expired_card once the app clock passes the card’s expiry', async () => {
      clock.set(new Date('2031-06-15T12:00:00Z'));
      const customerId = await customer();
      const { paymentMethodId } = await card(customerId, VISA, { expMonth: 6, expYear: 2031 });
      clock.set(new Date('2031-07-01T00:00:00Z'));
      const result = await gateway.charge({ customerId, paymentMethodId, amountCents: 9900, currency: 'usd', idempotencyKey: 'late' });
      expect(result).to.include({ status: 'failed', failureCode: 'expired_card' });
    });

    it('refunds in part, then the rest, refuses more, and replays a repeated key', async () => {
      const who = await paying();
      const { paymentId } = await gateway.charge({ ...who, amountCents: 9900, currency: 'usd', idempotencyKey: 'p' });
      const partial = await gateway.refund({ paymentId, amountCents: 2500, idempotencyKey: 'r1' });
      expect(partial).to.deep.include({ status: 'succeeded' });
      expect(partial.refundId).to.match(/^re_local_/);
      expect(await gateway.refund({ paymentId, amountCents: 2500, idempotencyKey: 'r1' })).to.deep.equal(partial);
      expect((await rejectionOf(gateway.refund({ paymentId, amountCents: 7401, idempotencyKey: 'r2' }))).code).to.equal('amount_too_large');
      await gateway.refund({ paymentId, idempotencyKey: 'r3' }); // the remaining 7400
      expect((await store.findPayment(paymentId))?.refundedCents).to.equal(9900);
      expect(events.filter((e) => e.type === 'charge.refunded')).to.have.length(2);
    });

    it('refuses to refund a failed payment', async () => {
      const customerId = await customer();
      const { paymentMethodId } = await card(customerId, FAILS_WHEN_CHARGED);
      const { paymentId } = await gateway.charge({ customerId, paymentMethodId, amountCents: 9900, currency: 'usd', idempotencyKey: 'f' });
      expect((await rejectionOf(gateway.refund({ paymentId, idempotencyKey: 'rf' }))).code).to.equal('charge_not_refundable');
    });
  });

  describe('webhooks', () => {
    const parse = (w: SignedWebhook) => gateway.parseWebhook(Buffer.from(w.payload), w.signature);

    it('signs its events with Stripe’s scheme; parseWebhook turns them into domain events', async () => {
      const customerId = await customer();
      const good = await card(customerId);
      const bad = await card(customerId, FAILS_WHEN_CHARGED);
      const ok = await gateway.charge({ customerId, paymentMethodId: good.paymentMethodId, amountCents: 9900, currency: 'usd', idempotencyKey: 'w1' });
      const ko = await gateway.charge({ customerId, paymentMethodId: bad.paymentMethodId, amountCents: 4900, currency: 'usd', idempotencyKey: 'w2' });
      await gateway.refund({ paymentId: ok.paymentId, amountCents: 100, idempotencyKey: 'w3' });

      expect(events.map((e) => e.type)).to.deep.equal(['payment_method.attached', 'payment_method.attached', 'payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded']);
      expect(events[0].signature).to.match(/^t=\d+,v1=[0-9a-f]{64}$/);
      const parsed = events.map(parse);
      expect(parsed[0]).to.include({ type: 'payment_method_attached', paymentMethodId: good.paymentMethodId, customerId });
      expect(parsed[2]).to.include({ type: 'payment_succeeded', paymentId: ok.paymentId, customerId, amountCents: 9900 });
      expect(parsed[3]).to.include({ type: 'payment_failed', paymentId: ko.paymentId, amountCents: 4900, failureCode: 'card_declined', declineCode: 'generic_decline' });
      expect(parsed[4]).to.include({ type: 'refund_succeeded', paymentId: ok.paymentId, amountCents: 100 });
      expect(new Set(parsed.map((p) => p.id)).size).to.equal(5);
    });

    it('stays valid when the app clock has been advanced (signatures use wall time)', async () => {
      clock.advance(40 * 24 * 3600 * 1000);
      await card(await customer());
      expect(parse(events[0]).type).to.equal('payment_method_attached');
    });

    it('rejects tampered bodies, other secrets, stale and missing signatures with invalid_signature', async () => {
      const secret = 'whsec_known_for_this_test';
      const known = new LocalGateway({ store, webhookSecret: secret, onEvent: (w) => void events.push(w) });
      await known.attachTestCard({ customerId: await customer(), cardNumber: VISA, expMonth: 1, expYear: nextYear(), cvc: '123' });
      const [w] = events;
      const attempts: Array<[string, string | undefined]> = [
        [w.payload.replace('4242', '4243'), w.signature],
        [w.payload, new LocalGateway({ store }).signatureFor(w.payload)],
        [w.payload, Stripe.webhooks.generateTestHeaderString({ payload: w.payload, secret, timestamp: Math.floor(Date.now() / 1000) - 301 })],
        [w.payload, undefined],
      ];
      expect(known.parseWebhook(Buffer.from(w.payload), w.signature).type).to.equal('payment_method_attached');
      for (const [body, header] of attempts) {
        let err: unknown;
        try {
          known.parseWebhook(Buffer.from(body), header);
        } catch (e) {
          err = e;
        }
        expect(err).to.be.instanceOf(AppError).and.include({ statusCode: 400, code: 'invalid_signature' });
      }
    });

    it('accepts a configured secret, e.g. one shared by API and worker processes', async () => {
      const shared = { store, webhookSecret: 'whsec_shared_between_processes' };
      const signer = new LocalGateway({ ...shared, onEvent: (w) => void events.push(w) });
      await signer.attachTestCard({ customerId: await customer(), cardNumber: VISA, expMonth: 1, expYear: nextYear(), cvc: '123' });
      expect(new LocalGateway(shared).parseWebhook(Buffer.from(events[0].payload), events[0].signature).type).to.equal('payment_method_attached');
    });
  });

  describe('createPaymentGateway', () => {
    it('chooses the local gateway without a Stripe key, Stripe with one', () => {
      expect(createPaymentGateway({ localStore: store }).kind).to.equal('local');
      expect(createPaymentGateway({ secretKey: 'sk_test_123', webhookSecret: 'whsec_1' }).kind).to.equal('stripe');
    });
  });
});
