import { expect } from 'chai';
import request from 'supertest';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { forgetMaintenanceCache } from '../../../src/modules/system/maintenance';
import { createApp } from '../../../src/app';
import { db } from '../../../src/db/sequelize';
import { app, resetDatabase, signIn, testConfig, DEFAULT_PASSWORD } from '../../support/app';
import { makeUser } from '../../support/factories';

type Agent = Awaited<ReturnType<typeof signIn>>;

describe('maintenance mode', () => {
  let ops: Agent;
  let customer: Agent;
  const message = 'Upgrading the database, back at 14:00 UTC.';

  before(async () => {
    await resetDatabase();
    forgetMaintenanceCache();
    await makeUser({ email: 'ops@example.com', role: 'super_admin' });
    await makeUser({ email: 'analyst@example.com', role: 'analytics_admin' });
    await makeUser({ email: 'customer@example.com' });
    ops = await signIn('ops@example.com');
    customer = await signIn('customer@example.com');
  });

  after(async () => {
    await ops.post('/api/admin/system/maintenance').send({ enabled: false });
  });

  it('is off by default and customers work', async () => {
    expect((await ops.get('/api/admin/system/maintenance')).body).to.include({ enabled: false });
    expect((await customer.get('/api/projects')).status).to.equal(200);
  });

  it('only system.manage may switch it, with clear field errors', async () => {
    const analyst = await signIn('analyst@example.com');
    expect((await analyst.post('/api/admin/system/maintenance').send({ enabled: true })).status).to.equal(403);
    expect((await customer.post('/api/admin/system/maintenance').send({ enabled: true })).status).to.equal(403);
    const bad = await ops.post('/api/admin/system/maintenance').send({ enabled: 'yes', message: 'x'.repeat(501) });
    expect(bad.status).to.equal(400);
    expect(bad.body.errors).to.have.keys(['enabled', 'message']);
  });

  describe('while on', () => {
    before(async () => {
      const res = await ops.post('/api/admin/system/maintenance').send({ enabled: true, message });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ enabled: true, message, updatedBy: 'ops@example.com' });
    });

    it('answers customers 503 `maintenance` with the message', async () => {
      const res = await customer.get('/api/projects');
      expect(res.status).to.equal(503);
      expect(res.body).to.deep.equal({ statusCode: 503, code: 'maintenance', message });
      expect(res.headers['retry-after']).to.equal('300');
      const write = await customer.post('/api/projects').send({ name: 'During maintenance' });
      expect(write.status).to.equal(503);
      expect(write.body.code).to.equal('maintenance');
      // anonymous customer routes too, and nobody can sign up
      expect((await request(app()).post('/api/auth/register').send({ name: 'New', email: 'new@example.com', password: DEFAULT_PASSWORD })).status).to.equal(503);
    });

    it('tells a customer who signs in why they cannot, without starting a session or logging an incident', async () => {
      const groupsBefore = await db().query(`SELECT count(*)::int AS n FROM error_groups`, { plain: true });
      const res = await request(app()).post('/api/auth/login').send({ email: 'customer@example.com', password: DEFAULT_PASSWORD });
      expect(res.status).to.equal(503);
      expect(res.body).to.deep.equal({ statusCode: 503, code: 'maintenance', message });
      expect(res.headers['set-cookie']).to.equal(undefined);
      expect(await db().query(`SELECT count(*)::int AS n FROM error_groups`, { plain: true })).to.deep.equal(groupsBefore);
      // a wrong password is still just a wrong password
      expect((await request(app()).post('/api/auth/login').send({ email: 'customer@example.com', password: 'nope nope nope' })).status).to.equal(401);
    });

    it('keeps admins working and lets them sign in', async () => {
      expect((await ops.get('/api/admin/users')).status).to.equal(200);
      expect((await ops.get('/api/projects')).status).to.equal(200);
      const fresh = await signIn('ops@example.com');
      expect((await fresh.get('/api/admin/system/health')).status).to.equal(200);
    });

    it('keeps /api/config, /api/health and /api/auth/me answering, and /api/config carries the banner', async () => {
      expect((await request(app()).get('/api/health')).status).to.equal(200);
      const config = await request(app()).get('/api/config');
      expect(config.status).to.equal(200);
      expect(config.body.maintenance).to.deep.equal({ enabled: true, message });
      expect((await customer.get('/api/auth/me')).status).to.equal(200);
      // browsers' error reports still get through
      expect((await customer.get('/api/client-errors/config')).status).to.not.equal(503);
    });

    it('audits the switch', async () => {
      const row = await AuditLog.findOne({ where: { action: 'system.maintenance_enabled' } });
      expect(row!.actorEmail).to.equal('ops@example.com');
      expect(row!.after).to.deep.include({ enabled: true, message });
    });
  });

  describe('MAINTENANCE_MESSAGE', () => {
    afterEach(() => forgetMaintenanceCache());

    it('turns it on at start-up until the console switches it off', async () => {
      await ops.post('/api/admin/system/maintenance').send({ enabled: false }); // leaves a stored "off"
      await db().query(`DELETE FROM settings WHERE key = 'maintenance'`);
      forgetMaintenanceCache();
      // a customer signed in before the restart
      const cookie = (await request(app()).post('/api/auth/login').send({ email: 'customer@example.com', password: DEFAULT_PASSWORD })).headers['set-cookie'];
      forgetMaintenanceCache();
      const envApp = createApp(testConfig({ MAINTENANCE_MESSAGE: 'Planned downtime until 06:00 UTC' }));
      expect((await request(envApp).post('/api/auth/login').send({ email: 'customer@example.com', password: DEFAULT_PASSWORD })).status).to.equal(503);
      const agent = { get: (path: string) => request(envApp).get(path).set('Cookie', cookie) };
      const refused = await agent.get('/api/projects');
      expect(refused.status).to.equal(503);
      expect(refused.body).to.deep.equal({ statusCode: 503, code: 'maintenance', message: 'Planned downtime until 06:00 UTC' });
      expect((await request(envApp).get('/api/config')).body.maintenance).to.deep.equal({ enabled: true, message: 'Planned downtime until 06:00 UTC' });

      const opsOnEnvApp = await signIn('ops@example.com', DEFAULT_PASSWORD, envApp);
      expect((await opsOnEnvApp.post('/api/admin/system/maintenance').send({ enabled: false })).status).to.equal(200);
      expect((await agent.get('/api/projects')).status).to.equal(200);
    });
  });

  describe('switched off again', () => {
    it('lets customers work again at once', async () => {
      const res = await ops.post('/api/admin/system/maintenance').send({ enabled: false });
      expect(res.status).to.equal(200);
      expect(res.body.enabled).to.equal(false);
      expect((await customer.get('/api/projects')).status).to.equal(200);
      expect((await request(app()).get('/api/config')).body.maintenance.enabled).to.equal(false);
      const last = await AuditLog.findOne({ where: { targetId: 'maintenance' }, order: [['createdAt', 'DESC']] });
      expect(last!.action).to.equal('system.maintenance_disabled');
    });
  });
});
