import { expect } from 'chai';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { emailsTo, makeAgent, makeCustomer, restoreSlaDefaults } from './helpers';

describe('Support tickets: the agents\' API', () => {
  let support: Awaited<ReturnType<typeof signIn>>;
  let ops: Awaited<ReturnType<typeof signIn>>;
  let sara: Awaited<ReturnType<typeof makeAgent>>;
  let olivia: Awaited<ReturnType<typeof makeUser>>;

  beforeEach(async () => {
    await resetDatabase();
    await restoreSlaDefaults();
    sara = await makeAgent({ name: 'Sara Support', email: 'support@example.com' });
    olivia = await makeUser({ name: 'Olivia Ops', email: 'ops@example.com', role: 'super_admin' });
    await makeUser({ email: 'billing@example.com', role: 'billing_admin' });
    support = await signIn('support@example.com');
    ops = await signIn('ops@example.com');
  });

  async function open(subject: string, over: { tier?: 'free' | 'professional' | 'enterprise'; priority?: string; errorId?: string } = {}) {
    const c = await makeCustomer({ tier: over.tier, name: `Customer of ${subject}` });
    const res = await c.agent.post('/api/support/tickets').send({ subject, description: 'Please help', priority: over.priority, errorId: over.errorId });
    expect(res.status).to.equal(201);
    return { ...c, ticket: res.body as { id: string; number: string } };
  }

  it('checks permissions: customers and billing admins cannot read the queue; tickets.manage is needed to assign', async () => {
    const { agent, ticket } = await open('Perms');
    expect((await agent.get('/api/admin/support/tickets')).status).to.equal(403);
    const billing = await signIn('billing@example.com');
    expect((await billing.get('/api/admin/support/tickets')).status).to.equal(403);
    expect((await billing.post(`/api/admin/support/tickets/${ticket.id}/messages`).send({ content: 'x' })).status).to.equal(403);
    expect((await ops.get('/api/admin/support/tickets')).status).to.equal(200);
  });

  it('lists the queue in the simple-rest contract with filters and search', async () => {
    await open('Login broken', { tier: 'professional', priority: 'high' });
    await open('Export CSV', { tier: 'free', priority: 'low', errorId: 'err_abc123' });
    const third = await open('Billing question', { tier: 'enterprise' });
    await support.post(`/api/admin/support/tickets/${third.ticket.id}/assign`).send({ assigneeId: null });

    const all = await support.get('/api/admin/support/tickets?_start=0&_end=10');
    expect(all.status).to.equal(200);
    expect(all.headers['x-total-count']).to.equal('3');
    expect(all.body[0]).to.include.keys('number', 'status', 'priority', 'assigneeName', 'customerName', 'customerTier', 'firstResponseDueAt', 'slaBreached');

    const subjects = async (qs: string) => (await support.get(`/api/admin/support/tickets?${qs}`)).body.map((t: { subject: string }) => t.subject).sort();
    expect(await subjects('priority=high')).to.deep.equal(['Login broken']);
    expect(await subjects('customerTier=professional&customerTier=enterprise')).to.deep.equal(['Billing question', 'Login broken']);
    expect(await subjects('assigneeId=none')).to.deep.equal(['Billing question']);
    expect(await subjects(`assigneeId=${sara.id}`)).to.deep.equal(['Export CSV', 'Login broken']);
    expect(await subjects('slaBreached=false')).to.have.length(3);
    expect(await subjects('slaBreached=true')).to.deep.equal([]);
    expect(await subjects('q=err_abc')).to.deep.equal(['Export CSV']);
    expect(await subjects('q=login')).to.deep.equal(['Login broken']);
    expect(await subjects('status=open')).to.have.length(3);
    const bad = await support.get('/api/admin/support/tickets?status=stuck&customerTier=gold');
    expect(bad.status).to.equal(400);
    expect(bad.body.errors).to.have.keys('status', 'customerTier');
  });

  it('replies publicly (first response, e-mail to the customer) and adds internal notes (no e-mail); each is audited', async () => {
    const { ticket, user } = await open('Answer me');
    const reply = await support.post(`/api/admin/support/tickets/${ticket.id}/messages`).send({ content: 'Hello, we are on it' });
    expect(reply.status).to.equal(201);
    expect(reply.body).to.include({ internal: false, authorName: 'Sara Support', authorKind: 'agent' });
    const note = await support.post(`/api/admin/support/tickets/${ticket.id}/messages`).send({ content: 'Customer is on legacy plan', internal: true });
    expect(note.body.internal).to.equal(true);

    const detail = await support.get(`/api/admin/support/tickets/${ticket.id}`);
    expect(detail.body.status).to.equal('waiting_on_customer');
    expect(detail.body.firstRespondedAt).to.be.a('string');
    expect(detail.body.messages.map((m: { internal: boolean }) => m.internal)).to.deep.equal([false, true]);
    expect(detail.body.customer).to.include({ tier: 'free', ticketCount: 1 });

    const mails = await emailsTo(user.email, 'ticket_reply');
    expect(mails).to.have.length(1);
    expect(mails[0].textBody).to.include('Hello, we are on it');
    const actions = (await AuditLog.findAll({ where: { targetId: ticket.id } })).map((a) => a.action).sort();
    expect(actions).to.deep.equal(['support_ticket.note', 'support_ticket.reply']);
    expect((await support.post(`/api/admin/support/tickets/${ticket.id}/messages`).send({ content: '  ' })).status).to.equal(400);
  });

  it('assigns to an admin who can reply, refuses others, and e-mails the new assignee', async () => {
    const { ticket } = await open('Assign me');
    const customer = await makeUser({ email: 'nobody@example.test' });
    const wrong = await support.post(`/api/admin/support/tickets/${ticket.id}/assign`).send({ assigneeId: customer.id });
    expect(wrong.status).to.equal(400);
    expect(wrong.body.errors).to.have.key('assigneeId');
    const ok = await support.post(`/api/admin/support/tickets/${ticket.id}/assign`).send({ assigneeId: olivia.id });
    expect(ok.status).to.equal(200);
    expect(ok.body).to.include({ assigneeId: olivia.id, assigneeName: 'Olivia Ops' });
    expect(await emailsTo('ops@example.com', 'ticket_assigned')).to.have.length(1);
    const audit = await AuditLog.findOne({ where: { targetId: ticket.id, action: 'support_ticket.assign' } });
    expect(audit?.after).to.deep.equal({ assigneeId: olivia.id });
  });

  it('changes status and priority with PATCH, resolves with /resolve, and tells the customer', async () => {
    const { ticket, user } = await open('Status flow');
    const patched = await support.patch(`/api/admin/support/tickets/${ticket.id}`).send({ status: 'in_progress', priority: 'urgent' });
    expect(patched.status).to.equal(200);
    expect(patched.body).to.include({ status: 'in_progress', priority: 'urgent' });
    expect((await support.patch(`/api/admin/support/tickets/${ticket.id}`).send({})).status).to.equal(400);
    expect((await support.patch(`/api/admin/support/tickets/${ticket.id}`).send({ status: 'done' })).status).to.equal(400);

    const [resolved, twice] = await Promise.all([support.post(`/api/admin/support/tickets/${ticket.id}/resolve`), ops.post(`/api/admin/support/tickets/${ticket.id}/resolve`)].map(async (r) => r)).then((rs) => rs.sort((x, y) => x.status - y.status));
    expect(twice.status).to.equal(409); // resolved once, even when two agents click at the same moment
    expect(resolved.status).to.equal(200);
    expect(resolved.body.status).to.equal('resolved');
    expect(resolved.body.resolvedAt).to.be.a('string');
    expect((await support.post(`/api/admin/support/tickets/${ticket.id}/resolve`)).body.code).to.equal('already_resolved');
    const mails = await emailsTo(user.email, 'ticket_status_changed');
    expect(mails.map((m) => m.subject)).to.deep.equal([`[${ticket.number}] Your ticket is in progress`, `[${ticket.number}] Your ticket is resolved`]);
    expect(await AuditLog.count({ where: { targetId: ticket.id, action: 'support_ticket.update' } })).to.equal(2);
    expect(resolved.body.assigneeId).to.be.a('string');
  });

  it('opens a ticket on behalf of a customer (audited) and 404s unknown tickets', async () => {
    const { user } = await makeCustomer({ name: 'Phone Caller' });
    const res = await support.post('/api/admin/support/tickets').send({ customerId: user.id, subject: 'Called us', description: 'Phone call notes' });
    expect(res.status).to.equal(201);
    expect(res.body.customerName).to.equal('Phone Caller');
    expect(await AuditLog.count({ where: { action: 'support_ticket.create' } })).to.equal(1);
    expect((await support.get('/api/admin/support/tickets/00000000-0000-4000-8000-000000000000')).status).to.equal(404);
  });
});
