import { expect } from 'chai';
import request from 'supertest';
import { Analysis } from '../../../src/modules/analyses/analysis.models';
import { Project, Snippet } from '../../../src/modules/projects/project.models';
import { Subscription, SubscriptionTier, UsageRecord } from '../../../src/modules/billing/billing.models';
import { recordUsage } from '../../../src/modules/billing/usage';
import { db } from '../../../src/db/sequelize';
import { clock } from '../../../src/lib/clock';
import { app, resetDatabase, signIn } from '../../support/app';
import { makeProject, makeSnippet, makeUser } from '../../support/factories';
import { makeSubscription, makeUsage } from '../../support/billing-factories';

const DAY = 86_400_000;

/** A customer on a tier with one project and one snippet to analyse, signed in. */
async function customer(tier: 'free' | 'professional' = 'free') {
  const user = await makeUser();
  const subscription = await makeSubscription(user.id, { tier });
  const project = await makeProject(user.id);
  const snippet = await makeSnippet(user.id, project.id);
  const agent = await signIn(user.email);
  const analyse = () => agent.post(`/api/projects/${project.id}/analyses`).send({ snippetId: snippet.id, type: 'quality' });
  const analysesUsed = () => UsageRecord.count({ where: { subscriptionId: subscription.id, metric: 'analyses_run' } });
  return { user, subscription, project, snippet, agent, analyse, analysesUsed };
}

