import { expect } from 'chai';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { renderPlaceholders, unknownPlaceholders, placeholderValues } from '../../../src/modules/support/placeholders';
import { AuditLog } from '../../../src/modules/admin/admin.models';
import { makeAgent, makeCustomer } from './helpers';

describe('Canned responses', () => {
  it('renders placeholders (pure)', () => {
    const values = placeholderValues({ customerName: 'Ada Lovelace', customerEmail: 'ada@example.test', agentName: 'Sara', ticketNumber: 'T-000042', ticketSubject: 'Stuck' });
    expect(renderPlaceholders('Hi {{customer.first_name}}, {{ agent.name }} here about {{ticket.number}} ({{customer.name}}). {{unknown.thing}}', values))
      .to.equal('Hi Ada, Sara here about T-000042 (Ada Lovelace). {{unknown.thing}}');
    expect(unknownPlaceholders('{{customer.name}} {{custmer.name}} {{agent.nam}}')).to.deep.equal(['custmer.name', 'agent.nam']);
  });

  describe('API', () => {
    let support: Awaited<ReturnType<typeof signIn>>;
    before(async () => {
      await resetDatabase();
      await makeAgent({ name: 'Sara Support', email: 'support@example.com' });
      await makeUser({ email: 'analyst@example.com', role: 'analytics_admin' });
      support = await signIn('support@example.com');
    });

    it('creates, lists, edits and deletes, audited; unknown placeholders and duplicate titles are field errors', async () => {
      const created = await support.post('/api/admin/support/canned-responses').send({ title: 'Greeting', content: 'Hi {{customer.name}}, this is {{agent.name}} about {{ticket.number}}.' });
      expect(created.status).to.equal(201);
      const typo = await support.post('/api/admin/support/canned-responses').send({ title: 'Typo', content: 'Hi {{customer.nme}}' });
      expect(typo.status).to.equal(400);
      expect(typo.body.errors.content[0]).to.include('{{customer.nme}}');
      const dup = await support.post('/api/admin/support/canned-responses').send({ title: 'greeting', content: 'x' });
      expect(dup.status).to.equal(409);
      expect(dup.body.errors).to.have.key('title');

      const list = await support.get('/api/admin/support/canned-responses');
      expect(list.headers['x-total-count']).to.equal('1');
      const edited = await support.patch(`/api/admin/support/canned-responses/${created.body.id}`).send({ title: 'Hello' });
      expect(edited.body).to.include({ title: 'Hello', content: created.body.content });
      expect((await support.delete(`/api/admin/support/canned-responses/${created.body.id}`)).status).to.equal(204);
      expect((await support.get(`/api/admin/support/canned-responses/${created.body.id}`)).status).to.equal(404);
      const actions = (await AuditLog.findAll({ where: { targetType: 'canned_response' } })).map((a) => a.action).sort();
      expect(actions).to.deep.equal(['canned_response.create', 'canned_response.delete', 'canned_response.update']);
      const analyst = await signIn('analyst@example.com');
      expect((await analyst.post('/api/admin/support/canned-responses').send({ title: 'x', content: 'y' })).status).to.equal(403);
    });

    it('serves responses rendered for a ticket and the agent answering it', async () => {
      await support.post('/api/admin/support/canned-responses').send({ title: 'Thanks', content: 'Thanks {{customer.first_name}}! — {{agent.name}}, {{ticket.number}}' });
      const { agent } = await makeCustomer({ name: 'Grace Hopper' });
      const t = (await agent.post('/api/support/tickets').send({ subject: 'Hello', description: 'desc' })).body;
      const res = await support.get(`/api/admin/support/tickets/${t.id}/canned-responses`);
      expect(res.status).to.equal(200);
      const thanks = res.body.find((c: { title: string }) => c.title === 'Thanks');
      expect(thanks.rendered).to.equal(`Thanks Grace! — Sara Support, ${t.number}`);
    });
  });
});
