import { expect } from 'chai';
import request from 'supertest';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import type { AdminRole } from '../../../src/modules/admin/admin.models';
import { app, resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';

type Agent = Awaited<ReturnType<typeof signIn>>;

describe('permission enforcement on /api/admin', () => {
  let target: string;
  const agents: Record<string, Agent> = {};

  before(async () => {
    await resetDatabase();
    target = (await makeUser({ email: 'target@example.com' })).id;
    await makeUser({ email: 'customer@example.com' });
    agents.customer = await signIn('customer@example.com');
    for (const role of ['super_admin', 'billing_admin', 'support_admin', 'analytics_admin'] as AdminRole[]) {
      await makeUser({ email: `${role}@example.com`, role });
      agents[role] = await signIn(`${role}@example.com`);
    }
  });

  // Every admin route: what it needs, and one role that has it by default.
  const routes: Array<{ method: 'get' | 'put' | 'patch'; path: () => string; body?: object; allowed: AdminRole; denied?: AdminRole }> = [
    { method: 'get', path: () => '/api/admin/users', allowed: 'support_admin' },
    { method: 'get', path: () => `/api/admin/users/${target}`, allowed: 'billing_admin' },
    { method: 'put', path: () => `/api/admin/users/${target}/admin-role`, body: { role: null }, allowed: 'super_admin', denied: 'support_admin' },
    { method: 'get', path: () => '/api/admin/permissions', allowed: 'super_admin', denied: 'analytics_admin' },
    { method: 'get', path: () => '/api/admin/roles', allowed: 'super_admin', denied: 'billing_admin' },
    { method: 'patch', path: () => '/api/admin/roles/analytics_admin', body: { permissions: ['users.read', 'analytics.read', 'system.read'] }, allowed: 'super_admin', denied: 'analytics_admin' },
    { method: 'get', path: () => '/api/admin/audit-log', allowed: 'super_admin', denied: 'support_admin' },
    { method: 'get', path: () => '/api/admin/outbox', allowed: 'support_admin', denied: 'analytics_admin' },
  ];

  for (const r of routes) {
    const label = `${r.method.toUpperCase()} ${r.path().replace(/undefined/, ':id')}`;
    describe(label, () => {
      it('answers 401 without a session', async () => {
        const res = await request(app())[r.method](r.path()).send(r.body);
        expect(res.status).to.equal(401);
        expect(res.body.code).to.equal('unauthenticated');
      });
      it('answers 403 to a customer', async () => {
        const res = await agents.customer[r.method](r.path()).send(r.body);
        expect(res.status).to.equal(403);
        expect(res.body.code).to.equal('forbidden');
      });
      if (r.denied) {
        it(`answers 403 to ${r.denied}`, async () => {
          expect((await agents[r.denied!][r.method](r.path()).send(r.body)).status).to.equal(403);
        });
      }
      it(`answers 200 to ${r.allowed}`, async () => {
        const res = await agents[r.allowed][r.method](r.path()).send(r.body);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
      });
    });
  }

  describe('roles are data', () => {
    it('a permission removed from a role is refused at once, and the change is audited', async () => {
      expect((await agents.support_admin.get('/api/admin/users')).status).to.equal(200);
      const roles = await agents.super_admin.get('/api/admin/roles');
      const support = roles.body.find((r: { name: string }) => r.name === 'support_admin');
      const without = support.permissions.filter((p: string) => p !== 'users.read');
      const patch = await agents.super_admin.patch('/api/admin/roles/support_admin').send({ permissions: without });
      expect(patch.status).to.equal(200);
      expect(patch.body.permissions).to.not.include('users.read');
      expect((await agents.support_admin.get('/api/admin/users')).status).to.equal(403);

      const row = await AuditLog.findOne({ where: { action: 'role.permissions_updated', targetId: 'support_admin' }, order: [['createdAt', 'DESC']] });
      expect(row!.actorEmail).to.equal('super_admin@example.com');
      expect((row!.before as { permissions: string[] }).permissions).to.include('users.read');
      expect((row!.after as { permissions: string[] }).permissions).to.not.include('users.read');

      await agents.super_admin.patch('/api/admin/roles/support_admin').send({ permissions: support.permissions });
      expect((await agents.support_admin.get('/api/admin/users')).status).to.equal(200);
    });

    it('refuses unknown permissions and the fixed super_admin role', async () => {
      const bad = await agents.super_admin.patch('/api/admin/roles/billing_admin').send({ permissions: ['users.read', 'made.up'] });
      expect(bad.status).to.equal(400);
      expect(bad.body.errors.permissions[0]).to.include('made.up');
      const fixed = await agents.super_admin.patch('/api/admin/roles/super_admin').send({ permissions: [] });
      expect(fixed.status).to.equal(400);
      expect(fixed.body.code).to.equal('role_not_editable');
    });

    it('granting an admin role gives console permissions at once; revoking takes them away', async () => {
      const agent = await signIn('target@example.com');
      expect((await agent.get('/api/admin/users')).status).to.equal(403);
      const grant = await agents.super_admin.put(`/api/admin/users/${target}/admin-role`).send({ role: 'analytics_admin', extraPermissions: ['outbox.read'] });
      expect(grant.status).to.equal(200);
      expect(grant.body.role).to.equal('analytics_admin');
      const me = await agent.get('/api/auth/me');
      expect(me.body.user.permissions).to.include.members(['users.read', 'analytics.read', 'outbox.read']);
      expect((await agent.get('/api/admin/outbox')).status).to.equal(200);
      await agents.super_admin.put(`/api/admin/users/${target}/admin-role`).send({ role: null });
      expect((await agent.get('/api/admin/users')).status).to.equal(403);
      const audits = await AuditLog.findAll({ where: { targetType: 'user', targetId: target } });
      expect(audits.map((a) => a.action)).to.include.members(['user.admin_role_granted', 'user.admin_role_revoked']);
    });

    it('grants to a customer sent at once run one after the other: one admin row, every answer a 200', async () => {
      const customer = (await makeUser({ email: 'crowded.grant@example.com' })).id;
      const bodies = [{ role: 'support_admin', extraPermissions: [] }, { role: 'billing_admin' }, { role: 'support_admin' }, { role: null }, { role: 'analytics_admin' }];
      const answers = await Promise.all(bodies.map((b) => agents.super_admin.put(`/api/admin/users/${customer}/admin-role`).send(b)));
      expect(answers.map((a) => a.status)).to.deep.equal(bodies.map(() => 200));
      // each change is audited, and the user ends with one of the roles asked for
      expect(await AuditLog.count({ where: { targetType: 'user', targetId: customer } })).to.equal(bodies.length);
      const role = (await agents.super_admin.get(`/api/admin/users/${customer}`)).body.role ?? 'customer';
      expect(bodies.map((b) => b.role ?? 'customer')).to.include(role);
    });
  });
});
