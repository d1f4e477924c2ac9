import { expect } from 'chai';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { User } from '../../../src/modules/users/user.models';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';

type Agent = Awaited<ReturnType<typeof signIn>>;

async function waitForImport(agent: Agent, id: string) {
  for (let i = 0; i < 100; i++) {
    const res = await agent.get(`/api/admin/users/imports/${id}`);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

describe('CSV import of users (background job)', () => {
  let ops: Agent;

  beforeEach(async () => {
    await resetDatabase();
    await makeUser({ email: 'ops@example.com', role: 'super_admin' });
    await makeUser({ email: 'taken@example.com' });
    ops = await signIn('ops@example.com');
  });

  it('keeps the good rows and reports each bad row with its line and reason', async () => {
    const csv = [
      'Name,Email',
      'Ada Lovelace,ada@example.com',
      ',nameless@example.com',
      'Bad Address,not-an-email',
      'Grace Hopper,GRACE@example.com',
      'Grace Again,grace@example.com',
      'Existing,taken@example.com',
      '"Quoted, Name",quoted@example.com',
    ].join('\n');
    const start = await ops.post('/api/admin/users/imports?filename=people.csv').set('Content-Type', 'text/csv').send(csv);
    expect(start.status, JSON.stringify(start.body)).to.equal(202);
    expect(start.body).to.include({ filename: 'people.csv', totalRows: 7 });
    expect(['queued', 'running', 'completed']).to.include(start.body.status);

    const done = await waitForImport(ops, start.body.id);
    expect(done).to.include({ status: 'completed', totalRows: 7, processedRows: 7, createdCount: 3, errorCount: 4 });
    expect(done.errors).to.deep.equal([
      { line: 3, email: 'nameless@example.com', reason: 'name is required' },
      { line: 4, email: 'not-an-email', reason: 'email is not a valid address' },
      { line: 6, email: 'grace@example.com', reason: 'duplicate e-mail in this file' },
      { line: 7, email: 'taken@example.com', reason: 'an account with this e-mail already exists' },
    ]);
    const created = await User.findAll({ where: { email: ['ada@example.com', 'grace@example.com', 'quoted@example.com'] } });
    expect(created.map((u) => u.name).sort()).to.deep.equal(['Ada Lovelace', 'Grace Hopper', 'Quoted, Name']);

    const list = await ops.get('/api/admin/users/imports');
    expect(list.body[0].id).to.equal(start.body.id);
    const actions = (await AuditLog.findAll({ where: { targetId: start.body.id } })).map((a) => a.action).sort();
    expect(actions).to.deep.equal(['users.import_completed', 'users.import_started']);
    // imported customers are on a plan like any sign-up
    const detail = await ops.get(`/api/admin/users/${created[0].id}`);
    expect(detail.body.role).to.equal('customer');
  });

  it('refuses a file without the name and email header, an empty file, a binary file, or a JSON body', async () => {
    const noHeader = await ops.post('/api/admin/users/imports').set('Content-Type', 'text/csv').send('Ada,ada@example.com\n');
    expect(noHeader.status).to.equal(400);
    expect(noHeader.body.code).to.equal('invalid_csv');
    const empty = await ops.post('/api/admin/users/imports').set('Content-Type', 'text/csv').send('');
    expect(empty.status).to.equal(400);
    const json = await ops.post('/api/admin/users/imports').send({ csv: 'name,email' });
    expect(json.status).to.equal(400);
    const headerOnly = await ops.post('/api/admin/users/imports').set('Content-Type', 'text/csv').send('name,email\n');
    expect(headerOnly.body.code).to.equal('invalid_csv');
    const binary = await ops.post('/api/admin/users/imports').set('Content-Type', 'text/csv').send('name,email\nAda\u0000,ada@example.com\n');
    expect(binary.status).to.equal(400);
    expect(binary.body.message).to.match(/NUL characters/);
  });

  it('needs users.import (super admins hold it; support admins do not by default)', async () => {
    await makeUser({ email: 'support@example.com', role: 'support_admin' });
    const support = await signIn('support@example.com');
    const res = await support.post('/api/admin/users/imports').set('Content-Type', 'text/csv').send('name,email\nA,a@example.com\n');
    expect(res.status).to.equal(403);
    expect((await ops.get('/api/admin/users/imports/00000000-0000-4000-8000-000000000000')).status).to.equal(404);
  });
});
