import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { db } from '../../../../src/db/sequelize';
import { createMigrator, migrateUp } from '../../../../src/db/migrator';
import { AppError } from '../../../../src/http/errors';
import { LocalGateway, type SignedWebhook } from '../../../../src/modules/billing/gateways/local-gateway';
import { SqlLocalGatewayStore } from '../../../../src/modules/billing/gateways/sql-local-gateway-store';
import { resetDatabase } from '../../../support/app';
import { makeUser } from '../../../support/factories';

const VISA = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' };

describe('billing: local gateway on the SQL store (migration 0003)', () => {
  let events: SignedWebhook[];
  let gateway: LocalGateway;
  beforeEach(async () => {
    await resetDatabase();
    events = [];
    gateway = new LocalGateway({ store: new SqlLocalGatewayStore(), onEvent: (w) => void events.push(w) });
  });

  async function customerWithCard(cardNumber = VISA.cardNumber) {
    const user = await makeUser();
    const { customerId } = await gateway.ensureCustomer({ userId: user.id, email: user.email, name: user.name });
    const card = await gateway.attachTestCard({ customerId, ...VISA, cardNumber });
    return { user, customerId, paymentMethodId: card.paymentMethodId };
  }

  it('one customer per user, even for racing calls', async () => {
    const user = await makeUser();
    const ids = await Promise.all(Array.from({ length: 8 }, () => gateway.ensureCustomer({ userId: user.id, email: user.email, name: user.name })));
    expect(new Set(ids.map((r) => r.customerId)).size).to.equal(1);
    const [[{ n }]] = (await db().query(`SELECT count(*)::int AS n FROM local_gateway_customers WHERE user_id = ?`, { replacements: [user.id] })) as [Array<{ n: number }>, unknown];
    expect(n).to.equal(1);
  });

  it('charges once per idempotency key, across racing calls, and emits one event', async () => {
    const { customerId, paymentMethodId } = await customerWithCard();
    events.length = 0;
    const input = { customerId, paymentMethodId, amountCents: 9_900, currency: 'USD', idempotencyKey: 'invoice:1:attempt:1', metadata: { invoice_id: '1' } };
    const results = await Promise.all(Array.from({ length: 6 }, () => gateway.charge(input)));
    expect(new Set(results.map((r) => r.paymentId)).size).to.equal(1);
    expect(results[0].status).to.equal('succeeded');
    expect(await gateway.charge(input)).to.deep.equal(results[0]);
    const [[row]] = (await db().query(`SELECT count(*)::int AS n, sum(amount_cents)::int AS cents, min(currency) AS currency, min(metadata->>'invoice_id') AS invoice FROM local_gateway_payments`)) as [Array<Record<string, unknown>>, unknown];
    expect(row).to.deep.equal({ n: 1, cents: 9_900, currency: 'usd', invoice: '1' });
    expect(events.map((e) => e.type)).to.deep.equal(['payment_intent.succeeded']);
    // Same key, other amount: a caller bug, refused.
    const err = await gateway.charge({ ...input, amountCents: 100 }).catch((e: unknown) => e);
    expect((err as AppError).code).to.equal('idempotency_key_reused');
  });

  it('a card that declines on charge stores a failed payment', async () => {
    const { customerId, paymentMethodId } = await customerWithCard('4000000000000341');
    const result = await gateway.charge({ customerId, paymentMethodId, amountCents: 500, currency: 'usd', idempotencyKey: 'k-fail' });
    expect(result).to.deep.include({ status: 'failed', failureCode: 'card_declined', declineCode: 'generic_decline' });
    expect((await gateway.charge({ customerId, paymentMethodId, amountCents: 500, currency: 'usd', idempotencyKey: 'k-fail' })).paymentId).to.equal(result.paymentId);
  });

  it('refunds: idempotent per key, never more than the payment (racing refunds included)', async () => {
    const { customerId, paymentMethodId } = await customerWithCard();
    const { paymentId } = await gateway.charge({ customerId, paymentMethodId, amountCents: 1_000, currency: 'usd', idempotencyKey: 'k-refund' });
    const first = await gateway.refund({ paymentId, amountCents: 400, idempotencyKey: 'r-1' });
    expect(await gateway.refund({ paymentId, amountCents: 400, idempotencyKey: 'r-1' })).to.deep.equal(first);
    // 600 left: of five racing 200-cent refunds, exactly three fit.
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => gateway.refund({ paymentId, amountCents: 200, idempotencyKey: `r-race-${i}` })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(3);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => ((o as PromiseRejectedResult).reason as AppError).code)).to.deep.equal(['amount_too_large', 'amount_too_large']);
    const [[row]] = (await db().query(`SELECT refunded_cents AS refunded, (SELECT sum(amount_cents) FROM local_gateway_refunds)::int AS total FROM local_gateway_payments WHERE id = ?`, { replacements: [paymentId] })) as [Array<Record<string, number>>, unknown];
    expect(row).to.deep.equal({ refunded: 1_000, total: 1_000 });
  });

  it('detaching a default card clears the default; a detached card stays detached', async () => {
    const { customerId, paymentMethodId } = await customerWithCard();
    await gateway.setDefaultPaymentMethod(customerId, paymentMethodId);
    expect((await gateway.listPaymentMethods(customerId))[0].isDefault).to.equal(true);
    await gateway.detachPaymentMethod(customerId, paymentMethodId);
    expect(await gateway.listPaymentMethods(customerId)).to.deep.equal([]);
    const [[row]] = (await db().query(`SELECT default_payment_method_id AS d FROM local_gateway_customers WHERE id = ?`, { replacements: [customerId] })) as [Array<{ d: string | null }>, unknown];
    expect(row.d).to.equal(null);
    const err = await gateway.detachPaymentMethod(customerId, paymentMethodId).catch((e: unknown) => e);
    expect((err as AppError).statusCode).to.equal(404);
  });

  it('migration 0003 goes down and up again', async () => {
    const tables = async () => (await db().query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'local_gateway_%' ORDER BY 1`, { type: QueryTypes.SELECT },
    )).map((r) => r.t);
    try {
      await createMigrator(db(), { quiet: true }).down({ to: '0003-payment-gateway.ts' });
      expect(await tables()).to.deep.equal([]);
    } finally {
      await migrateUp(db(), { quiet: true }); // the rest of the suite needs the schema whatever happened
    }
    expect(await tables()).to.deep.equal(['local_gateway_customers', 'local_gateway_payment_methods', 'local_gateway_payments', 'local_gateway_refunds']);
  });
});
