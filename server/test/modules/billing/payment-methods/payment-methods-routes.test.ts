import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi';
import { db } from '../../../../src/db/sequelize';
import { BillingAccount } from '../../../../src/modules/billing/billing.models';
import { resetDatabase, signIn } from '../../../support/app';
import { makeSubscription } from '../../../support/billing-factories';
import { makeUser } from '../../../support/factories';
import { startStripeEmulator, type StripeEmulator } from '../../../support/stripe-emulator';
import { settleLocalWebhooks } from '../../../../src/modules/billing/webhooks/ingest-webhook.service';
import { billingTestApp, ensureWebhookQueue, resetBillingTables } from './billing-test-app';

const VISA = { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' };
const CHARGE_DECLINES = { cardNumber: '4000000000000341', expMonth: 1, expYear: 2098, cvc: '999' };
const DECLINED = { cardNumber: '4000 0000 0000 0002', expMonth: 12, expYear: 2099, cvc: '123' };

describe('billing: payment methods (local test mode, HTTP)', () => {
  let app: Express;
  before(async () => {
    await ensureWebhookQueue();
    ({ app } = billingTestApp());
  });
  beforeEach(async () => {
    await resetDatabase();
    await resetBillingTables();
  });

  async function customer(email: string) {
    const user = await makeUser({ email });
    return { user, agent: await signIn(email, undefined, app) };
  }

  it('needs a session', async () => {
    expect((await request(app).get('/api/billing/payment-methods')).status).to.equal(401);
    expect((await request(app).post('/api/billing/payment-methods').send(VISA)).status).to.equal(401);
  });

  it('as many customers opening their cards at once as the pool has connections: none waits for another', async () => {
    // each request holds a connection (its billing row locked) while the gateway looks up its customer
    const connections = (db() as unknown as { options: { pool: { max: number } } }).options.pool.max;
    const agents = await Promise.all(Array.from({ length: connections }, async (_, i) => (await customer(`crowd${i}@example.com`)).agent));
    // before: each waited for a second connection, and all of them for the pool's acquire timeout (60 s, past the test's)
    const statuses = (await Promise.all(agents.map((a) => a.get('/api/billing/payment-methods')))).map((r) => r.status);
    expect(statuses).to.deep.equal(agents.map(() => 200));
  });

  it('adds cards: the first becomes the default; lists newest first; the number is never stored', async () => {
    const { user, agent } = await customer('cards@example.com');
    expect((await agent.get('/api/billing/payment-methods')).body).to.deep.equal([]);

    const first = await agent.post('/api/billing/payment-methods').send(VISA);
    expect(first.status).to.equal(201);
    expect(first.body).to.deep.include({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2099, isDefault: true });
    expect(first.body.id).to.match(/^pm_local_/);

    const second = await agent.post('/api/billing/payment-methods').send(CHARGE_DECLINES);
    expect(second.status).to.equal(201);
    expect(second.body).to.deep.include({ last4: '0341', isDefault: false });

    const list = await agent.get('/api/billing/payment-methods');
    expect(list.status).to.equal(200);
    expect(list.body.map((c: { id: string; isDefault: boolean }) => [c.id, c.isDefault])).to.deep.equal([[second.body.id, false], [first.body.id, true]]);

    const account = (await BillingAccount.findOne({ where: { userId: user.id } }))!;
    expect(account.gatewayCustomerId).to.match(/^cus_local_/);
    expect(account.defaultPaymentMethodId).to.equal(first.body.id);
    const [[dump]] = (await db().query(`SELECT (SELECT string_agg(t::text, ' ') FROM local_gateway_payment_methods t) AS pms`)) as [Array<{ pms: string }>, unknown];
    expect(dump.pms).to.not.include('4242424242424242');
  });

  it('the declined test card answers 402 card_declined and saves nothing', async () => {
    const { agent } = await customer('declined@example.com');
    const res = await agent.post('/api/billing/payment-methods').send(DECLINED);
    expect(res.status).to.equal(402);
    expect(res.body).to.deep.include({ code: 'card_declined', message: 'Your card was declined.' });
    expect(res.body.errors).to.have.property('cardNumber');
    expect((await agent.get('/api/billing/payment-methods')).body).to.deep.equal([]);
  });

  it('bad details are 400 with field errors', async () => {
    const { agent } = await customer('bad@example.com');
    const res = await agent.post('/api/billing/payment-methods').send({ cardNumber: '4242 4242 4242 4241', expMonth: 13, expYear: 2099, cvc: '1' });
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('validation_failed');
    expect(res.body.errors).to.have.keys(['cardNumber', 'expMonth', 'cvc']);
    const missing = await agent.post('/api/billing/payment-methods').send({ expMonth: 1 });
    expect(missing.status).to.equal(400);
    expect(missing.body.errors).to.include.keys(['cardNumber', 'expYear', 'cvc']);
    const unknown = await agent.post('/api/billing/payment-methods').send({ ...VISA, cardNumber: '5555555555554444' });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.errors).to.have.property('cardNumber');
  });

  it('sets the default and keeps the billing account in step', async () => {
    const { user, agent } = await customer('default@example.com');
    const a = (await agent.post('/api/billing/payment-methods').send(VISA)).body;
    const b = (await agent.post('/api/billing/payment-methods').send(CHARGE_DECLINES)).body;
    const res = await agent.post(`/api/billing/payment-methods/${b.id}/default`);
    expect(res.status).to.equal(200);
    expect(res.body.find((c: { id: string }) => c.id === b.id).isDefault).to.equal(true);
    expect(res.body.find((c: { id: string }) => c.id === a.id).isDefault).to.equal(false);
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.defaultPaymentMethodId).to.equal(b.id);
    expect((await agent.post('/api/billing/payment-methods/pm_local_nope/default')).status).to.equal(404);
  });

  it('removing the default card promotes the remaining one; the last card can go on Free', async () => {
    const { user, agent } = await customer('remove@example.com');
    const a = (await agent.post('/api/billing/payment-methods').send(VISA)).body;
    const b = (await agent.post('/api/billing/payment-methods').send(CHARGE_DECLINES)).body;
    expect((await agent.delete(`/api/billing/payment-methods/${a.id}`)).status).to.equal(204);
    const list = (await agent.get('/api/billing/payment-methods')).body;
    expect(list).to.have.length(1);
    expect(list[0]).to.deep.include({ id: b.id, isDefault: true });
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.defaultPaymentMethodId).to.equal(b.id);

    expect((await agent.delete(`/api/billing/payment-methods/${b.id}`)).status).to.equal(204);
    expect((await agent.get('/api/billing/payment-methods')).body).to.deep.equal([]);
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.defaultPaymentMethodId).to.equal(null);
    expect((await agent.delete(`/api/billing/payment-methods/${b.id}`)).status).to.equal(404);
  });

  it('refuses to remove the only card of a paid plan: 409 payment_method_required', async () => {
    const { user, agent } = await customer('paid@example.com');
    await makeSubscription(user.id, { tier: 'professional' });
    const a = (await agent.post('/api/billing/payment-methods').send(VISA)).body;
    const res = await agent.delete(`/api/billing/payment-methods/${a.id}`);
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('payment_method_required');
    // With a second card the first may go.
    await agent.post('/api/billing/payment-methods').send(CHARGE_DECLINES);
    expect((await agent.delete(`/api/billing/payment-methods/${a.id}`)).status).to.equal(204);
  });

  it("isolates customers: B can neither see, default nor remove A's card (404)", async () => {
    const a = await customer('a@example.com');
    const b = await customer('b@example.com');
    const card = (await a.agent.post('/api/billing/payment-methods').send(VISA)).body;
    await b.agent.post('/api/billing/payment-methods').send(CHARGE_DECLINES);
    expect((await b.agent.get('/api/billing/payment-methods')).body.map((c: { id: string }) => c.id)).to.not.include(card.id);
    const def = await b.agent.post(`/api/billing/payment-methods/${card.id}/default`);
    expect(def.status).to.equal(404);
    expect(def.body.code).to.equal('not_found');
    expect((await b.agent.delete(`/api/billing/payment-methods/${card.id}`)).status).to.equal(404);
    expect((await a.agent.get('/api/billing/payment-methods')).body[0]).to.deep.include({ id: card.id, isDefault: true });
  });

  it('the setup intent is for Stripe mode only: 409 use_test_card_form', async () => {
    const { agent } = await customer('seti@example.com');
    const res = await agent.post('/api/billing/payment-methods/setup-intent');
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('use_test_card_form');
  });

  it('the routes (and the webhook) are in the OpenAPI document', () => {
    const doc = new OpenApiGeneratorV3(billingTestApp().registry.definitions).generateDocument({ openapi: '3.0.3', info: { title: 't', version: '1' } });
    expect(Object.keys(doc.paths ?? {})).to.include.members([
      '/api/billing/payment-methods', '/api/billing/payment-methods/setup-intent', '/api/billing/payment-methods/{id}/default', '/api/billing/payment-methods/{id}', '/api/billing/stripe-webhook',
    ]);
    expect(Object.keys(doc.paths!['/api/billing/payment-methods'])).to.have.members(['get', 'post']);
  });

  it('the gateway events of a new card are stored as webhooks (same ingest path as Stripe)', async () => {
    const { agent } = await customer('events@example.com');
    const card = (await agent.post('/api/billing/payment-methods').send(VISA)).body;
    await settleLocalWebhooks();
    const rows = (await db().query(`SELECT provider, type, payload->'data'->'object'->>'id' AS object_id FROM webhook_events`, { type: 'SELECT' })) as Array<Record<string, string>>;
    expect(rows).to.deep.equal([{ provider: 'local', type: 'payment_method.attached', object_id: card.id }]);
  });
});

