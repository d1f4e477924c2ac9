import { expect } from 'chai';
import request from 'supertest';
import type { AdminRole } from '../../../src/modules/admin/admin.models';
import { addDays, dayOf } from '../../../src/modules/analytics/days';
import { rollupRange } from '../../../src/modules/analytics/services/rollup.service';
import { track } from '../../../src/modules/analytics/track';
import { app, resetDatabase, signIn } from '../../support/app';
import { makeProject, makeUser } from '../../support/factories';
import { makeSubscription } from '../../support/billing-factories';
import { resetAnalytics } from './fixture';

type Agent = Awaited<ReturnType<typeof signIn>>;

/** The Monday at least four weeks before today, so that three whole weeks lie in the past. */
function mondayWeeksAgo(weeks: number): string {
  const d = new Date();
  const back = ((d.getUTCDay() + 6) % 7) + weeks * 7;
  return addDays(dayOf(d), -back);
}

describe('admin analytics API', () => {
  const w0 = mondayWeeksAgo(5);
  const from = w0;
  const to = addDays(w0, 20); // three whole weeks: W0, W1, W2
  const at = (day: string, time = '12:00:00') => new Date(`${day}T${time}Z`);
  const agents: Record<string, Agent> = {};

  before(async function () {
    this.timeout(60_000);
    await resetDatabase();
    await resetAnalytics();
    // Cohort W0: u1, u2, u3; cohort W1: u4 (Professional), u5. u6 and u7 signed up before the range.
    const u1 = await makeUser({ email: 'u1@cohort.test', createdAt: at(w0, '09:00:00') });
    const u2 = await makeUser({ email: 'u2@cohort.test', createdAt: at(addDays(w0, 1)) });
    const u3 = await makeUser({ email: 'u3@cohort.test', createdAt: at(addDays(w0, 2)) });
    const u4 = await makeUser({ email: 'u4@cohort.test', createdAt: at(addDays(w0, 7)) });
    await makeUser({ email: 'u5@cohort.test', createdAt: at(addDays(w0, 8)) });
    const u6 = await makeUser({ email: 'u6@cohort.test', createdAt: at(addDays(w0, -10)) });
    const u7 = await makeUser({ email: 'u7@cohort.test', createdAt: at(addDays(w0, -10)) });
    await makeSubscription(u4.id, { tier: 'professional' });
    const p1 = await makeProject(u1.id, { name: 'Top project' });
    const p4 = await makeProject(u4.id, { name: 'Pro project' });
    const login = (userId: string, day: string, time?: string) => track({ type: 'login', userId, occurredAt: at(day, time) });
    // u1 active in W0, W1, W2; u2 in W0 and W2; u3 in W0 only; u4 in W1 and W2; u5 never.
    await login(u1.id, w0);
    await login(u1.id, addDays(w0, 8));
    await login(u1.id, addDays(w0, 15));
    await login(u2.id, addDays(w0, 1));
    await login(u2.id, addDays(w0, 16));
    await login(u3.id, addDays(w0, 3));
    await login(u4.id, addDays(w0, 9));
    await login(u4.id, addDays(w0, 14));
    // Boundaries: u6 at the very first instant of the range, u7 at the last second before it.
    await login(u6.id, from, '00:00:00');
    await login(u7.id, addDays(from, -1), '23:59:59');
    // Analyses: u1 two runs, one completed (90, 2 bugs); u4 one run, completed (50, 4 bugs).
    await track({ type: 'analysis_run', userId: u1.id, projectId: p1.id, properties: { analysisType: 'security' }, occurredAt: at(w0, '13:00:00') });
    await track({ type: 'analysis_run', userId: u1.id, projectId: p1.id, properties: { analysisType: 'security' }, occurredAt: at(w0, '14:00:00') });
    await track({ type: 'analysis_completed', userId: u1.id, projectId: p1.id, properties: { analysisType: 'security', qualityScore: 90, bugsFound: 2, confidence: 0.8 }, occurredAt: at(w0, '14:01:00') });
    await track({ type: 'analysis_run', userId: u4.id, projectId: p4.id, properties: { analysisType: 'bugs' }, occurredAt: at(addDays(w0, 9), '13:00:00') });
    await track({ type: 'analysis_completed', userId: u4.id, projectId: p4.id, properties: { analysisType: 'bugs', qualityScore: 50, bugsFound: 4, confidence: 0.6 }, occurredAt: at(addDays(w0, 9), '13:01:00') });
    await rollupRange(addDays(from, -30), addDays(to, 1));
    await makeUser({ email: 'customer@admin-analytics.test' });
    agents.customer = await signIn('customer@admin-analytics.test');
    for (const role of ['super_admin', 'billing_admin', 'support_admin', 'analytics_admin'] as AdminRole[]) {
      await makeUser({ email: `${role}@admin-analytics.test`, role });
      agents[role] = await signIn(`${role}@admin-analytics.test`);
    }
  });

  describe('permissions (analytics.read: analytics_admin and super_admin)', () => {
    const paths = ['users', 'platform', 'revenue', 'quality', 'retention'].flatMap((r) => [`/api/admin/analytics/${r}`, `/api/admin/analytics/${r}/export`]);
    for (const path of paths) {
      it(`GET ${path}`, async () => {
        expect((await request(app()).get(path)).status).to.equal(401);
        for (const denied of ['customer', 'billing_admin', 'support_admin']) {
          const res = await agents[denied].get(path);
          expect(res.status, denied).to.equal(403);
        }
        for (const allowed of ['analytics_admin', 'super_admin']) expect((await agents[allowed].get(path)).status, allowed).to.equal(200);
      });
    }
  });

  it('users: growth, active customers and churn, with the range boundaries exact', async () => {
    const res = await agents.analytics_admin.get('/api/admin/analytics/users').query({ from, to, compare: 'previous' });
    expect(res.status).to.equal(200);
    expect(res.body.previous.range).to.deep.equal({ from: addDays(from, -21), to: addDays(from, -1) });
    // u6's login at 00:00:00 on the first day counts in this period; u7's at 23:59:59 the day before in the previous one.
    expect(res.body.kpis).to.include({ signups: 5, totalCustomers: 7, activeUsers: 5, churnedUsers: 1, churnRate: 100 });
    expect(res.body.previous.kpis).to.include({ signups: 2, totalCustomers: 2, activeUsers: 1 });
    expect(res.body.changes.signups).to.equal(150); // (5 − 2) / 2
    expect(res.body.series).to.have.length(21);
    expect(res.body.series[0]).to.include({ day: from, signups: 1, activeUsers: 2 }); // u1 signs up; u1 and u6 active
  });

  it('retention: weekly signup cohorts × share still active', async () => {
    const res = await agents.analytics_admin.get('/api/admin/analytics/retention').query({ from, to, period: 'week' });
    expect(res.status).to.equal(200);
    // W0: 3 customers; week 0 all 3, week 1 u1 (1/3 = 33.3 %), week 2 u1 and u2 (2/3 = 66.7 %)
    // W1: 2 customers; week 0 u4 (50 %), week 1 u4 (50 %)
    expect(res.body.cohorts).to.deep.equal([
      { cohort: w0, size: 3, active: [3, 1, 2], retention: [100, 33.3, 66.7] },
      { cohort: addDays(w0, 7), size: 2, active: [1, 1], retention: [50, 50] },
    ]);
    // one week on: (1 + 1) / (3 + 2) = 40 %
    expect(res.body.kpis).to.include({ cohorts: 2, customers: 5, retentionPeriod1: 40 });
    const monthly = await agents.analytics_admin.get('/api/admin/analytics/retention').query({ from, to, period: 'month' });
    expect(monthly.status).to.equal(200);
    expect(monthly.body.kpis.customers).to.equal(5);
  });

  it('platform: analyses, feature adoption and top projects and customers; tier filter', async () => {
    const res = await agents.super_admin.get('/api/admin/analytics/platform').query({ from, to });
    expect(res.body.kpis).to.include({ analysesRun: 3, analysesCompleted: 2, completionRate: 66.7, activeUsers: 5 });
    expect(res.body.topProjects[0]).to.include({ name: 'Top project', analyses: 2, bugsFound: 2, avgQualityScore: 90 });
    expect(res.body.topCustomers[0]).to.include({ email: 'u1@cohort.test', analyses: 2, activeDays: 3 });
    expect(res.body.featureAdoption.find((f: { feature: string }) => f.feature === 'analyses')).to.deep.equal({ feature: 'analyses', users: 2, share: 40 });
    const pro = await agents.super_admin.get('/api/admin/analytics/platform').query({ from, to, tier: 'professional' });
    expect(pro.body.kpis).to.include({ analysesRun: 1, activeUsers: 1 });
    expect(pro.body.topProjects.map((p: { name: string }) => p.name)).to.deep.equal(['Pro project']);
  });

  it('quality: score and bug trends, by analysis type', async () => {
    const res = await agents.analytics_admin.get('/api/admin/analytics/quality').query({ from, to });
    // (90 + 50) / 2 = 70; 6 bugs over 2 analyses = 3 per analysis; confidence (0.8 + 0.6) / 2 = 0.7
    expect(res.body.kpis).to.deep.equal({ analysesCompleted: 2, avgQualityScore: 70, bugsFound: 6, bugsPerAnalysis: 3, avgConfidence: 0.7 });
    expect(res.body.byType.map((t: { type: string; avgQualityScore: number }) => [t.type, t.avgQualityScore]).sort()).to.deep.equal([['bugs', 50], ['security', 90]]);
    const pro = await agents.analytics_admin.get('/api/admin/analytics/quality').query({ from, to, tier: 'professional' });
    expect(pro.body.kpis.avgQualityScore).to.equal(50);
  });

  it('validates the range, tier and period', async () => {
    for (const query of [{ from: '2026-13-01' }, { from: '2026-03-02', to: '2026-03-01' }, { tier: 'Gold Plan!' }, { compare: 'yes' }]) {
      const res = await agents.analytics_admin.get('/api/admin/analytics/users').query(query);
      expect(res.status, JSON.stringify(query)).to.equal(400);
      expect(res.body.code).to.equal('validation_failed');
    }
    expect((await agents.analytics_admin.get('/api/admin/analytics/retention').query({ period: 'day' })).status).to.equal(400);
  });

  it('exports each report as CSV, previous period rows included with compare=previous', async () => {
    const res = await agents.analytics_admin.get('/api/admin/analytics/users/export').query({ from, to, compare: 'previous' }).buffer(true);
    expect(res.status).to.equal(200);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).to.equal('period,day,signups,activeUsers,totalCustomers,events');
    expect(lines).to.have.length(1 + 21 + 21);
    expect(lines[1]).to.equal(`current,${from},1,2,3,5`); // u1: login, 2 runs, 1 completed; u6: login
    const retention = await agents.analytics_admin.get('/api/admin/analytics/retention/export').query({ from, to }).buffer(true);
    expect(retention.text.split('\n')[0]).to.equal('period,cohort,size,period0,period1,period2');
  });
});
