import { expect } from 'chai';
import Stripe from 'stripe';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { createApp } from '../../../src/app';
import { db } from '../../../src/db/sequelize';
import { resetDatabase, signIn, testConfig } from '../../support/app';
import { makeUser } from '../../support/factories';

/** The billing routes as createApp mounts them: JSON routes after the parser, the webhook before it. */
describe('billing routes in the real app', () => {
  const secret = 'whsec_wiring_test';
  // Built once the test database (and its models) is up: createApp installs model hooks.
  let app: ReturnType<typeof createApp>;
  before(() => {
    app = createApp(testConfig({ STRIPE_WEBHOOK_SECRET: secret }));
  });

  beforeEach(async () => {
    await resetDatabase();
    await db().query('TRUNCATE webhook_events');
  });

  it('a customer adds the 4242 test card and it becomes the default; the declined card is refused', async () => {
    await makeUser({ email: 'card@example.com' });
    const agent = await signIn('card@example.com', undefined, app);
    const added = await agent.post('/api/billing/payment-methods').send({ cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123' });
    expect(added.status, JSON.stringify(added.body)).to.be.oneOf([200, 201]);
    const list = await agent.get('/api/billing/payment-methods');
    expect(list.body).to.have.length(1);
    expect(list.body[0]).to.include({ last4: '4242', isDefault: true });
    const declined = await agent.post('/api/billing/payment-methods').send({ cardNumber: '4000000000000002', expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: '123' });
    expect(declined.status).to.equal(402);
    expect(declined.body.code).to.equal('card_declined');
    expect((await agent.get('/api/billing/payment-methods')).body).to.have.length(1);
  });

  it('verifies a webhook on its raw bytes (the JSON parser must not run first) and stores it once', async () => {
    const payload = JSON.stringify({ id: 'evt_wiring_1', object: 'event', type: 'customer.created', api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object: { id: 'cus_1', object: 'customer' } } });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    const post = () => request(app).post('/api/billing/stripe-webhook').set('content-type', 'application/json').set('stripe-signature', header).send(payload);
    expect((await post()).status).to.equal(200);
    expect((await post()).status).to.equal(200);
    const rows = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_events WHERE event_id = 'evt_wiring_1'`, { type: QueryTypes.SELECT });
    expect(rows[0].n).to.equal(1);
    const tampered = await request(app).post('/api/billing/stripe-webhook').set('content-type', 'application/json').set('stripe-signature', header).send(payload.replace('cus_1', 'cus_2'));
    expect(tampered.status).to.equal(400);
    expect(tampered.body.code).to.equal('invalid_signature');
  });
});