describe('billing: payment methods (Stripe mode, real SDK against the emulator)', () => {
  let emulator: StripeEmulator;
  let app: Express;
  before(async () => {
    emulator = await startStripeEmulator();
    ({ app } = billingTestApp({
      secretKey: 'sk_test_emulator', webhookSecret: 'whsec_pm_test', apiHost: emulator.host, apiPort: emulator.port, apiProtocol: 'http', publishableKey: 'pk_test_portal',
    }));
  });
  after(() => emulator.close());
  beforeEach(resetDatabase);

  it('creates the customer once and returns a SetupIntent client secret with the publishable key', async () => {
    const user = await makeUser({ email: 'stripe@example.com' });
    const agent = await signIn('stripe@example.com', undefined, app);
    const res = await agent.post('/api/billing/payment-methods/setup-intent');
    expect(res.status).to.equal(200);
    expect(res.body.publishableKey).to.equal('pk_test_portal');
    expect(res.body.clientSecret).to.match(/^seti_.+_secret_/);
    await agent.post('/api/billing/payment-methods/setup-intent');
    const account = (await BillingAccount.findOne({ where: { userId: user.id } }))!;
    expect(account.gatewayCustomerId).to.match(/^cus_/);
    expect(emulator.requestsTo('POST', '/v1/customers')).to.have.length(1);
    expect(emulator.requestsTo('POST', '/v1/setup_intents').map((r) => r.body.customer)).to.deep.equal([account.gatewayCustomerId, account.gatewayCustomerId]);
  });

  it('refuses card numbers: 409 use_stripe_elements; a card added through Elements becomes the default on listing', async () => {
    const user = await makeUser({ email: 'elements@example.com' });
    const agent = await signIn('elements@example.com', undefined, app);
    const refused = await agent.post('/api/billing/payment-methods').send(VISA);
    expect(refused.status).to.equal(409);
    expect(refused.body.code).to.equal('use_stripe_elements');

    await agent.post('/api/billing/payment-methods/setup-intent');
    const account = (await BillingAccount.findOne({ where: { userId: user.id } }))!;
    const pmId = emulator.attachTestPaymentMethod(account.gatewayCustomerId!, 'pm_card_visa');
    const list = await agent.get('/api/billing/payment-methods');
    expect(list.status).to.equal(200);
    expect(list.body).to.deep.equal([{ id: pmId, brand: 'visa', last4: '4242', expMonth: list.body[0].expMonth, expYear: list.body[0].expYear, isDefault: true }]);
    await account.reload();
    expect(account.defaultPaymentMethodId).to.equal(pmId);
    const [update] = emulator.requestsTo('POST', `/v1/customers/${account.gatewayCustomerId}`);
    expect(update.body).to.deep.equal({ invoice_settings: { default_payment_method: pmId } });
  });
});
