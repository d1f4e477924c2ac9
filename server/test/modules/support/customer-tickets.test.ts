import { expect } from 'chai';
import request from 'supertest';
import { app, resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { clock } from '../../../src/lib/clock';
import { containsText, emailsTo, makeAgent, makeCustomer, restoreSlaDefaults } from './helpers';

const NOTE = 'INTERNAL-NOTE-customer-must-never-see-this';

describe('Support tickets: the customer API', () => {
  let support: Awaited<ReturnType<typeof signIn>>;
  let supportUser: Awaited<ReturnType<typeof makeAgent>>;

  beforeEach(async () => {
    await resetDatabase();
    await restoreSlaDefaults();
    supportUser = await makeAgent({ name: 'Sara Support', email: 'support@example.com' });
    support = await signIn('support@example.com');
  });

  it('opens a ticket with a number, SLA due times from the policy, an assignee, and the error id quoted', async () => {
    const { agent } = await makeCustomer({ tier: 'free' });
    const res = await agent.post('/api/support/tickets').send({ subject: 'Analysis stuck', description: 'It has been running for an hour', errorId: 'err_7f3a-19' });
    expect(res.status).to.equal(201);
    expect(res.body.number).to.match(/^T-\d{6}$/);
    expect(res.body).to.include({ subject: 'Analysis stuck', status: 'open', priority: 'normal', prioritySupport: false, errorId: 'err_7f3a-19' });
    expect(res.body).to.not.have.property('assigneeId');

    const detail = await support.get(`/api/admin/support/tickets/${res.body.id}`);
    expect(detail.body.assigneeId).to.equal(supportUser.id);
    const created = new Date(detail.body.createdAt).getTime();
    // normal: first response in 480 minutes, resolution in 4320
    expect(new Date(detail.body.firstResponseDueAt).getTime() - created).to.equal(480 * 60_000);
    expect(new Date(detail.body.resolutionDueAt).getTime() - created).to.equal(4320 * 60_000);
    expect((await emailsTo('support@example.com', 'ticket_assigned')).length).to.equal(1);
  });

  it('gives Professional and Enterprise customers priority support: half the SLA targets', async () => {
    const { agent } = await makeCustomer({ tier: 'professional' });
    const res = await agent.post('/api/support/tickets').send({ subject: 'Invoice question', description: 'Why two lines?', priority: 'high' });
    expect(res.body.prioritySupport).to.equal(true);
    const detail = await support.get(`/api/admin/support/tickets/${res.body.id}`);
    expect(detail.body.customerTier).to.equal('professional');
    expect(new Date(detail.body.firstResponseDueAt).getTime() - new Date(detail.body.createdAt).getTime()).to.equal(120 * 60_000);
  });

  it('rejects bad input with field errors', async () => {
    const { agent } = await makeCustomer();
    const res = await agent.post('/api/support/tickets').send({ subject: 'x', description: '', priority: 'critical', errorId: 'bad id!' });
    expect(res.status).to.equal(400);
    expect(res.body.code).to.equal('validation_failed');
    expect(res.body.errors).to.have.keys('subject', 'description', 'priority', 'errorId');
    expect((await request(app()).get('/api/support/tickets')).status).to.equal(401);
  });

  it('shows customers only their own tickets; someone else\'s is a 404', async () => {
    const a = await makeCustomer({ name: 'Ann' });
    const b = await makeCustomer({ name: 'Bob' });
    const t = (await a.agent.post('/api/support/tickets').send({ subject: 'Ann issue', description: 'desc' })).body;
    await b.agent.post('/api/support/tickets').send({ subject: 'Bob issue', description: 'desc' });
    const list = await a.agent.get('/api/support/tickets');
    expect(list.body.map((x: { subject: string }) => x.subject)).to.deep.equal(['Ann issue']);
    expect(list.headers['x-total-count']).to.equal('1');
    await a.agent.post('/api/support/tickets').send({ subject: 'Ann second', description: 'desc' });
    const page = await a.agent.get('/api/support/tickets?_start=0&_end=1');
    expect(page.body.map((x: { subject: string }) => x.subject)).to.deep.equal(['Ann second']);
    expect(page.headers['x-total-count']).to.equal('2');
    expect((await a.agent.get('/api/support/tickets?customerId=x')).status).to.equal(400); // no filtering into other people's tickets
    expect((await b.agent.get(`/api/support/tickets/${t.id}`)).status).to.equal(404);
    expect((await b.agent.post(`/api/support/tickets/${t.id}/messages`).send({ content: 'hi' })).status).to.equal(404);
    expect((await b.agent.post(`/api/support/tickets/${t.id}/rating`).send({ score: 1 })).status).to.equal(404);
    expect((await a.agent.get('/api/support/tickets/not-a-uuid')).status).to.equal(404);
  });

  it('never shows internal notes to the customer, through any customer endpoint', async () => {
    const { agent, user } = await makeCustomer({ email: 'cust@example.test' });
    const t = (await agent.post('/api/support/tickets').send({ subject: 'Secret test', description: 'desc' })).body;
    expect((await support.post(`/api/admin/support/tickets/${t.id}/messages`).send({ content: NOTE, internal: true })).status).to.equal(201);
    await support.post(`/api/admin/support/tickets/${t.id}/messages`).send({ content: 'Public answer', internal: false });

    const responses = [
      await agent.get('/api/support/tickets'),
      await agent.get(`/api/support/tickets/${t.id}`),
      await agent.post(`/api/support/tickets/${t.id}/messages`).send({ content: 'Thanks' }),
    ];
    await support.post(`/api/admin/support/tickets/${t.id}/messages`).send({ content: `${NOTE} again`, internal: true });
    await support.post(`/api/admin/support/tickets/${t.id}/resolve`);
    responses.push(
      await agent.get(`/api/support/tickets/${t.id}`),
      await agent.post(`/api/support/tickets/${t.id}/rating`).send({ score: 5 }),
      await agent.get('/api/support/tickets'),
      await agent.post('/api/support/tickets').send({ subject: 'Another one', description: 'desc' }),
    );
    for (const [i, res] of responses.entries()) {
      expect(res.status).to.be.within(200, 201);
      expect(containsText(res.body, NOTE), `customer response #${i}`).to.equal(false);
    }
    const detail = responses[3].body;
    expect(detail.messages.map((m: { content: string }) => m.content)).to.deep.equal(['Public answer', 'Thanks']);
    // …nor by e-mail
    for (const mail of await emailsTo(user.email)) expect(mail.textBody).to.not.include(NOTE);
    // agents do see them
    const all = await support.get(`/api/admin/support/tickets/${t.id}/messages`);
    expect(all.body.filter((m: { internal: boolean }) => m.internal)).to.have.length(2);
  });

  it('a customer reply puts a ticket waiting on them back to open and e-mails the assignee', async () => {
    const { agent } = await makeCustomer();
    const t = (await agent.post('/api/support/tickets').send({ subject: 'Reply flow', description: 'desc' })).body;
    await support.post(`/api/admin/support/tickets/${t.id}/messages`).send({ content: 'Can you send a screenshot?' });
    expect((await agent.get(`/api/support/tickets/${t.id}`)).body.status).to.equal('waiting_on_customer');
    const reply = await agent.post(`/api/support/tickets/${t.id}/messages`).send({ content: 'Here it is' });
    expect(reply.status).to.equal(201);
    expect(reply.body.author.kind).to.equal('customer');
    expect((await agent.get(`/api/support/tickets/${t.id}`)).body.status).to.equal('open');
    const mails = await emailsTo('support@example.com', 'ticket_customer_reply');
    expect(mails).to.have.length(1);
    expect(mails[0].textBody).to.include('Here it is');
  });

  it('takes a rating (1–5) only once the ticket is resolved, and only once', async () => {
    const { agent } = await makeCustomer();
    const t = (await agent.post('/api/support/tickets').send({ subject: 'Rate me', description: 'desc' })).body;
    const early = await agent.post(`/api/support/tickets/${t.id}/rating`).send({ score: 5 });
    expect(early.status).to.equal(409);
    expect(early.body.code).to.equal('ticket_not_resolved');
    await support.post(`/api/admin/support/tickets/${t.id}/resolve`);
    expect((await agent.post(`/api/support/tickets/${t.id}/rating`).send({ score: 6 })).body.errors).to.have.key('score');
    expect((await agent.post(`/api/support/tickets/${t.id}/rating`).send({ score: 2.5 })).status).to.equal(400);
    const ok = await agent.post(`/api/support/tickets/${t.id}/rating`).send({ score: 4, comment: 'Quick and kind' });
    expect(ok.status).to.equal(200);
    expect(ok.body.rating).to.include({ score: 4, comment: 'Quick and kind' });
    expect(ok.body.canRate).to.equal(false);
    expect((await agent.post(`/api/support/tickets/${t.id}/rating`).send({ score: 1 })).body.code).to.equal('already_rated');
    const seen = await support.get(`/api/admin/support/tickets/${t.id}`);
    expect(seen.body.rating.score).to.equal(4);
  });

  it('refuses replies on a closed ticket', async () => {
    const { agent } = await makeCustomer();
    const t = (await agent.post('/api/support/tickets').send({ subject: 'Closing', description: 'desc' })).body;
    await support.patch(`/api/admin/support/tickets/${t.id}`).send({ status: 'closed' });
    const res = await agent.post(`/api/support/tickets/${t.id}/messages`).send({ content: 'one more thing' });
    expect(res.status).to.equal(409);
    expect(res.body.code).to.equal('ticket_closed');
  });

  it('uses the advanceable clock for ticket times', async () => {
    clock.advance(3 * 86_400_000);
    const { agent } = await makeCustomer();
    const t = (await agent.post('/api/support/tickets').send({ subject: 'Future', description: 'desc' })).body;
    expect(new Date(t.createdAt).getTime()).to.be.closeTo(clock.now().getTime(), 5_000);
    void makeUser;
  });

  it('the customer presenter refuses an internal note outright (a second line of defence behind the SQL filter)', async () => {
    const { presentCustomerMessage } = await import('../../../src/modules/support/support.presenter');
    expect(() => presentCustomerMessage({ id: 'x', ticketId: 'y', authorId: null, authorKind: 'agent', authorName: 'A', internal: true, content: NOTE, createdAt: new Date() })).to.throw();
  });
});
