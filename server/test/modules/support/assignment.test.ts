import { expect } from 'chai';
import { resetDatabase, signIn } from '../../support/app';
import { SupportTicket } from '../../../src/modules/support/support.models';
import { createTicket } from '../../../src/modules/support/services/create-ticket.service';
import { runSupportSweep } from '../../../src/modules/support/support.jobs';
import { emailsTo } from './helpers';
import { makeAgent, makeCustomer, restoreSlaDefaults } from './helpers';

describe('Round-robin assignment', () => {
  beforeEach(async () => {
    await resetDatabase();
    await restoreSlaDefaults();
  });

  const assignees = async () => (await SupportTicket.findAll({ order: [['createdAt', 'ASC'], ['number', 'ASC']] })).map((t) => t.assigneeId);

  it('takes turns among active agents, skipping inactive ones', async () => {
    const a = await makeAgent({ name: 'A' });
    const b = await makeAgent({ name: 'B' });
    await makeAgent({ name: 'Off', active: false });
    const { user } = await makeCustomer();
    for (let i = 0; i < 4; i++) await createTicket({ customerId: user.id, subject: `T${i}`, description: 'd' });
    const got = await assignees();
    expect(got.filter((x) => x === a.id)).to.have.length(2);
    expect(got.filter((x) => x === b.id)).to.have.length(2);
    expect(got[0]).to.not.equal(got[1]);
  });

  it('respects capacity and leaves tickets unassigned when everyone is full; a resolved ticket frees a slot', async () => {
    const a = await makeAgent({ name: 'A', max: 1 });
    const b = await makeAgent({ name: 'B', max: 2 });
    const { user } = await makeCustomer();
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await createTicket({ customerId: user.id, subject: `T${i}`, description: 'd' }));
    const got = made.map((t) => t.assigneeId);
    expect(got.filter((x) => x === a.id)).to.have.length(1);
    expect(got.filter((x) => x === b.id)).to.have.length(2);
    expect(got[3]).to.equal(null);
    await made.find((t) => t.assigneeId === a.id)!.update({ status: 'resolved' });
    expect((await createTicket({ customerId: user.id, subject: 'T5', description: 'd' })).assigneeId).to.equal(a.id);
  });

  it('is safe under concurrency: simultaneous tickets never exceed an agent\'s capacity', async () => {
    const a = await makeAgent({ name: 'A', max: 3 });
    const b = await makeAgent({ name: 'B', max: 3 });
    const { user } = await makeCustomer();
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => createTicket({ customerId: user.id, subject: `C${i}`, description: 'd' })));
    const got = made.map((t) => t.assigneeId);
    expect(got.filter((x) => x === a.id)).to.have.length(3);
    expect(got.filter((x) => x === b.id)).to.have.length(3);
    expect(got.filter((x) => x === null)).to.have.length(2);
  });

  it('lets a support admin manage who is in the rotation', async () => {
    const sara = await makeAgent({ name: 'Sara', email: 'support@example.com' });
    const support = await signIn('support@example.com');
    const list = await support.get('/api/admin/support/agents');
    expect(list.body.map((x: { email: string }) => x.email)).to.include('support@example.com');
    const off = await support.patch(`/api/admin/support/agents/${sara.id}`).send({ active: false, maxOpenTickets: 5 });
    expect(off.status).to.equal(200);
    expect(off.body).to.include({ active: false, maxOpenTickets: 5 });
    const { user } = await makeCustomer();
    expect((await createTicket({ customerId: user.id, subject: 'x', description: 'd' })).assigneeId).to.equal(null);
    expect((await support.patch(`/api/admin/support/agents/${user.id}`).send({ active: true })).status).to.equal(404);
  });

  it('hands tickets that waited unassigned to agents as they get room (the sweep job), oldest first', async () => {
    const a = await makeAgent({ name: 'A', email: 'a.agent@example.test', max: 1 });
    const { user } = await makeCustomer();
    const first = await createTicket({ customerId: user.id, subject: 'first', description: 'd' });
    const waiting1 = await createTicket({ customerId: user.id, subject: 'waiting 1', description: 'd' });
    const waiting2 = await createTicket({ customerId: user.id, subject: 'waiting 2', description: 'd' });
    expect([first.assigneeId, waiting1.assigneeId, waiting2.assigneeId]).to.deep.equal([a.id, null, null]);
    await runSupportSweep(); // still full: nothing moves
    expect((await SupportTicket.findByPk(waiting1.id))!.assigneeId).to.equal(null);
    await first.update({ status: 'closed' });
    await runSupportSweep();
    expect((await SupportTicket.findByPk(waiting1.id))!.assigneeId).to.equal(a.id);
    expect((await SupportTicket.findByPk(waiting2.id))!.assigneeId).to.equal(null);
    expect((await emailsTo('a.agent@example.test', 'ticket_assigned')).length).to.equal(2);
  });
});
