import { expect } from 'chai';
import { seedDemo, DEMO_PASSWORD } from '../../../../seeders/demo';
import { resetDatabase, signIn } from '../../support/app';

describe('Support demo data', () => {
  before(resetDatabase);
  after(resetDatabase);

  it('gives customer@example.com a conversation (without the internal note) and support@ a queue and canned responses', async () => {
    expect(await seedDemo()).to.not.equal(null);
    const customer = await signIn('customer@example.com', DEMO_PASSWORD);
    const mine = await customer.get('/api/support/tickets');
    expect(mine.body).to.have.length(2);
    const inProgress = mine.body.find((t: { status: string }) => t.status === 'in_progress');
    const detail = await customer.get(`/api/support/tickets/${inProgress.id}`);
    expect(detail.body.messages).to.have.length(2);
    expect(JSON.stringify(detail.body)).to.not.include('ops sign-off').and.not.include('confirm with the team');

    const support = await signIn('support@example.com', DEMO_PASSWORD);
    const queue = await support.get('/api/admin/support/tickets?_end=50');
    expect(Number(queue.headers['x-total-count'])).to.be.greaterThan(5);
    // the open tickets already past a target: the stuck analyses, Casey's overdue resolution, the unanswered feature request
    const breached = (await support.get('/api/admin/support/tickets?slaBreached=true')).body as Array<{ subject: string }>;
    expect(breached.map((t) => t.subject).sort()).to.deep.equal(['Analyses stuck in "queued"', 'Analysis results look different since yesterday', 'Feature request: export findings as CSV']);
    const canned = await support.get(`/api/admin/support/tickets/${inProgress.id}/canned-responses`);
    expect(canned.body.length).to.be.greaterThan(2);
    expect(canned.body[0].rendered).to.not.include('{{');
    const agents = await support.get('/api/admin/support/agents');
    expect(agents.body.find((a: { email: string }) => a.email === 'support@example.com')).to.include({ active: true });
  });
});
