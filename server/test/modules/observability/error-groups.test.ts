import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { ErrorGroup, SystemLog } from '../../../src/modules/observability/observability.models';
import { recordError } from '../../../src/modules/observability/record-error.service';
import { writeSystemLog } from '../../../src/modules/observability/write-system-log.service';
import { purgeSystemLogs } from '../../../src/modules/observability/services/purge-system-logs.service';
import { captureError, setErrorReporter } from '../../../src/lib/error-reporter';
import { createApp } from '../../../src/app';
import { db } from '../../../src/db/sequelize';
import { app, resetDatabase, signIn, testConfig } from '../../support/app';
import { makeUser } from '../../support/factories';
import { parseEnvelope } from '../../support/sentry-receiver';
import { requestMetrics } from '../../../src/modules/system/monitoring/request-metrics';
import { Setting } from '../../../src/modules/system/setting.models';

type Agent = Awaited<ReturnType<typeof signIn>>;

async function resetObservability() {
  await db().query('TRUNCATE system_logs, error_group_users, error_groups CASCADE');
}

/** The same throw site every call: one fingerprint. */
function failAtTheSamePlace(id: number): Error {
  return new Error(`Invoice ${id} could not be rendered`);
}

describe('error groups', () => {
  before(() => setErrorReporter(null)); // another file may have replaced the reporter
  beforeEach(resetObservability);

  it('the same error twice is one group with count 2; a different one is a second group', async () => {
    const [u1, u2] = [await makeUser(), await makeUser()];
    const a = await captureError(failAtTheSamePlace(1), { component: 'api', userId: u1.id, requestId: 'r1' });
    const b = await captureError(failAtTheSamePlace(2), { component: 'api', userId: u2.id, requestId: 'r2' });
    await captureError(failAtTheSamePlace(3), { component: 'api', userId: u1.id });
    await captureError(new RangeError('Something else entirely'), { component: 'api' });

    const groups = await ErrorGroup.findAll({ order: [['eventCount', 'DESC']] });
    expect(groups).to.have.length(2);
    expect(groups[0].eventCount).to.equal(3);
    expect(groups[0].userCount, 'two distinct users').to.equal(2);
    expect(groups[0].message).to.equal('Invoice <n> could not be rendered'.replace('<n>', '3'));
    expect(groups[0].lastStack).to.include('failAtTheSamePlace');
    expect(groups[1].eventCount).to.equal(1);
    expect(groups[1].errorType).to.equal('RangeError');
    const first = await SystemLog.findByPk(a.errorId);
    expect(first?.errorGroupId).to.equal(groups[0].id);
    expect(first?.requestId).to.equal('r1');
    expect((await SystemLog.findByPk(b.errorId))?.userId).to.equal(u2.id);
  });

  it('a resolved group that recurs is reopened and flagged as a regression; an ignored one stays ignored', async () => {
    const first = await recordError({ type: 'Error', message: 'boom', stack: 'Error: boom\n    at thing (/x/server/src/a.ts:1:1)', component: 'job' });
    await ErrorGroup.update({ status: 'resolved', resolvedAt: new Date() }, { where: { id: first.groupId } });
    const again = await recordError({ type: 'Error', message: 'boom', stack: 'Error: boom\n    at thing (/x/server/src/a.ts:7:1)', component: 'job' });
    expect(again.groupId).to.equal(first.groupId);
    expect(again.regression).to.equal(true);
    const g = await ErrorGroup.findByPk(first.groupId);
    expect(g?.status).to.equal('unresolved');
    expect(g?.regressed).to.equal(true);
    expect(g?.regressedAt).to.be.instanceOf(Date);

    await ErrorGroup.update({ status: 'ignored' }, { where: { id: first.groupId } });
    const third = await recordError({ type: 'Error', message: 'boom', stack: 'Error: boom\n    at thing (/x/server/src/a.ts:1:1)', component: 'job' });
    expect(third.regression).to.equal(false);
    expect((await ErrorGroup.findByPk(first.groupId))?.status).to.equal('ignored');
    expect((await ErrorGroup.findByPk(first.groupId))?.eventCount).to.equal(3);
  });

  it('the daily purge drops lines older than 30 days and keeps the groups', async () => {
    const old = await recordError({ type: 'Error', message: 'old', component: 'job' });
    await SystemLog.update({ createdAt: new Date(Date.now() - 31 * 86_400_000) }, { where: { id: old.eventId } });
    const fresh = await recordError({ type: 'Error', message: 'old', component: 'job' });
    expect(await purgeSystemLogs()).to.equal(1);
    expect(await SystemLog.findByPk(old.eventId)).to.equal(null);
    expect(await SystemLog.findByPk(fresh.eventId)).to.not.equal(null);
    expect((await ErrorGroup.findByPk(old.groupId))?.eventCount).to.equal(2);
  });

  it('writeSystemLog stores a scrubbed line', async () => {
    const row = await writeSystemLog({ level: 'warning', component: 'mail', message: 'bounce from x@example.com', context: { to: 'x@example.com', attempt: 2, password: 'p' } });
    expect(row.message).to.equal('bounce from [email]');
    expect(row.context).to.deep.equal({ to: '[email]', attempt: 2, password: '[Filtered]' });
  });
});

