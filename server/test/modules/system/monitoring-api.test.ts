import { expect } from 'chai';
import request from 'supertest';
import { createApp } from '../../../src/app';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { Setting } from '../../../src/modules/system/setting.models';
import { requestMetrics } from '../../../src/modules/system/monitoring/request-metrics';
import { app, resetDatabase, signIn, testConfig } from '../../support/app';
import { makeUser } from '../../support/factories';
import { makeSubscription, resetTiers } from '../../support/billing-factories';

type Agent = Awaited<ReturnType<typeof signIn>>;

describe('system monitoring API', () => {
  let ops: Agent;
  let analyst: Agent;
  let support: Agent;
  let customer: Agent;

  before(async () => {
    await resetDatabase();
    await makeUser({ email: 'ops@example.com', role: 'super_admin' });
    await makeUser({ email: 'analyst@example.com', role: 'analytics_admin' });
    await makeUser({ email: 'support@example.com', role: 'support_admin' });
    await makeUser({ email: 'customer@example.com' });
    ops = await signIn('ops@example.com');
    analyst = await signIn('analyst@example.com');
    support = await signIn('support@example.com');
    customer = await signIn('customer@example.com');
  });

  describe('GET /api/admin/system/health', () => {
    it('reports every component with status and latency', async () => {
      const res = await analyst.get('/api/admin/system/health');
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.status).to.be.oneOf(['ok', 'degraded']);
      expect(res.body.checkedAt).to.be.a('string');
      const byName = Object.fromEntries(res.body.components.map((c: { name: string }) => [c.name, c]));
      expect(Object.keys(byName)).to.have.members(['database', 'jobQueue', 'search', 'payments', 'mailer']);
      expect(byName.database).to.include({ status: 'ok' });
      expect(byName.database.latencyMs).to.be.a('number');
      expect(byName.database.details.connections).to.be.greaterThan(0);
      expect(byName.jobQueue.status).to.equal('ok');
      expect(byName.jobQueue.details).to.have.keys(['backlog', 'active', 'failedLast24h', 'oldestWaitingSeconds']);
      expect(byName.search.details.engine).to.be.a('string');
      expect(byName.payments).to.deep.include({ status: 'ok', details: { processor: 'local', mode: 'test' } });
      expect(byName.mailer.details.mode).to.equal('outbox');
    });

    it('needs system.read', async () => {
      expect((await request(app()).get('/api/admin/system/health')).status).to.equal(401);
      expect((await customer.get('/api/admin/system/health')).status).to.equal(403);
      expect((await support.get('/api/admin/system/health')).status).to.equal(403);
    });
  });

  describe('GET /api/admin/system/performance', () => {
    it('counts requests under their route pattern, not the raw URL', async () => {
      requestMetrics.reset();
      await customer.get('/api/projects/00000000-0000-4000-8000-000000000001');
      await customer.get('/api/projects/00000000-0000-4000-8000-000000000002');
      await request(app()).get('/api/no-such-route');
      const res = await ops.get('/api/admin/system/performance');
      expect(res.status).to.equal(200);
      const routes = res.body.routes.map((r: { route: string }) => r.route);
      expect(routes).to.include('GET /api/projects/:id');
      expect(routes).to.include('(unmatched)');
      expect(routes.some((r: string) => r.includes('00000000'))).to.equal(false);
      const projects = res.body.routes.find((r: { route: string }) => r.route === 'GET /api/projects/:id');
      expect(projects.requests).to.equal(2);
      expect(projects.clientErrors).to.equal(2); // not the customer's projects: 404
      expect(projects.p95Ms).to.be.a('number');
      expect(res.body.series).to.have.length(60);
      expect(res.body.thresholds).to.have.keys(['errorRatePercent', 'p95LatencyMs', 'queueBacklog']);
    });

    it('rejects a bad window with 400', async () => {
      const res = await ops.get('/api/admin/system/performance?minutes=500');
      expect(res.status).to.equal(400);
      expect(res.body.errors).to.have.property('minutes');
    });
  });

  describe('GET /metrics', () => {
    const token = 'metrics-token-0123456789';

    it('answers 404 when METRICS_TOKEN is not set', async () => {
      expect((await request(app()).get('/metrics')).status).to.equal(404);
    });

    it('answers 401 without the token or with a wrong one, and the exposition with it', async () => {
      const withToken = createApp(testConfig({ METRICS_TOKEN: token }));
      const none = await request(withToken).get('/metrics');
      expect(none.status).to.equal(401);
      expect(none.headers['www-authenticate']).to.contain('Bearer');
      expect((await request(withToken).get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789')).status).to.equal(401);
      await request(withToken).get('/api/health');
      const ok = await request(withToken).get('/metrics').set('Authorization', `Bearer ${token}`);
      expect(ok.status).to.equal(200);
      expect(ok.headers['content-type']).to.contain('text/plain; version=0.0.4');
      expect(ok.text).to.match(/http_requests_total\{method="GET",route="\/api\/health",status="2xx"\} \d+/);
      expect(ok.text).to.contain('# TYPE http_request_duration_seconds histogram');
    });
  });

  describe('alert thresholds', () => {
    it('answers the defaults, then stores a change with an audit row', async () => {
      const defaults = await analyst.get('/api/admin/system/thresholds');
      expect(defaults.status).to.equal(200);
      expect(defaults.body).to.deep.equal({ errorRatePercent: 5, p95LatencyMs: 1500, queueBacklog: 500 });

      const put = await ops.put('/api/admin/system/thresholds').send({ errorRatePercent: 2.5, p95LatencyMs: 800, queueBacklog: 100 });
      expect(put.status, JSON.stringify(put.body)).to.equal(200);
      expect(put.body).to.deep.equal({ errorRatePercent: 2.5, p95LatencyMs: 800, queueBacklog: 100 });
      expect((await Setting.findByPk('monitoring.thresholds'))!.value).to.deep.include({ errorRatePercent: 2.5 });
      const row = await AuditLog.findOne({ where: { action: 'system.thresholds_updated' } });
      expect(row!.actorEmail).to.equal('ops@example.com');
      expect(row!.before).to.deep.equal({ errorRatePercent: 5, p95LatencyMs: 1500, queueBacklog: 500 });
    });

    it('refuses bad values field by field, and readers without system.manage', async () => {
      const bad = await ops.put('/api/admin/system/thresholds').send({ errorRatePercent: 0, p95LatencyMs: 12.5, queueBacklog: 'lots' });
      expect(bad.status).to.equal(400);
      expect(bad.body.code).to.equal('validation_failed');
      expect(bad.body.errors).to.have.keys(['errorRatePercent', 'p95LatencyMs', 'queueBacklog']);
      expect((await analyst.put('/api/admin/system/thresholds').send({ errorRatePercent: 5, p95LatencyMs: 800, queueBacklog: 100 })).status).to.equal(403);
    });
  });

  it('documents its routes in the OpenAPI description', async () => {
    const res = await request(app()).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    for (const path of ['/api/admin/system/health', '/api/admin/system/performance', '/api/admin/system/thresholds', '/api/admin/system/maintenance', '/api/admin/system/alerts', '/api/admin/dashboard']) {
      expect(res.body.paths, path).to.have.property(path);
    }
    expect(res.body.paths['/api/admin/system/maintenance'].post.description).to.contain('system.manage');
  });

  describe('GET /api/admin/dashboard', () => {
    it('gives a super admin every part', async () => {
      const res = await ops.get('/api/admin/dashboard');
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.health.components).to.have.length(5);
      expect(res.body.customers.total).to.equal(1);
      expect(res.body.billing).to.include.keys(['activeSubscriptions', 'mrrCents', 'currency']);
      expect(res.body.traffic).to.include.keys(['requestsLastHour', 'errorRatePercent']);
      expect(res.body.alerts).to.be.an('array');
      expect(res.body.recentActivity).to.be.an('array').that.is.not.empty;
      expect(res.body.maintenance).to.include({ enabled: false });
    });

    it('counts MRR from live paid subscriptions only', async () => {
      await resetTiers();
      const pro = await makeUser({ email: 'pro@example.com' });
      const ent = await makeUser({ email: 'ent@example.com' });
      const late = await makeUser({ email: 'late@example.com' });
      const gone = await makeUser({ email: 'gone@example.com' });
      await makeSubscription(pro.id, { tier: 'professional' });
      await makeSubscription(ent.id, { tier: 'enterprise' });
      await (await makeSubscription(late.id, { tier: 'professional' })).update({ status: 'past_due' });
      await (await makeSubscription(gone.id, { tier: 'enterprise' })).update({ status: 'cancelled', cancelledAt: new Date() });
      const res = await ops.get('/api/admin/dashboard');
      // 9900 + 49900 + 9900 (past due is still billed); the cancelled one and Free plans add nothing
      expect(res.body.billing).to.deep.include({ mrrCents: 69_700, paidSubscriptions: 3, pastDue: 1, currency: 'usd' });
      expect(res.body.customers.total).to.equal(5);
    });

    it('leaves out what a role may not see, and refuses customers', async () => {
      const res = await support.get('/api/admin/dashboard');
      expect(res.status).to.equal(200);
      expect(res.body.health).to.equal(null);
      expect(res.body.recentActivity).to.equal(null);
      expect(res.body.customers.total).to.equal(5);
      expect(res.body.billing).to.not.equal(null);
      expect((await customer.get('/api/admin/dashboard')).status).to.equal(403);
      expect((await request(app()).get('/api/admin/dashboard')).status).to.equal(401);
    });
  });
});
