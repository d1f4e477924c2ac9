import { expect } from 'chai';
import { flushSearchLog } from '../../../src/modules/search/history.service';
import request from 'supertest';
import { db } from '../../../src/db/sequelize';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { Session } from '../../../src/modules/auth/auth.models';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import { User } from '../../../src/modules/users/user.models';
import { SupportTicket } from '../../../src/modules/support/support.models';
import { app, DEFAULT_PASSWORD, resetDatabase, signIn } from '../../support/app';
import { makeProject, makeSnippet, makeUser } from '../../support/factories';

type Agent = Awaited<ReturnType<typeof signIn>>;

describe('admin user actions', () => {
  let ops: Agent;
  let support: Agent;
  let opsId: string;

  beforeEach(async () => {
    await resetDatabase();
    opsId = (await makeUser({ email: 'ops@example.com', role: 'super_admin' })).id;
    await makeUser({ email: 'support@example.com', role: 'support_admin' });
    ops = await signIn('ops@example.com');
    support = await signIn('support@example.com');
  });

  describe('suspend', () => {
    it('ends every live session at once, refuses login with 403 account_suspended, and audits before/after', async () => {
      const user = await makeUser({ email: 'eve@example.com' });
      const portal1 = await signIn('eve@example.com');
      const portal2 = await signIn('eve@example.com');
      expect((await portal1.get('/api/auth/me')).status).to.equal(200);

      const res = await support.post(`/api/admin/users/${user.id}/suspend`).send({ reason: 'Chargeback fraud' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.deep.equal({ id: user.id, status: 'suspended', sessionsEnded: 2 });

      expect((await portal1.get('/api/auth/me')).status).to.equal(401);
      expect((await portal2.get('/api/projects')).status).to.equal(401);
      expect(await Session.count({ where: { userId: user.id } })).to.equal(0);
      const login = await request(app()).post('/api/auth/login').send({ email: 'eve@example.com', password: DEFAULT_PASSWORD });
      expect(login.status).to.equal(403);
      expect(login.body.code).to.equal('account_suspended');

      const row = await AuditLog.findOne({ where: { action: 'user.suspended', targetId: user.id } });
      expect(row!.actorEmail).to.equal('support@example.com');
      expect(row!.before).to.deep.equal({ status: 'active' });
      expect(row!.after).to.deep.include({ status: 'suspended', reason: 'Chargeback fraud', sessionsEnded: 2 });
    });

    it('needs a reason, refuses yourself, super admins and a second suspension with clear 4xx', async () => {
      const user = await makeUser();
      const noReason = await ops.post(`/api/admin/users/${user.id}/suspend`).send({});
      expect(noReason.status).to.equal(400);
      expect(noReason.body.errors.reason).to.have.length(1);

      const self = await ops.post(`/api/admin/users/${opsId}/suspend`).send({ reason: 'testing myself' });
      expect(self.status).to.equal(400);
      expect(self.body.code).to.equal('cannot_act_on_self');

      const other = await makeUser({ role: 'super_admin' });
      const superAdmin = await support.post(`/api/admin/users/${other.id}/suspend`).send({ reason: 'nope nope' });
      expect(superAdmin.status).to.equal(409);
      expect(superAdmin.body.code).to.equal('target_is_super_admin');

      expect((await ops.post(`/api/admin/users/${user.id}/suspend`).send({ reason: 'first time' })).status).to.equal(200);
      const again = await ops.post(`/api/admin/users/${user.id}/suspend`).send({ reason: 'second time' });
      expect(again.status).to.equal(409);
      expect(again.body.code).to.equal('already_suspended');

      const missing = await ops.post('/api/admin/users/00000000-0000-4000-8000-000000000000/suspend').send({ reason: 'who is this' });
      expect(missing.status).to.equal(404);
    });

    it('reactivate lets the user sign in again', async () => {
      const user = await makeUser({ email: 'back@example.com', status: 'suspended' });
      const res = await support.post(`/api/admin/users/${user.id}/reactivate`);
      expect(res.status).to.equal(200);
      expect(res.body.status).to.equal('active');
      await signIn('back@example.com');
      const twice = await support.post(`/api/admin/users/${user.id}/reactivate`);
      expect(twice.status).to.equal(409);
      expect(twice.body.code).to.equal('not_suspended');
      expect(await AuditLog.count({ where: { action: 'user.reactivated', targetId: user.id } })).to.equal(1);
    });
  });

  it('reset-password e-mails a reset link and ends the sessions', async () => {
    const user = await makeUser({ email: 'forgetful@example.com' });
    const portal = await signIn('forgetful@example.com');
    const res = await support.post(`/api/admin/users/${user.id}/reset-password`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ id: user.id, sessionsEnded: 1, emailedTo: 'forgetful@example.com' });
    expect((await portal.get('/api/auth/me')).status).to.equal(401);
    const mail = await OutboxEmail.findOne({ where: { toAddress: 'forgetful@example.com', template: 'password_reset' } });
    expect(mail!.textBody).to.match(/\/portal\/reset-password\?token=/);
    expect(await AuditLog.count({ where: { action: 'user.password_reset_sent', targetId: user.id } })).to.equal(1);

    const superAdmin = await makeUser({ role: 'super_admin' });
    const refused = await support.post(`/api/admin/users/${superAdmin.id}/reset-password`);
    expect(refused.status).to.equal(409);
    expect(refused.body.code).to.equal('target_is_super_admin');
    expect((await ops.post(`/api/admin/users/${opsId}/reset-password`)).body.code).to.equal('cannot_act_on_self');
  });

  describe('delete (erasure)', () => {
    it('erases name, e-mail and content, keeps invoices, ends sessions, and is safe to repeat', async () => {
      const user = await makeUser({ name: 'Mallory Secret', email: 'mallory@example.com' });
      const project = await makeProject(user.id, { name: 'Secret plans' });
      await makeSnippet(user.id, project.id, 'const apiKey = "hunter2";');
      await db().query(`INSERT INTO intakes (owner_id, customer_name, company, email, notes) VALUES ($1, 'Client Name', 'ACME', 'client@acme.example', 'private notes')`, { bind: [user.id] });
      const tier = await db().query<{ id: string }>(`SELECT id FROM subscription_tiers WHERE name = 'professional'`, { type: 'SELECT' as never });
      await db().query(
        `WITH s AS (INSERT INTO subscriptions (user_id, tier_id, anchor_day, current_period_start, current_period_end) VALUES ($1, $2, 1, now() - interval '1 day', now() + interval '29 days') RETURNING id)
         INSERT INTO invoices (subscription_id, period_start, period_end, subtotal_cents, total_cents, status) SELECT id, now() - interval '1 day', now() + interval '29 days', 9900, 9900, 'paid' FROM s`,
        { bind: [user.id, (tier as unknown as Array<{ id: string }>)[0].id] },
      );
      const portal = await signIn('mallory@example.com');
      expect((await portal.get('/api/search?q=mallory%20secret%20plans')).status).to.equal(200);
      expect((await portal.post('/api/search/saved').send({ name: 'My secret plans', query: 'secret plans' })).status).to.be.within(200, 201);
      await flushSearchLog();
      expect(await db().query(`SELECT (SELECT count(*) FROM search_queries WHERE user_id = $1)::int + (SELECT count(*) FROM saved_searches WHERE user_id = $1)::int AS n`, { bind: [user.id], plain: true })).to.deep.equal({ n: 2 });

      const analyst = await makeUser({ email: 'analyst@example.com', role: 'support_admin' });
      const denied = await (await signIn('analyst@example.com')).delete(`/api/admin/users/${user.id}`);
      expect(denied.status, 'support admins lack users.delete').to.equal(403);
      expect(analyst.id).to.be.a('string');

      const res = await ops.delete(`/api/admin/users/${user.id}`);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.alreadyDeleted).to.equal(false);
      expect((await portal.get('/api/auth/me')).status).to.equal(401);

      const row = await User.findByPk(user.id);
      expect(row!.name).to.equal('Deleted user');
      expect(row!.email).to.equal(`deleted-${user.id}@erased.invalid`);
      const [content] = await db().query(
        `SELECT (SELECT string_agg(name, ',') FROM projects WHERE owner_id = $1) AS projects,
                (SELECT string_agg(content, ',') FROM snippets WHERE owner_id = $1) AS snippets,
                (SELECT string_agg(customer_name || email || notes || company, ',') FROM intakes WHERE owner_id = $1) AS intakes,
                (SELECT count(*)::int FROM invoices i JOIN subscriptions s ON s.id = i.subscription_id WHERE s.user_id = $1) AS invoices,
                (SELECT string_agg(query, ',') FROM search_queries WHERE user_id = $1) AS searches,
                (SELECT string_agg(name || query, ',') FROM saved_searches WHERE user_id = $1) AS saved`,
        { bind: [user.id], type: 'SELECT' as never },
      ) as unknown as Array<Record<string, unknown>>;
      expect(JSON.stringify(content)).to.not.match(/Secret|hunter2|Client Name|acme|private notes|mallory/i);
      expect(content.invoices).to.equal(1);

      const login = await request(app()).post('/api/auth/login').send({ email: 'mallory@example.com', password: DEFAULT_PASSWORD });
      expect(login.status).to.equal(401);

      const again = await ops.delete(`/api/admin/users/${user.id}`);
      expect(again.status).to.equal(200);
      expect(again.body.alreadyDeleted).to.equal(true);
      const audits = await AuditLog.findAll({ where: { action: 'user.deleted', targetId: user.id } });
      expect(audits).to.have.length(1);
      expect(JSON.stringify(audits[0].after)).to.not.include('mallory');
      expect((audits[0].after as { erased: Record<string, number> }).erased).to.include({ projects: 1, snippets: 1, intakes: 1 });

      const list = await ops.get('/api/admin/users?status=deleted');
      expect(list.body.map((u: { id: string }) => u.id)).to.deep.equal([user.id]);
      const detail = await ops.get(`/api/admin/users/${user.id}`);
      expect(detail.body.status).to.equal('deleted');
      expect(detail.body.invoices).to.have.length(1);
    });

    it('refuses deleting yourself and admins', async () => {
      const self = await ops.delete(`/api/admin/users/${opsId}`);
      expect(self.status).to.equal(400);
      const admin = await makeUser({ role: 'billing_admin' });
      const res = await ops.delete(`/api/admin/users/${admin.id}`);
      expect(res.status).to.equal(409);
      expect(res.body.code).to.equal('target_is_admin');
    });
  });

  describe('bulk', () => {
    it('suspends a selection with a result per user; refusals do not undo the others', async () => {
      const a = await makeUser();
      const b = await makeUser({ status: 'suspended' });
      const ghost = '00000000-0000-4000-8000-000000000000';
      const res = await support.post('/api/admin/users/bulk').send({ action: 'suspend', ids: [a.id, b.id, ghost, opsId], reason: 'Spam wave' });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.succeeded).to.equal(1);
      expect(res.body.failed).to.equal(3);
      const byId = Object.fromEntries(res.body.results.map((r: { id: string }) => [r.id, r]));
      expect(byId[a.id]).to.deep.equal({ id: a.id, ok: true });
      expect(byId[b.id].code).to.equal('already_suspended');
      expect(byId[ghost].code).to.equal('not_found');
      expect(byId[opsId].code).to.equal('target_is_super_admin');
      expect((await User.findByPk(a.id))!.status).to.equal('suspended');

      const back = await support.post('/api/admin/users/bulk').send({ action: 'reactivate', ids: [a.id, b.id] });
      expect(back.body.succeeded).to.equal(2);
    });

    it('bulk suspend needs users.suspend; bulk export only users.read and answers a CSV link', async () => {
      const a = await makeUser({ email: 'sel@example.com' });
      await makeUser({ email: 'billing@example.com', role: 'billing_admin' });
      const billing = await signIn('billing@example.com');
      const refused = await billing.post('/api/admin/users/bulk').send({ action: 'suspend', ids: [a.id], reason: 'Spam wave' });
      expect(refused.status).to.equal(403);
      const exported = await billing.post('/api/admin/users/bulk').send({ action: 'export', ids: [a.id] });
      expect(exported.status).to.equal(200);
      expect(exported.body.results).to.deep.equal([{ id: a.id, ok: true }]);
      const csv = await billing.get(exported.body.downloadUrl.replace(/^\/api/, '/api'));
      expect(csv.status).to.equal(200);
      expect(csv.text.trim().split('\n')).to.have.length(2);
      expect(csv.text).to.include('sel@example.com');
    });
  });

  describe('list filters and export', () => {
    it('filters by tier, status and last active, and exports the same filter as streamed CSV', async () => {
      const pro = await makeUser({ email: 'pro@example.com', name: '=HYPERLINK("x")' });
      await makeUser({ email: 'free@example.com' });
      const [tier] = (await db().query(`SELECT id FROM subscription_tiers WHERE name = 'professional'`, { type: 'SELECT' as never })) as unknown as Array<{ id: string }>;
      await db().query(`INSERT INTO subscriptions (user_id, tier_id, anchor_day, current_period_start, current_period_end) VALUES ($1, $2, 1, now(), now() + interval '30 days')`, { bind: [pro.id, tier.id] });
      await db().query(`UPDATE users SET last_active_at = now() - interval '40 days' WHERE email = 'free@example.com'`);

      const byTier = await ops.get('/api/admin/users?tier=professional');
      expect(byTier.status).to.equal(200);
      expect(byTier.body.map((u: { email: string }) => u.email)).to.deep.equal(['pro@example.com']);
      expect(byTier.body[0].tier).to.equal('professional');

      const free = await ops.get('/api/admin/users?tier=free');
      expect(free.body.map((u: { email: string }) => u.email), 'customers without a plan are on Free; admins have none').to.deep.equal(['free@example.com']);

      const stale = await ops.get(`/api/admin/users?lastActiveAt_lte=${new Date(Date.now() - 30 * 86400_000).toISOString()}`);
      expect(stale.body.map((u: { email: string }) => u.email)).to.deep.equal(['free@example.com']);

      const bad = await ops.get('/api/admin/users?status=sleeping');
      expect(bad.status).to.equal(400);

      const csv = await ops.get('/api/admin/users/export.csv?tier=professional');
      expect(csv.status).to.equal(200);
      expect(csv.headers['content-type']).to.match(/^text\/csv/);
      expect(csv.headers['content-disposition']).to.match(/attachment; filename="users-\d{4}-\d{2}-\d{2}\.csv"/);
      const lines = csv.text.trim().split('\n');
      expect(lines[0]).to.equal('id,name,email,status,role,tier,projectCount,createdAt,lastActiveAt');
      expect(lines).to.have.length(2);
      expect(lines[1]).to.include(`"'=HYPERLINK(""x"")"`); // formula neutralised
      expect(await AuditLog.count({ where: { action: 'users.exported' } })).to.equal(1);
    });

    it('exports every matching row across batches', async () => {
      await db().query(`INSERT INTO users (name, email, password_hash) SELECT 'Bulk ' || g, 'bulk' || g || '@many.example', 'x' FROM generate_series(1, 1203) g`);
      const csv = await ops.get('/api/admin/users/export.csv?q=many.example');
      expect(csv.text.trim().split('\n')).to.have.length(1204);
    });
  });

  it('the detail carries subscription, invoices, tickets, activity and audit history', async () => {
    const user = await makeUser({ email: 'hist@example.com' });
    await makeProject(user.id, { name: 'Alpha' });
    const soon = new Date(Date.now() + 3600_000);
    await SupportTicket.create({ customerId: user.id, subject: 'Cannot log in', description: 'Help', firstResponseDueAt: soon, resolutionDueAt: soon });
    await support.post(`/api/admin/users/${user.id}/suspend`).send({ reason: 'look at history' });
    const res = await ops.get(`/api/admin/users/${user.id}`);
    expect(res.status).to.equal(200);
    expect(res.body).to.include.keys('subscription', 'invoices', 'tickets', 'recentActivity', 'recentAudit', 'recentProjects', 'activeSessionCount');
    expect(res.body.recentActivity.map((a: { kind: string }) => a.kind)).to.include('project_created');
    expect(res.body.recentAudit[0].action).to.equal('user.suspended');
    expect(res.body.tickets.map((t: { subject: string }) => t.subject)).to.deep.equal(['Cannot log in']);
    expect(res.body.recentActivity.map((a: { kind: string }) => a.kind)).to.include('ticket_opened');
  });
});
