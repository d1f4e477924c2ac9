import { expect } from 'chai';
import { db } from '../../../src/db/sequelize';
import { forgetListEstimates } from '../../../src/http/list-query';
import { clock } from '../../../src/lib/clock';
import { resetDatabase, signIn } from '../../support/app';
import { makeProject, makeSnippet, makeUser } from '../../support/factories';

describe('GET /api/admin/users (simple-rest contract)', () => {
  let ops: Awaited<ReturnType<typeof signIn>>;
  const day = (n: number) => new Date(Date.UTC(2026, 0, n));

  before(async () => {
    await resetDatabase();
    await makeUser({ name: 'Olivia Ops', email: 'ops@example.com', role: 'super_admin', createdAt: day(1) });
    for (let i = 1; i <= 12; i++) {
      const u = await makeUser({ name: `Customer ${String(i).padStart(2, '0')}`, email: `c${i}@shop.example`, createdAt: day(i + 1), status: i % 4 === 0 ? 'suspended' : 'active' });
      for (let p = 0; p < i % 3; p++) await makeProject(u.id);
    }
    await makeUser({ name: 'Sara Support', email: 'support@example.com', role: 'support_admin', createdAt: day(20) });
    ops = await signIn('ops@example.com');
  });

  it('answers a bare array with the total in an exposed x-total-count', async () => {
    const res = await ops.get('/api/admin/users?_start=0&_end=5');
    expect(res.status).to.equal(200);
    expect(res.body).to.be.an('array').with.length(5);
    expect(res.headers['x-total-count']).to.equal('14');
    expect(res.headers['access-control-expose-headers']).to.include('x-total-count');
    expect(res.body[0]).to.have.keys('id', 'name', 'email', 'status', 'role', 'isAdmin', 'tier', 'projectCount', 'createdAt', 'lastActiveAt', 'deletedAt');
    expect(res.body[0]).to.not.have.property('passwordHash');
  });

  it('pages with _start/_end and sorts with _sort/_order (default: newest first)', async () => {
    const first = await ops.get('/api/admin/users?_start=0&_end=3');
    expect(first.body.map((u: { name: string }) => u.name)).to.deep.equal(['Sara Support', 'Customer 12', 'Customer 11']);
    const second = await ops.get('/api/admin/users?_start=3&_end=6');
    expect(second.body.map((u: { name: string }) => u.name)).to.deep.equal(['Customer 10', 'Customer 09', 'Customer 08']);
    const byName = await ops.get('/api/admin/users?_start=0&_end=2&_sort=name&_order=asc');
    expect(byName.body.map((u: { name: string }) => u.name)).to.deep.equal(['Customer 01', 'Customer 02']);
  });

  it('filters by status, role and sign-up date range, and counts what matches', async () => {
    const suspended = await ops.get('/api/admin/users?status=suspended&_start=0&_end=50');
    expect(suspended.headers['x-total-count']).to.equal('3');
    expect(suspended.body.every((u: { status: string }) => u.status === 'suspended')).to.equal(true);

    const admins = await ops.get('/api/admin/users?role=super_admin&role=support_admin&_sort=name&_order=asc');
    expect(admins.body.map((u: { email: string }) => u.email)).to.deep.equal(['ops@example.com', 'support@example.com']);
    const customers = await ops.get('/api/admin/users?role=customer&_end=50');
    expect(customers.headers['x-total-count']).to.equal('12');

    const range = await ops.get(`/api/admin/users?createdAt_gte=${day(3).toISOString()}&createdAt_lte=${day(5).toISOString()}&_sort=createdAt&_order=asc`);
    expect(range.body.map((u: { name: string }) => u.name)).to.deep.equal(['Customer 02', 'Customer 03', 'Customer 04']);
  });

  it('searches name or e-mail with q, and e-mail with email_like (case-insensitive, wildcards escaped)', async () => {
    const byEmail = await ops.get('/api/admin/users?q=C11@SHOP');
    expect(byEmail.body.map((u: { email: string }) => u.email)).to.deep.equal(['c11@shop.example']);
    const byName = await ops.get('/api/admin/users?q=sara');
    expect(byName.body.map((u: { email: string }) => u.email)).to.deep.equal(['support@example.com']);
    const like = await ops.get('/api/admin/users?email_like=shop.example&_end=100');
    expect(like.headers['x-total-count']).to.equal('12');
    const wildcard = await ops.get('/api/admin/users?q=%25');
    expect(wildcard.body).to.deep.equal([]);
  });

  it('counts exactly when a page is full, with filters on renamed columns (createdAt → created_at)', async () => {
    const res = await ops.get(`/api/admin/users?createdAt_gte=${day(5).toISOString()}&_start=0&_end=2`);
    expect(res.status).to.equal(200);
    expect(res.body).to.have.length(2);
    expect(res.headers['x-total-count']).to.equal('10'); // Customer 04..12 and Sara
    expect(res.headers['x-total-count-estimated']).to.equal(undefined);
  });

  it('gives the planner\'s estimate, flagged, instead of counting a huge list', async function () {
    // 60,000 rows in and out again; every table that references users checks each deleted row
    this.timeout(120_000);
    await db().query(`INSERT INTO users (name, email, password_hash, created_at)
                      SELECT 'Bulk ' || i, 'bulk' || i || '@bulk.example', 'x', now() - (i || ' minutes')::interval FROM generate_series(1, 60000) i`);
    await db().query('ANALYZE users');
    try {
      const res = await ops.get('/api/admin/users?_start=0&_end=20');
      expect(res.status).to.equal(200);
      expect(res.headers['x-total-count-estimated']).to.equal('true');
      expect(Number(res.headers['x-total-count'])).to.be.within(50_000, 70_000);
      // The estimate is kept for 10 s: the next page reports the same figure without asking the planner
      // again, even after the table changed under it. (The clock is held back meanwhile, so a slow DELETE on
      // a busy machine cannot outlast those 10 s.)
      clock.advance(-3_600_000);
      await db().query(`DELETE FROM users WHERE email LIKE 'bulk1%@bulk.example'`);
      await db().query('ANALYZE users');
      const next = await ops.get('/api/admin/users?_start=20&_end=40');
      expect(next.headers['x-total-count']).to.equal(res.headers['x-total-count']);
      clock.reset();
      clock.advance(11_000);
      const fresh = await ops.get('/api/admin/users?_start=20&_end=40');
      expect(Number(fresh.headers['x-total-count'])).to.be.below(Number(res.headers['x-total-count']));
      const narrow = await ops.get('/api/admin/users?q=shop.example&_start=0&_end=5');
      expect(narrow.headers['x-total-count']).to.equal('12');
      expect(narrow.headers['x-total-count-estimated']).to.equal(undefined);
    } finally {
      clock.reset();
      await db().query(`DELETE FROM users WHERE email LIKE '%@bulk.example'`);
      forgetListEstimates();
    }
  });

  it('reports project counts and roles per row', async () => {
    const res = await ops.get('/api/admin/users?q=c5@shop.example');
    expect(res.body[0]).to.include({ projectCount: 2, role: 'customer', isAdmin: false });
  });

  it('answers 400 with an error per bad parameter', async () => {
    const res = await ops.get('/api/admin/users?_start=-1&_end=500&_sort=password&_order=sideways&status=gone&createdAt_gte=yesterday&favourite=1');
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('validation_failed');
    expect(res.body.errors).to.have.keys('_start', '_end', '_sort', '_order', 'status', 'createdAt_gte', 'favourite');
  });
});

describe('GET /api/admin/users/:id', () => {
  it('shows counts, recent projects with their own counts, and the audit entries about the user', async () => {
    await resetDatabase();
    await makeUser({ email: 'ops@example.com', role: 'super_admin' });
    const customer = await makeUser({ email: 'cust@example.com' });
    const project = await makeProject(customer.id, { name: 'Ledger' });
    await makeSnippet(customer.id, project.id);
    const ops = await signIn('ops@example.com');
    await ops.put(`/api/admin/users/${customer.id}/admin-role`).send({ role: 'support_admin' });
    const res = await ops.get(`/api/admin/users/${customer.id}`);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ email: 'cust@example.com', role: 'support_admin', projectCount: 1, snippetCount: 1, analysisCount: 0, intakeCount: 0 });
    expect(res.body.recentProjects[0]).to.include({ name: 'Ledger', snippetCount: 1, analysisCount: 0 });
    expect(res.body.recentAudit.map((a: { action: string }) => a.action)).to.deep.equal(['user.admin_role_granted']);
    expect((await ops.get('/api/admin/users/00000000-0000-4000-8000-000000000000')).status).to.equal(404);
  });
});
