import { expect } from 'chai';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { db } from '../../../src/db/sequelize';
import { flushSearchLog } from '../../../src/modules/search/history.service';
import { clock } from '../../../src/lib/clock';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { Session } from '../../../src/modules/auth/auth.models';
import { User } from '../../../src/modules/users/user.models';
import { app, resetDatabase, signIn } from '../../support/app';
import { makeProject, makeUser } from '../../support/factories';

type Agent = Awaited<ReturnType<typeof signIn>>;

describe('impersonation ("View as customer")', () => {
  let support: Agent;
  let supportId: string;
  let customerId: string;

  beforeEach(async () => {
    await resetDatabase();
    supportId = (await makeUser({ name: 'Sam Support', email: 'support@example.com', role: 'support_admin' })).id;
    customerId = (await makeUser({ name: 'Cara Customer', email: 'cara@example.com' })).id;
    await makeProject(customerId, { name: 'Cara project' });
    support = await signIn('support@example.com');
  });

  it('gives a read-only portal session as the customer, flagged in /auth/me, and audited at start and stop', async () => {
    const start = await support.post(`/api/admin/users/${customerId}/impersonate`);
    expect(start.status, JSON.stringify(start.body)).to.equal(200);
    expect(start.body.redirectTo).to.equal('/portal/');
    const cookies = ([] as string[]).concat(start.headers['set-cookie']);
    expect(cookies.some((c) => c.startsWith('socrates_admin_sid=') && c.includes('HttpOnly'))).to.equal(true);

    const me = await support.get('/api/auth/me');
    expect(me.body.user.email).to.equal('cara@example.com');
    expect(me.body.user.permissions).to.deep.equal([]);
    expect(me.body.impersonation).to.include({ impersonatorEmail: 'support@example.com', impersonatorName: 'Sam Support' });
    expect(new Date(me.body.impersonation.expiresAt).getTime() - Date.now()).to.be.within(29 * 60_000, 31 * 60_000);

    const projects = await support.get('/api/projects');
    expect(projects.status).to.equal(200);
    const write = await support.post('/api/projects').send({ name: 'Should not exist' });
    expect(write.status).to.equal(403);
    expect(write.body.code).to.equal('impersonation_read_only');
    expect((await support.patch('/api/auth/me').send({ name: 'Hacked' })).status).to.equal(403);
    expect((await support.get('/api/admin/users')).status, 'no admin powers while viewing as a customer').to.equal(403);

    // searching as the customer works, but is not the customer's: it stays out of their search history
    expect((await support.get('/api/search').query({ q: 'cara project' })).status).to.equal(200);
    await flushSearchLog();
    expect((await db().query(`SELECT count(*)::int AS n FROM search_queries WHERE user_id = $1`, { bind: [customerId], type: QueryTypes.SELECT }))[0]).to.deep.equal({ n: 0 });

    const stop = await support.post('/api/auth/impersonation/stop');
    expect(stop.status).to.equal(200);
    expect(stop.body.redirectTo).to.equal(`/admin/users/${customerId}`);
    const back = await support.get('/api/auth/me');
    expect(back.body.user.email).to.equal('support@example.com');
    expect(back.body.impersonation).to.equal(null);

    const audits = await AuditLog.findAll({ where: { targetId: customerId }, order: [['seq', 'ASC']] });
    expect(audits.map((a) => [a.action, a.actorId])).to.deep.equal([
      ['user.impersonation_started', supportId],
      ['user.impersonation_ended', supportId],
    ]);
    expect((audits[1].after as { reason: string }).reason).to.equal('stopped');
    expect(await Session.count({ where: { userId: customerId } })).to.equal(0);
    expect((await User.findByPk(customerId))!.lastActiveAt, 'viewing is not the customer\'s activity').to.equal(null);
  });

  it('ends by itself after 30 minutes, audited when next seen, and the admin session comes back', async () => {
    await support.post(`/api/admin/users/${customerId}/impersonate`);
    clock.advance(31 * 60_000);
    const me = await support.get('/api/auth/me');
    expect(me.status).to.equal(401);
    const ended = await AuditLog.findOne({ where: { action: 'user.impersonation_ended', targetId: customerId } });
    expect((ended!.after as { reason: string }).reason).to.equal('expired');
    const again = await support.get('/api/auth/me');
    expect(again.body.user.email).to.equal('support@example.com');
  });

  it('when the customer is suspended while being viewed, the admin gets their own session back', async () => {
    await makeUser({ email: 'ops@example.com', role: 'super_admin' });
    const ops = await signIn('ops@example.com');
    await support.post(`/api/admin/users/${customerId}/impersonate`);
    expect((await ops.post(`/api/admin/users/${customerId}/suspend`).send({ reason: 'fraud while viewed' })).status).to.equal(200);
    expect((await support.get('/api/projects')).status).to.equal(401);
    expect((await support.get('/api/auth/me')).body.user.email).to.equal('support@example.com');
  });

  it('logout while viewing ends the viewing only', async () => {
    await support.post(`/api/admin/users/${customerId}/impersonate`);
    expect((await support.post('/api/auth/logout')).status).to.equal(204);
    expect((await support.get('/api/auth/me')).body.user.email).to.equal('support@example.com');
    expect(await AuditLog.count({ where: { action: 'user.impersonation_ended' } })).to.equal(1);
  });

  it('refuses admins, suspended accounts, yourself, and admins without users.impersonate', async () => {
    const admin = await makeUser({ role: 'billing_admin', email: 'billing@example.com' });
    const res = await support.post(`/api/admin/users/${admin.id}/impersonate`);
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('not_a_customer');
    expect((await support.post(`/api/admin/users/${supportId}/impersonate`)).body.code).to.equal('cannot_act_on_self');
    const suspended = await makeUser({ status: 'suspended' });
    expect((await support.post(`/api/admin/users/${suspended.id}/impersonate`)).body.code).to.equal('account_suspended');
    const billing = await signIn('billing@example.com');
    expect((await billing.post(`/api/admin/users/${customerId}/impersonate`)).status).to.equal(403);
    expect((await request(app()).post('/api/auth/impersonation/stop')).status).to.equal(401);
    expect((await support.post('/api/auth/impersonation/stop')).body.code).to.equal('not_impersonating');
  });
});
