import { expect } from 'chai';
import request from 'supertest';
import { seedDemo, DEMO_PASSWORD } from '../../../../seeders/demo';
import { app, resetDatabase, signIn } from '../../support/app';
import { makeProject, makeSnippet, makeUser } from '../../support/factories';
import { makeSubscription, makeUsage } from '../../support/billing-factories';

describe('billing: customer subscription routes', () => {
  beforeEach(resetDatabase);

  it('GET /api/subscriptions/tiers is public: prices in cents and limits, cheapest first', async () => {
    const res = await request(app()).get('/api/subscriptions/tiers');
    expect(res.status).to.equal(200);
    expect(res.body.map((t: { name: string }) => t.name)).to.deep.equal(['free', 'professional', 'enterprise']);
    expect(res.body[0]).to.deep.include({ displayName: 'Free', monthlyPriceCents: 0, maxProjects: 3, maxAnalysesPerMonth: 20, maxStorageMb: 1024, overageAnalysisCents: 0 });
    expect(res.body[1]).to.deep.include({ displayName: 'Professional', monthlyPriceCents: 9_900, maxProjects: 50, maxAnalysesPerMonth: 500, maxStorageMb: 25_600, includesPrioritySupport: true, includesAdvancedAnalytics: false, overageAnalysisCents: 10 });
    expect(res.body[2]).to.deep.include({ displayName: 'Enterprise', monthlyPriceCents: 49_900, maxProjects: null, maxAnalysesPerMonth: 5_000, maxStorageMb: 256_000, includesPrioritySupport: true, includesAdvancedAnalytics: true });
  });

  it('GET /api/subscriptions/current shows the plan and period; needs a session', async () => {
    expect((await request(app()).get('/api/subscriptions/current')).status).to.equal(401);
    const user = await makeUser({ email: 'cur@example.com' });
    await makeSubscription(user.id, { tier: 'professional' });
    const res = await (await signIn('cur@example.com')).get('/api/subscriptions/current');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ status: 'active', cancelAtPeriodEnd: false, cancelledAt: null, scheduledTier: null });
    expect(res.body.tier).to.deep.include({ name: 'professional', monthlyPriceCents: 9_900 });
    const start = Date.parse(res.body.currentPeriodStart);
    const end = Date.parse(res.body.currentPeriodEnd);
    expect(start).to.be.at.most(Date.now());
    expect(end).to.be.greaterThan(Date.now());
    expect((end - start) / 86_400_000).to.be.within(28, 31);
  });

  it('GET /api/subscriptions/current puts a customer from before billing on Free', async () => {
    await makeUser({ email: 'old@example.com' });
    const res = await (await signIn('old@example.com')).get('/api/subscriptions/current');
    expect(res.status).to.equal(200);
    expect(res.body.tier.name).to.equal('free');
  });

  it("GET /api/subscriptions/usage: this period's used, limit and percent per metric", async () => {
    const user = await makeUser({ email: 'use@example.com' });
    const sub = await makeSubscription(user.id);
    const project = await makeProject(user.id);
    const snippet = await makeSnippet(user.id, project.id, 'x'.repeat(2_000));
    await makeUsage(sub, 'analyses_run', 15);
    const res = await (await signIn('use@example.com')).get('/api/subscriptions/usage');
    expect(res.status).to.equal(200);
    expect(res.body.tier).to.equal('free');
    expect(Date.parse(res.body.periodEnd)).to.be.greaterThan(Date.parse(res.body.periodStart));
    expect(res.body.metrics).to.deep.equal([
      { metric: 'analyses_run', used: 15, limit: 20, percent: 75 }, // 15 / 20
      { metric: 'projects_created', used: 1, limit: 3, percent: 33 }, // 1 / 3 = 33.3 → 33
      { metric: 'storage_bytes', used: snippet.sizeBytes, limit: 1_073_741_824, percent: 0 }, // 2 KB of 1 GB
    ]);
    expect(res.body.projectedOverage).to.deep.equal({ analyses: 0, unitPriceCents: 0, totalCents: 0, currency: 'usd' });
  });

  it('the routes are in the OpenAPI document', async () => {
    const res = await request(app()).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    for (const p of ['/api/subscriptions/tiers', '/api/subscriptions/current', '/api/subscriptions/usage']) expect(res.body.paths[p].get.tags).to.deep.equal(['Subscriptions']);
    expect(res.body.components.schemas.SubscriptionTier.properties).to.have.property('monthlyPriceCents');
  });

  it('the demo seeder puts customer@example.com on Professional and free@example.com on Free near its limits', async () => {
    await seedDemo();
    const casey = await signIn('customer@example.com', DEMO_PASSWORD);
    expect((await casey.get('/api/subscriptions/current')).body.tier.name).to.equal('professional');
    // A working test card on file, so the demo's month end collects instead of dunning.
    const cards = (await casey.get('/api/billing/payment-methods')).body;
    expect(cards.map((c: { last4: string; isDefault: boolean }) => [c.last4, c.isDefault])).to.deep.equal([['4242', true]]);
    const frankie = await signIn('free@example.com', DEMO_PASSWORD);
    expect((await frankie.get('/api/subscriptions/current')).body.tier.name).to.equal('free');
    const usage = (await frankie.get('/api/subscriptions/usage')).body;
    expect(usage.metrics.find((m: { metric: string }) => m.metric === 'analyses_run')).to.include({ used: 18, limit: 20 });
    expect(usage.metrics.find((m: { metric: string }) => m.metric === 'projects_created')).to.include({ used: 2, limit: 3 });
  });
});