describe('error tracking over HTTP', () => {
  const agents: Record<string, Agent> = {};
  let customerId: string;

  before(async () => {
    setErrorReporter(null);
    await resetDatabase();
    for (const role of ['super_admin', 'analytics_admin', 'support_admin'] as const) {
      await makeUser({ email: `${role}@example.com`, role });
      agents[role] = await signIn(`${role}@example.com`);
    }
    customerId = (await makeUser({ email: 'customer@example.com' })).id;
    agents.customer = await signIn('customer@example.com');
  });
  beforeEach(resetObservability);

  it('an unexpected route error answers 500 with an errorId that is the stored event; test-error is for super admins only', async () => {
    expect((await request(app()).post('/api/admin/system/test-error').send({})).status).to.equal(401);
    expect((await agents.support_admin.post('/api/admin/system/test-error').send({})).status).to.equal(403);
    expect((await agents.analytics_admin.post('/api/admin/system/test-error').send({})).status).to.equal(403);
    const res = await agents.super_admin.post('/api/admin/system/test-error').set('x-request-id', 'req-42').send({ message: 'Checking tracking' });
    expect(res.status).to.equal(500);
    expect(res.body).to.include({ statusCode: 500, code: 'internal_error' });
    expect(res.body).to.not.have.property('sentryEventId'); // no SENTRY_DSN in tests
    const event = await SystemLog.findByPk(res.body.errorId);
    expect(event).to.not.equal(null);
    expect(event!.message).to.equal('Checking tracking');
    expect(event!.requestId).to.equal('req-42');
    expect(event!.component).to.equal('api');
    expect(event!.context).to.include({ errorType: 'TestError', method: 'POST', path: '/admin/system/test-error' });
  });

  it('lists groups (simple-rest) with trend, filters by status, and finds a group by the errorId a user quotes', async () => {
    const one = await agents.super_admin.post('/api/admin/system/test-error').send({ message: 'first kind' });
    await agents.super_admin.post('/api/admin/system/test-error').send({ message: 'first kind' });
    await captureError(new SyntaxError('Unexpected token in export file'), { component: 'job' });

    const list = await agents.analytics_admin.get('/api/admin/system/errors?_start=0&_end=10');
    expect(list.status).to.equal(200);
    expect(list.headers['x-total-count']).to.equal('2');
    const testGroup = list.body.find((g: { errorType: string }) => g.errorType === 'TestError');
    expect(testGroup).to.include({ eventCount: 2, status: 'unresolved', component: 'api', regressed: false });
    expect(testGroup.trend).to.have.length(24);
    expect(testGroup.trend[23]).to.equal(2);

    const byId = await agents.analytics_admin.get(`/api/admin/system/errors?q=${one.body.errorId}`);
    expect(byId.body.map((g: { id: string }) => g.id)).to.deep.equal([testGroup.id]);
    const byText = await agents.analytics_admin.get('/api/admin/system/errors?q=unexpected token');
    expect(byText.body).to.have.length(1);
    expect(byText.body[0].errorType).to.equal('SyntaxError');
    expect((await agents.analytics_admin.get('/api/admin/system/errors?status=resolved')).body).to.have.length(0);
    expect((await agents.analytics_admin.get('/api/admin/system/errors?status=nope')).status).to.equal(400);
    expect((await agents.customer.get('/api/admin/system/errors')).status).to.equal(403);
    expect((await agents.support_admin.get('/api/admin/system/errors')).status).to.equal(403);
  });

  it('shows a group with its events and daily trend; resolving and ignoring are audited and need system.manage', async () => {
    const res = await agents.super_admin.post('/api/admin/system/test-error').send({});
    const { errorGroupId } = (await SystemLog.findByPk(res.body.errorId))!;
    const detail = await agents.analytics_admin.get(`/api/admin/system/errors/${errorGroupId}`);
    expect(detail.status).to.equal(200);
    expect(detail.body.events).to.have.length(1);
    expect(detail.body.events[0].id).to.equal(res.body.errorId);
    expect(detail.body.lastStack).to.include('TestError');
    expect(detail.body.dailyTrend).to.have.length(14);
    expect(detail.body.dailyTrend[13].count).to.equal(1);
    expect((await agents.analytics_admin.get('/api/admin/system/errors/00000000-0000-4000-8000-000000000000')).status).to.equal(404);

    expect((await agents.analytics_admin.patch(`/api/admin/system/errors/${errorGroupId}`).send({ status: 'resolved' })).status).to.equal(403);
    expect((await agents.super_admin.patch(`/api/admin/system/errors/${errorGroupId}`).send({ status: 'fixed' })).status).to.equal(400);
    const resolved = await agents.super_admin.patch(`/api/admin/system/errors/${errorGroupId}`).send({ status: 'resolved' });
    expect(resolved.status).to.equal(200);
    expect(resolved.body.status).to.equal('resolved');
    expect(resolved.body.resolvedAt).to.be.a('string');
    const audit = await AuditLog.findOne({ where: { action: 'error_group.resolved', targetId: errorGroupId } });
    expect(audit?.before).to.deep.equal({ status: 'unresolved', regressed: false });

    // it happens again: a regression, visible in the list filter
    await agents.super_admin.post('/api/admin/system/test-error').send({});
    const regressed = await agents.analytics_admin.get('/api/admin/system/errors?regressed=true');
    expect(regressed.body.map((g: { id: string }) => g.id)).to.deep.equal([errorGroupId]);
    expect(regressed.body[0].status).to.equal('unresolved');

    const ignored = await agents.super_admin.patch(`/api/admin/system/errors/${errorGroupId}`).send({ status: 'ignored' });
    expect(ignored.body.status).to.equal('ignored');
    expect(await AuditLog.count({ where: { action: 'error_group.ignored', targetId: errorGroupId } })).to.equal(1);
  });

  it('the system log lists lines with filters (level, component, date) and search', async () => {
    await writeSystemLog({ level: 'info', component: 'billing', message: 'month end ran' });
    await writeSystemLog({ level: 'warning', component: 'mail', message: 'SMTP slow' });
    await captureError(new Error('kaput'), { component: 'job' });
    const all = await agents.analytics_admin.get('/api/admin/system/logs');
    expect(all.status).to.equal(200);
    expect(all.headers['x-total-count']).to.equal('3');
    expect(all.body[0]).to.have.keys('id', 'level', 'component', 'message', 'context', 'stack', 'fingerprint', 'errorGroupId', 'requestId', 'userId', 'sentryEventId', 'createdAt');
    expect((await agents.analytics_admin.get('/api/admin/system/logs?level=error')).body.map((l: { message: string }) => l.message)).to.deep.equal(['kaput']);
    expect((await agents.analytics_admin.get('/api/admin/system/logs?component=mail')).body).to.have.length(1);
    expect((await agents.analytics_admin.get('/api/admin/system/logs?q=month')).body).to.have.length(1);
    expect((await agents.analytics_admin.get(`/api/admin/system/logs?createdAt_gte=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).body).to.have.length(0);
    expect((await agents.analytics_admin.get('/api/admin/system/logs?level=loud')).status).to.equal(400);
    expect((await agents.support_admin.get('/api/admin/system/logs')).status).to.equal(403);
  });

  it('the error summary raises the alert when the API error rate crosses the monitoring threshold', async () => {
    requestMetrics.reset();
    try {
      for (let i = 0; i < 40; i++) requestMetrics.record('GET /api/things', i < 3 ? 500 : 200, 5);
      const calm = await agents.analytics_admin.get('/api/admin/system/errors/summary');
      expect(calm.status).to.equal(200);
      // the summary request itself is counted too, once it has finished: 3 of 40 so far = 7.5 %
      expect(calm.body).to.include({ thresholdPercent: 5, windowMinutes: 60, serverErrors: 3, alert: true });
      await Setting.upsert({ key: 'monitoring.thresholds', value: { errorRatePercent: 10, p95LatencyMs: 1500, queueBacklog: 500 } });
      const raised = await agents.analytics_admin.get('/api/admin/system/errors/summary');
      expect(raised.body).to.include({ thresholdPercent: 10, alert: false });
    } finally {
      requestMetrics.reset();
      await Setting.destroy({ where: { key: 'monitoring.thresholds' } });
    }
  });

  it('browser errors: validated, stored with the signed-in user, size-capped and rate-limited', async () => {
    const report = { app: 'portal', type: 'TypeError', message: "Cannot read properties of null (reading 'map') for ana@example.com", stack: "TypeError: x\n    at InvoiceList (http://localhost:3000/portal/assets/index-AbCd1234.js:1:100)", url: 'http://localhost:3000/portal/invoices?token=abc123def' };
    const res = await agents.customer.post('/api/client-errors').send(report);
    expect(res.status).to.equal(201);
    const stored = await SystemLog.findByPk(res.body.errorId);
    expect(stored?.component).to.equal('browser');
    expect(stored?.userId).to.equal(customerId);
    expect(stored?.message).to.not.include('ana@example.com');
    expect(JSON.stringify(stored?.context)).to.not.include('abc123def');
    const anonymous = await request(app()).post('/api/client-errors').send({ ...report, app: 'admin' });
    expect(anonymous.status).to.equal(201);
    expect((await SystemLog.findByPk(anonymous.body.errorId))?.userId).to.equal(null);
    expect((await ErrorGroup.findAll()).map((g) => g.eventCount)).to.deep.equal([2]);

    const bad = await request(app()).post('/api/client-errors').send({ app: 'other', message: '' });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors).to.have.keys('app', 'message');
    const big = await request(app()).post('/api/client-errors').send({ ...report, stack: 'x'.repeat(40_000) });
    expect(big.status).to.equal(413);

    const limited = createApp(testConfig());
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await request(limited).post('/api/client-errors').send(report)).status);
    expect(statuses.slice(0, 30).every((s) => s === 201)).to.equal(true);
    expect(statuses[30]).to.equal(429);
  });

  describe('Sentry tunnel', () => {
    let upstream: http.Server;
    let port = 0;
    const received: string[] = [];
    before(async () => {
      upstream = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          received.push(`${req.url}\n${body}`);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"ok"}');
        });
      });
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      port = (upstream.address() as AddressInfo).port;
    });
    after(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

    const envelope = (dsn: string) => `${JSON.stringify({ event_id: 'b'.repeat(32), dsn })}\n{"type":"event"}\n{"message":"hi"}\n`;

    it('forwards envelopes for the configured browser DSN only', async () => {
      const tunnelApp = createApp(testConfig({ SENTRY_BROWSER_DSN: `http://browserkey@127.0.0.1:${port}/77` }));
      const ok = await request(tunnelApp).post('/api/sentry-tunnel').set('content-type', 'text/plain;charset=UTF-8').send(envelope(`http://browserkey@127.0.0.1:${port}/77`));
      expect(ok.status).to.equal(200);
      expect(received).to.have.length(1);
      expect(received[0].split('\n')[0]).to.equal('/api/77/envelope/');
      expect(parseEnvelope('', received[0].split('\n').slice(1).join('\n')).items[0].header.type).to.equal('event');

      const otherProject = await request(tunnelApp).post('/api/sentry-tunnel').set('content-type', 'text/plain').send(envelope(`http://browserkey@127.0.0.1:${port}/78`));
      expect(otherProject.status).to.equal(403);
      expect(otherProject.body.code).to.equal('dsn_not_allowed');
      const otherHost = await request(tunnelApp).post('/api/sentry-tunnel').set('content-type', 'text/plain').send(envelope('https://k@evil.example.com/77'));
      expect(otherHost.status).to.equal(403);
      const garbage = await request(tunnelApp).post('/api/sentry-tunnel').set('content-type', 'text/plain').send('not json\n');
      expect(garbage.status).to.equal(400);
      expect(received).to.have.length(1);
    });

    it('is off when no browser DSN is set', async () => {
      const res = await request(app()).post('/api/sentry-tunnel').set('content-type', 'text/plain').send(envelope('http://k@127.0.0.1:1/1'));
      expect(res.status).to.equal(404);
      expect(res.body.code).to.equal('tunnel_disabled');
    });
  });
});