describe('billing: plan limits are enforced at the action', () => {
  beforeEach(resetDatabase);

  it('registration puts the new customer on Free with a billing account, in the current period', async () => {
    const res = await request(app()).post('/api/auth/register').send({ name: 'New Customer', email: 'new@example.com', password: 'long enough password' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const subs = await Subscription.findAll({ where: { userId: res.body.user.id } });
    expect(subs).to.have.length(1);
    const free = await SubscriptionTier.findOne({ where: { name: 'free' } });
    expect(subs[0].tierId).to.equal(free!.id);
    expect(subs[0].status).to.equal('active');
    const now = clock.now().getTime();
    expect(subs[0].currentPeriodStart.getTime()).to.be.at.most(now);
    expect(subs[0].currentPeriodEnd.getTime()).to.be.greaterThan(now);
    const [[account]] = await db().query(`SELECT credit_balance_cents FROM billing_accounts WHERE user_id = ?`, { replacements: [subs[0].userId] }) as [Array<{ credit_balance_cents: number }>, unknown];
    expect(account.credit_balance_cents).to.equal(0);
  });

  it("a Free customer's 4th project → 402 plan_limit_reached, upgrade to professional, nothing written", async () => {
    const user = await makeUser({ email: 'p@example.com' }); // a user from before billing: no subscription yet
    const agent = await signIn('p@example.com');
    for (const name of ['One', 'Two', 'Three']) expect((await agent.post('/api/projects').send({ name })).status).to.equal(201);
    const before = [await Project.count(), await UsageRecord.count()];
    expect(before).to.deep.equal([3, 3]);

    const res = await agent.post('/api/projects').send({ name: 'Four' });
    expect(res.status).to.equal(402);
    expect(res.body).to.deep.include({ statusCode: 402, code: 'plan_limit_reached', metric: 'projects_created', limit: 3, used: 3, upgradeTo: 'professional' });
    expect(res.body.message).to.equal('Your Free plan allows 3 projects. Upgrade to Professional to go further.');
    expect([await Project.count(), await UsageRecord.count()]).to.deep.equal(before);
    expect(await Subscription.count({ where: { userId: user.id } })).to.equal(1); // created lazily, once

    // deleting a project frees its slot
    const [first] = (await agent.get('/api/projects')).body;
    await agent.delete(`/api/projects/${first.id}`);
    expect((await agent.post('/api/projects').send({ name: 'Four' })).status).to.equal(201);
  });

  it('the 20th analysis of a period is allowed on Free, the 21st → 402 and nothing written', async () => {
    const c = await customer('free');
    await makeUsage(c.subscription, 'analyses_run', 19);
    expect((await c.analyse()).status).to.equal(202);
    const res = await c.analyse();
    expect(res.status).to.equal(402);
    expect(res.body).to.deep.include({ code: 'plan_limit_reached', metric: 'analyses_run', limit: 20, used: 20, upgradeTo: 'professional' });
    expect(await Analysis.count()).to.equal(1);
    expect(await c.analysesUsed()).to.equal(20);
  });

  it("a Professional customer's 501st analysis is allowed and recorded as usage (overage)", async () => {
    const c = await customer('professional');
    await makeUsage(c.subscription, 'analyses_run', 500);
    const res = await c.analyse();
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    expect(await c.analysesUsed()).to.equal(501);
    expect(await UsageRecord.count({ where: { idempotencyKey: `analysis:${res.body.id}` } })).to.equal(1);
    const usage = (await c.agent.get('/api/subscriptions/usage')).body;
    expect(usage.projectedOverage).to.deep.equal({ analyses: 1, unitPriceCents: 10, totalCents: 10, currency: 'usd' }); // 1 × 10¢
  });

  it('20 parallel analyses on a Free account with 15 used → exactly 5 succeed', async () => {
    const c = await customer('free');
    await makeUsage(c.subscription, 'analyses_run', 15);
    const results = await Promise.all(Array.from({ length: 20 }, () => c.analyse()));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).to.have.length(5);
    expect(statuses.filter((s) => s === 402)).to.have.length(15);
    expect(await Analysis.count()).to.equal(5);
    expect(await c.analysesUsed()).to.equal(20);
  });

  it('20 parallel first projects of a user without a subscription create one subscription and 3 projects', async () => {
    await makeUser({ email: 'race@example.com' });
    const agent = await signIn('race@example.com');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => agent.post('/api/projects').send({ name: `P${i}` })));
    expect(results.filter((r) => r.status === 201)).to.have.length(3);
    expect(results.filter((r) => r.status === 402)).to.have.length(17);
    expect(await Subscription.count()).to.equal(1);
    expect(await Project.count()).to.equal(3);
  });

  it('usage is idempotent on its key', async () => {
    const c = await customer('free');
    const record = () => db().transaction((t) => recordUsage(t, { userId: c.user.id, metric: 'analyses_run', quantity: 1, idempotencyKey: 'analysis:same-event' }));
    expect(await record()).to.equal(true);
    expect(await record()).to.equal(false);
    expect(await UsageRecord.count({ where: { idempotencyKey: 'analysis:same-event' } })).to.equal(1);
  });

  it('advancing the clock into the next period resets the count', async () => {
    const c = await customer('free');
    await makeUsage(c.subscription, 'analyses_run', 20);
    expect((await c.analyse()).status).to.equal(402);
    clock.advance(32 * DAY); // past the end of any monthly period
    const agent = await signIn(c.user.email); // the old session has expired by then
    const res = await agent.post(`/api/projects/${c.project.id}/analyses`).send({ snippetId: c.snippet.id, type: 'quality' });
    expect(res.status).to.equal(202);
    const usage = (await agent.get('/api/subscriptions/usage')).body;
    expect(usage.metrics.find((m: { metric: string }) => m.metric === 'analyses_run')).to.deep.equal({ metric: 'analyses_run', used: 1, limit: 20, percent: 5 });
  });

  it('snippets count against storage: over 1 GB on Free → 402 with upgrade to professional', async () => {
    const c = await customer('free');
    await Snippet.create({ ownerId: c.user.id, projectId: c.project.id, filename: 'big.bin', language: 'other', content: 'x', sizeBytes: 1024 * 1024 * 1024 - 10 - c.snippet.sizeBytes }); // 10 bytes left
    const res = await c.agent.post(`/api/projects/${c.project.id}/snippets`).send({ filename: 'a.js', language: 'javascript', content: 'x'.repeat(11) });
    expect(res.status).to.equal(402);
    expect(res.body).to.deep.include({ code: 'plan_limit_reached', metric: 'storage_bytes', upgradeTo: 'professional' });
    const ok = await c.agent.post(`/api/projects/${c.project.id}/snippets`).send({ filename: 'a.js', language: 'javascript', content: 'x'.repeat(10) });
    expect(ok.status).to.equal(201);
    expect(await UsageRecord.findOne({ where: { idempotencyKey: `snippet:${ok.body.id}` } })).to.have.property('quantity', 10);
    // full now: growing a snippet is refused too, shrinking is fine
    const grow = await c.agent.patch(`/api/snippets/${ok.body.id}`).send({ content: 'x'.repeat(11) });
    expect(grow.status).to.equal(402);
    expect(grow.body.metric).to.equal('storage_bytes');
    expect((await c.agent.patch(`/api/snippets/${ok.body.id}`).send({ content: 'x' })).status).to.equal(200);
    expect((await c.agent.patch(`/api/snippets/${ok.body.id}`).send({ content: 'x'.repeat(10) })).status).to.equal(200);
    expect(await UsageRecord.sum('quantity', { where: { metric: 'storage_bytes' } })).to.equal(19); // 10 stored + 9 grown back
  });
});
