import { expect } from 'chai';
import { resetDatabase, signIn } from '../../support/app';
import { makeUser } from '../../support/factories';
import { resetAnalytics, rows } from './fixture';
import { flushSearchLog } from '../../../src/modules/search/history.service';

/** The other domains' services record their actions through track(): support tickets and searches. */
describe('tracked actions of other domains', () => {
  let agent: Awaited<ReturnType<typeof signIn>>;
  let userId: string;

  before(async () => {
    await resetDatabase();
    await resetAnalytics();
    userId = (await makeUser({ email: 'tracked@analytics.test' })).id;
    agent = await signIn('tracked@analytics.test');
  });

  it('opening a support ticket records ticket_created in the same transaction', async () => {
    const res = await agent.post('/api/support/tickets').send({ subject: 'Export is empty', description: 'The CSV has only a header line.' });
    expect(res.status).to.equal(201);
    const events = await rows<{ properties: Record<string, unknown> }>(`SELECT properties FROM analytics_events WHERE user_id = :userId AND event_type = 'ticket_created'`, { userId });
    expect(events).to.have.length(1);
    expect(events[0].properties.ticketId).to.equal(res.body.id);
  });

  it('a search records its length and result count, never the query text', async () => {
    const res = await agent.get('/api/search').query({ q: 'invoice total' });
    expect(res.status).to.equal(200);
    await flushSearchLog(); // written with the search log's batch, a moment after the answer
    const events = await rows<{ properties: Record<string, unknown> }>(`SELECT properties FROM analytics_events WHERE user_id = :userId AND event_type = 'search'`, { userId });
    expect(events).to.have.length(1);
    expect(events[0].properties).to.include({ queryLength: 13, results: 0 });
    expect(JSON.stringify(events[0].properties)).not.to.contain('invoice');
  });
});
