import { expect } from 'chai';
import { db } from '../../../src/db/sequelize';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { audit } from '../../../src/modules/admin/audit';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';

const actor = { id: null, email: 'system@example.com', ip: null, userAgent: null };

async function writeEntries(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await db().transaction((t) => audit(actor, { action: `test.entry_${i}`, targetType: 'test', targetId: String(i), before: { i }, after: { i: i + 1 } }, t));
}

describe('audit trail hash chain', () => {
  let ops: Awaited<ReturnType<typeof signIn>>;

  beforeEach(async () => {
    await resetDatabase();
    await makeUser({ email: 'ops@example.com', role: 'super_admin' });
    ops = await signIn('ops@example.com');
  });

  it('links every row to the previous one, and reports an untouched chain as intact', async () => {
    await writeEntries(5);
    const rows = await AuditLog.findAll({ order: [['seq', 'ASC']] });
    expect(rows).to.have.length(5);
    expect(rows[0].prevHash).to.equal(null);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).to.equal(rows[i - 1].hash);
    const res = await ops.get('/api/admin/audit-log/verify');
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ intact: true, checkedRows: 5, firstBroken: null });
  });

  it('detects a tampered row and names it', async () => {
    await writeEntries(5);
    const victim = (await AuditLog.findAll({ order: [['seq', 'ASC']] }))[2];
    await db().query(`UPDATE audit_logs SET after = '{"i": 999}' WHERE id = $1`, { bind: [victim.id] });
    const res = await ops.get('/api/admin/audit-log/verify');
    expect(res.body.intact).to.equal(false);
    expect(res.body.firstBroken).to.include({ id: victim.id, problem: 'content_changed', action: 'test.entry_2' });
  });

  it('stays intact when an actor\'s user row is removed (the foreign key nulls actor_id)', async () => {
    const admin = await makeUser({ email: 'gone@example.com', role: 'super_admin' });
    const target = await makeUser();
    const agent = await signIn('gone@example.com');
    await agent.post(`/api/admin/users/${target.id}/suspend`).send({ reason: 'before leaving' });
    await db().query('DELETE FROM users WHERE id = $1', { bind: [admin.id] });
    const res = await ops.get('/api/admin/audit-log/verify');
    expect(res.body.intact).to.equal(true);
  });

  it('detects a deleted row at the row that followed it', async () => {
    await writeEntries(5);
    const rows = await AuditLog.findAll({ order: [['seq', 'ASC']] });
    await db().query(`DELETE FROM audit_logs WHERE id = $1`, { bind: [rows[1].id] });
    const res = await ops.get('/api/admin/audit-log/verify');
    expect(res.body.intact).to.equal(false);
    expect(res.body.firstBroken).to.include({ id: rows[2].id, problem: 'previous_row_missing_or_changed' });
  });

  it('detects a row re-hashed by someone covering their tracks', async () => {
    await writeEntries(4);
    const rows = await AuditLog.findAll({ order: [['seq', 'ASC']] });
    // Changing a row and recomputing its own hash still breaks the link from the next row.
    await db().query(`UPDATE audit_logs SET action = 'test.innocent' WHERE id = $1`, { bind: [rows[1].id] });
    await db().query(`UPDATE audit_logs t SET hash = audit_row_hash(t.prev_hash, t) WHERE id = $1`, { bind: [rows[1].id] });
    const res = await ops.get('/api/admin/audit-log/verify');
    expect(res.body.firstBroken).to.include({ id: rows[2].id, problem: 'previous_row_missing_or_changed' });
  });

  it('chains concurrent writers without forks', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => db().transaction((t) => audit(actor, { action: 'test.concurrent', targetType: 'test', targetId: String(i) }, t))));
    const rows = await AuditLog.findAll({ order: [['seq', 'ASC']] });
    expect(rows).to.have.length(12);
    expect(new Set(rows.map((r) => r.prevHash)).size).to.equal(12);
    expect((await ops.get('/api/admin/audit-log/verify')).body.intact).to.equal(true);
  });

  it('lists with actor, action, target and date filters, and exports the filtered rows as CSV', async () => {
    const target = await makeUser({ email: 'target@example.com' });
    await ops.post(`/api/admin/users/${target.id}/suspend`).send({ reason: 'audit filters' });
    await ops.post(`/api/admin/users/${target.id}/reactivate`);
    await writeEntries(2);

    const byActor = await ops.get('/api/admin/audit-log?actorEmail_like=ops@');
    expect(byActor.body.map((r: { action: string }) => r.action)).to.deep.equal(['user.reactivated', 'user.suspended']);
    const byTarget = await ops.get(`/api/admin/audit-log?targetType=user&targetId=${target.id}&action=user.suspended`);
    expect(byTarget.body).to.have.length(1);
    const future = await ops.get(`/api/admin/audit-log?createdAt_gte=${new Date(Date.now() + 3600_000).toISOString()}`);
    expect(future.body).to.have.length(0);

    const csv = await ops.get(`/api/admin/audit-log/export.csv?targetId=${target.id}`);
    expect(csv.status).to.equal(200);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).to.match(/^createdAt,actorEmail,actorId,action,targetType,targetId,before,after/);
    expect(lines).to.have.length(3);
    expect(csv.text).to.include('audit filters');
  });

  it('names each entry\'s target as it is now: a user, a ticket by number and subject; a gone or nameless one has none', async () => {
    const target = await makeUser({ name: 'Tara Target', email: 'tara@example.com' });
    const customer = await signIn('tara@example.com');
    const ticket = (await customer.post('/api/support/tickets').send({ subject: 'Invoice looks doubled', description: 'Please check' })).body;
    const gone = '00000000-0000-4000-8000-000000000000';
    for (const [targetType, targetId] of [['user', target.id], ['support_ticket', ticket.id], ['user', gone], ['test', '7']]) {
      await db().transaction((t) => audit(actor, { action: `test.${targetType}`, targetType, targetId, before: null, after: null }, t));
    }
    const labels = (rows: Array<{ action: string; targetType: string; targetId: string; targetLabel: string | null }>) =>
      rows.filter((r) => r.action.startsWith('test.')).map((r) => [r.targetType, r.targetId, r.targetLabel]);
    const expected = [['test', '7', null], ['user', gone, null], ['support_ticket', ticket.id, `${ticket.number} · Invoice looks doubled`], ['user', target.id, 'Tara Target']];
    expect(labels((await ops.get('/api/admin/audit-log?action_like=test.')).body)).to.deep.equal(expected);
    expect(labels((await ops.get('/api/admin/dashboard')).body.recentActivity)).to.deep.equal(expected);
    expect(labels((await ops.get(`/api/admin/users/${target.id}`)).body.recentAudit)).to.deep.include(['user', target.id, 'Tara Target']);
  });

  it('names the actor and the users its values hold (a ticket\'s assignee), as they are called now', async () => {
    const agent = await makeUser({ name: 'Avery Agent', email: 'avery@example.com', role: 'support_admin' });
    const nameless = await makeUser({ name: '', email: 'nameless@example.com' });
    const gone = '00000000-0000-4000-8000-000000000000';
    const olive = await makeUser({ name: 'Olive Ops', email: 'olive@example.com', role: 'support_admin' });
    await db().transaction((t) =>
      audit({ id: olive.id, email: 'olive@example.com', ip: null, userAgent: null }, { action: 'test.assign', targetType: 'test', targetId: '1', before: { assigneeId: gone }, after: { assigneeId: agent.id, customerId: nameless.id, note: agent.id } }, t),
    );
    await db().transaction((t) => audit(actor, { action: 'test.system', targetType: 'test', targetId: '2', before: null, after: null }, t));
    const rows: Array<{ action: string; actorName: string | null; names: Record<string, string> }> = (await ops.get('/api/admin/audit-log?action_like=test.')).body;
    const byAction = Object.fromEntries(rows.map((r) => [r.action, r]));
    expect(byAction['test.assign'].actorName).to.equal('Olive Ops');
    // an unnamed user reads as their e-mail; a gone one and a field that holds no user are left out
    expect(byAction['test.assign'].names).to.deep.equal({ [agent.id]: 'Avery Agent', [nameless.id]: 'nameless@example.com' });
    expect(byAction['test.system']).to.deep.include({ actorName: null, names: {} });
  });

  it('the audit trail and its verification need audit.read', async () => {
    await makeUser({ email: 'support@example.com', role: 'support_admin' });
    const support = await signIn('support@example.com');
    expect((await support.get('/api/admin/audit-log/verify')).status).to.equal(403);
    expect((await support.get('/api/admin/audit-log/export.csv')).status).to.equal(403);
  });
});
