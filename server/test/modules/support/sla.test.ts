import { expect } from 'chai';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { clock } from '../../../src/lib/clock';
import { breachOf, dueTimes, effectiveTargets, raisePriority } from '../../../src/modules/support/sla';
import { escalateSlaBreaches } from '../../../src/modules/support/services/escalate-sla.service';
import { SupportTicket } from '../../../src/modules/support/support.models';
import { emailsTo, makeAgent, makeCustomer, restoreSlaDefaults } from './helpers';

const MIN = 60_000;

describe('SLA', () => {
  it('computes targets, due times, escalation steps and breaches (pure)', () => {
    expect(effectiveTargets({ firstResponseMinutes: 45, resolutionMinutes: 480 }, true)).to.deep.equal({ firstResponseMinutes: 23, resolutionMinutes: 240 });
    const at = new Date('2026-01-01T00:00:00Z');
    expect(dueTimes(at, { firstResponseMinutes: 60, resolutionMinutes: 120 }, false).resolutionDueAt.toISOString()).to.equal('2026-01-01T02:00:00.000Z');
    expect(['low', 'normal', 'high', 'urgent'].map((p) => raisePriority(p as 'low'))).to.deep.equal(['normal', 'high', 'urgent', 'urgent']);
    const t = { status: 'open', firstRespondedAt: null, firstResponseDueAt: new Date(at.getTime() + MIN), resolutionDueAt: new Date(at.getTime() + 10 * MIN) };
    expect(breachOf(t, at)).to.equal(null);
    expect(breachOf(t, new Date(at.getTime() + MIN))).to.equal('first_response');
    expect(breachOf({ ...t, firstRespondedAt: at, status: 'waiting_on_customer' }, new Date(at.getTime() + 20 * MIN))).to.equal(null);
    expect(breachOf({ ...t, firstRespondedAt: at, status: 'in_progress' }, new Date(at.getTime() + 20 * MIN))).to.equal('resolution');
    expect(breachOf({ ...t, status: 'resolved' }, new Date(at.getTime() + 20 * MIN))).to.equal(null);
  });

  describe('escalation job and policies', () => {
    let support: Awaited<ReturnType<typeof signIn>>;
    beforeEach(async () => {
      await resetDatabase();
      await restoreSlaDefaults();
      await makeAgent({ name: 'Sara Support', email: 'support@example.com' });
      await makeUser({ name: 'Second Lead', email: 'lead@example.com', role: 'support_admin' });
      support = await signIn('support@example.com');
    });
    after(restoreSlaDefaults);

    it('flags a breach, raises the priority one step, notes it and e-mails the assignee and support admins — once', async () => {
      const { agent } = await makeCustomer();
      const t = (await agent.post('/api/support/tickets').send({ subject: 'Slow', description: 'desc', priority: 'normal' })).body;
      const answered = (await agent.post('/api/support/tickets').send({ subject: 'Answered', description: 'desc', priority: 'normal' })).body;
      await support.post(`/api/admin/support/tickets/${answered.id}/messages`).send({ content: 'On it' });

      clock.advance(479 * MIN);
      expect(await escalateSlaBreaches()).to.deep.equal({ escalated: 0 });
      clock.advance(2 * MIN); // past the 480-minute first response target
      expect(await escalateSlaBreaches()).to.deep.equal({ escalated: 1 });

      const ticket = (await SupportTicket.findByPk(t.id))!;
      expect(ticket).to.include({ slaBreached: true, priority: 'high' });
      expect(ticket.escalatedAt!.getTime()).to.be.closeTo(clock.now().getTime(), 5_000);
      const detail = await support.get(`/api/admin/support/tickets/${t.id}`);
      const system = detail.body.messages.filter((m: { authorKind: string }) => m.authorKind === 'system');
      expect(system).to.have.length(1);
      expect(system[0]).to.include({ internal: true });
      expect(system[0].content).to.include('first response');
      expect(await emailsTo('support@example.com', 'ticket_sla_breached')).to.have.length(1); // assignee and support admin: one e-mail
      expect(await emailsTo('lead@example.com', 'ticket_sla_breached')).to.have.length(1);
      const customerView = await agent.get(`/api/support/tickets/${t.id}`);
      expect(JSON.stringify(customerView.body)).to.not.include('SLA breached');
      expect((await support.get('/api/admin/support/tickets?slaBreached=true')).body.map((x: { id: string }) => x.id)).to.deep.equal([t.id]);

      clock.advance(10 * 24 * 60 * MIN); // the resolution target passes too: still one escalation per ticket… except the answered one
      const again = await escalateSlaBreaches();
      expect(again.escalated).to.equal(0); // answered is waiting on the customer; t is already flagged
      expect(await emailsTo('lead@example.com', 'ticket_sla_breached')).to.have.length(1);
    });

    it('escalates a missed resolution target once the customer has replied', async () => {
      const { agent } = await makeCustomer();
      const t = (await agent.post('/api/support/tickets').send({ subject: 'Long', description: 'desc', priority: 'urgent' })).body;
      await support.post(`/api/admin/support/tickets/${t.id}/messages`).send({ content: 'Looking' });
      await agent.post(`/api/support/tickets/${t.id}/messages`).send({ content: 'Still broken' });
      clock.advance(481 * MIN);
      expect((await escalateSlaBreaches()).escalated).to.equal(1);
      const ticket = (await SupportTicket.findByPk(t.id))!;
      expect(ticket.priority).to.equal('urgent');
      expect(ticket.slaBreached).to.equal(true);
    });

    it('edits the targets per priority (audited); new tickets use them', async () => {
      const list = await support.get('/api/admin/support/sla-policies');
      expect(list.body.map((p: { priority: string }) => p.priority)).to.deep.equal(['urgent', 'high', 'normal', 'low']);
      const bad = await support.patch('/api/admin/support/sla-policies').send({ policies: [{ priority: 'low', firstResponseMinutes: 100, resolutionMinutes: 50 }] });
      expect(bad.status).to.equal(400);
      expect((await support.patch('/api/admin/support/sla-policies').send({ policies: [{ priority: 'low', firstResponseMinutes: 0 }] })).status).to.equal(400);
      const ok = await support.patch('/api/admin/support/sla-policies').send({ policies: [{ priority: 'low', firstResponseMinutes: 30 }] });
      expect(ok.status).to.equal(200);
      expect(ok.body.find((p: { priority: string }) => p.priority === 'low').firstResponseMinutes).to.equal(30);
      const { agent } = await makeCustomer();
      const t = (await agent.post('/api/support/tickets').send({ subject: 'Low', description: 'desc', priority: 'low' })).body;
      const detail = await support.get(`/api/admin/support/tickets/${t.id}`);
      expect(new Date(detail.body.firstResponseDueAt).getTime() - new Date(detail.body.createdAt).getTime()).to.equal(30 * MIN);
    });
  });
});
