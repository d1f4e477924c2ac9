import { expect } from 'chai';
import { seedDemo, DEMO_PASSWORD } from '../../../../seeders/demo';
import { resetDatabase, signIn } from '../../support/app';
import { addDays, dayOf } from '../../../src/modules/analytics/days';
import { resetAnalytics, rows } from './fixture';

describe('demo analytics', () => {
  before(async function () {
    this.timeout(120_000);
    await resetDatabase();
    await resetAnalytics();
    expect(await seedDemo()).to.not.equal(null);
  });

  it('records events for the demo history and rolls them up, so the dashboards have data on first start', async () => {
    const [ev] = await rows<{ n: number; types: number }>(`SELECT count(*)::int AS n, count(DISTINCT event_type)::int AS types FROM analytics_events`);
    expect(ev.n).to.be.greaterThan(1_000);
    expect(ev.types).to.be.at.least(7);
    // the rollup is consistent with the raw analyses: every analysis of a past day is counted once
    const [a] = await rows<{ raw: number; rolled: number }>(
      `SELECT (SELECT count(*) FROM analyses a WHERE a.created_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AND a.owner_id NOT IN (SELECT user_id FROM admin_users))::int AS raw,
              (SELECT coalesce(sum(analyses_run), 0) FROM analytics_daily_users)::int AS rolled`,
    );
    expect(a.rolled).to.equal(a.raw);
    const customer = await signIn('customer@example.com', DEMO_PASSWORD);
    const dash = await customer.get('/api/analytics/dashboard').query({ from: addDays(dayOf(new Date()), -200) });
    expect(dash.status).to.equal(200);
    expect(dash.body.totals.totalAnalyses).to.be.greaterThan(0);
    const analyst = await signIn('analyst@example.com', DEMO_PASSWORD);
    const revenue = await analyst.get('/api/admin/analytics/revenue').query({ compare: 'previous' });
    expect(revenue.status).to.equal(200);
    expect(revenue.body.kpis.mrrEndCents).to.equal(9_900); // customer@example.com on Professional
    const users = await analyst.get('/api/admin/analytics/users');
    expect(users.body.kpis.activeUsers).to.be.greaterThan(10);
  });
});
