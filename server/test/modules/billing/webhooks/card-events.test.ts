import { expect } from 'chai';
import Stripe from 'stripe';
import { db } from '../../../../src/db/sequelize';
import { BillingAccount } from '../../../../src/modules/billing/billing.models';
import { toDomainEvent } from '../../../../src/modules/billing/gateways/stripe-events';
import { WEBHOOK_HANDLERS } from '../../../../src/modules/billing/webhooks/handlers';
import { resetDatabase } from '../../../support/app';
import { makeSubscription } from '../../../support/billing-factories';
import { makeUser } from '../../../support/factories';

const event = (type: string, object: Record<string, unknown>, previous?: Record<string, unknown>) =>
  ({ id: `evt_${type}`, object: 'event', type, api_version: Stripe.API_VERSION, created: 1, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object, ...(previous ? { previous_attributes: previous } : {}) } }) as unknown as Stripe.Event;

const handle = (e: Stripe.Event) => {
  const domain = toDomainEvent(e);
  return db().transaction((t) => WEBHOOK_HANDLERS[domain.type](domain, t));
};

describe('billing: card webhooks (payment_method.detached, setup_intent.succeeded)', () => {
  beforeEach(resetDatabase);

  it('a detached default card is cleared from the account; replays and other cards change nothing', async () => {
    const user = await makeUser();
    await makeSubscription(user.id, { tier: 'professional' });
    await BillingAccount.update({ gatewayCustomerId: 'cus_A', defaultPaymentMethodId: 'pm_default' }, { where: { userId: user.id } });

    const other = await handle(event('payment_method.detached', { id: 'pm_other', object: 'payment_method', customer: null }, { customer: 'cus_A' }));
    expect(other.note).to.include("nobody's default");
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.defaultPaymentMethodId).to.equal('pm_default');

    const detached = toDomainEvent(event('payment_method.detached', { id: 'pm_default', object: 'payment_method', customer: null }, { customer: 'cus_A' }));
    expect(detached).to.deep.include({ type: 'payment_method_detached', paymentMethodId: 'pm_default', customerId: 'cus_A' });
    const outcome = await handle(event('payment_method.detached', { id: 'pm_default', object: 'payment_method', customer: null }, { customer: 'cus_A' }));
    expect(outcome).to.deep.include({ status: 'processed' });
    expect(outcome.note).to.include('cleared');
    expect((await BillingAccount.findOne({ where: { userId: user.id } }))!.defaultPaymentMethodId).to.equal(null);
    expect((await handle(event('payment_method.detached', { id: 'pm_default', object: 'payment_method', customer: null }))).note).to.include("nobody's default");
  });

  it('setup_intent.succeeded is recognised and noted without touching the default', async () => {
    const domain = toDomainEvent(event('setup_intent.succeeded', { id: 'seti_1', object: 'setup_intent', customer: 'cus_B', payment_method: 'pm_new', status: 'succeeded' }));
    expect(domain).to.deep.include({ type: 'setup_succeeded', paymentMethodId: 'pm_new', customerId: 'cus_B' });
    const outcome = await handle(event('setup_intent.succeeded', { id: 'seti_1', object: 'setup_intent', customer: 'cus_B', payment_method: 'pm_new', status: 'succeeded' }));
    expect(outcome.status).to.equal('processed');
  });
});
