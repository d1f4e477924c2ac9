import { expect } from 'chai';
import request from 'supertest';
import { addDays, dayOf } from '../../../src/modules/analytics/days';
import { rollupRange } from '../../../src/modules/analytics/services/rollup.service';
import { track } from '../../../src/modules/analytics/track';
import { app, resetDatabase, signIn } from '../../support/app';
import { resetAnalytics, rows } from './fixture';
import { makeProject, makeUser } from '../../support/factories';

type Agent = Awaited<ReturnType<typeof signIn>>;

function text(res: request.Response): string {
  return typeof res.body === 'string' ? res.body : res.text;
}

describe('customer analytics API', () => {
  const today = dayOf(new Date());
  const yesterday = addDays(today, -1);
  let alice: Agent;
  let bob: Agent;
  let aliceProject: string;
  let bobProject: string;
  let aliceId: string;

  before(async function () {
    this.timeout(60_000);
    await resetDatabase();
    await resetAnalytics();
    const a = await makeUser({ email: 'alice@analytics.test' });
    const b = await makeUser({ email: 'bob@analytics.test' });
    aliceId = a.id;
    aliceProject = (await makeProject(a.id, { name: 'Alice API' })).id;
    bobProject = (await makeProject(b.id, { name: 'Bob secret' })).id;
    const at = (day: string, h: number) => new Date(`${day}T${String(h).padStart(2, '0')}:00:00Z`);
    // Alice yesterday: 2 analyses run, 1 completed (score 80, 3 bugs); today (live): 1 run, 1 completed (score 60, 1 bug)
    await track({ type: 'analysis_run', userId: a.id, projectId: aliceProject, properties: { analysisType: 'security' }, occurredAt: at(yesterday, 9) });
    await track({ type: 'analysis_run', userId: a.id, projectId: aliceProject, properties: { analysisType: 'quality' }, occurredAt: at(yesterday, 10) });
    await track({ type: 'analysis_completed', userId: a.id, projectId: aliceProject, properties: { analysisType: 'security', qualityScore: 80, bugsFound: 3, confidence: 0.9 }, occurredAt: at(yesterday, 11) });
    await track({ type: 'analysis_run', userId: a.id, projectId: aliceProject, properties: { analysisType: 'security' }, occurredAt: new Date(Date.now() - 60_000) });
    await track({ type: 'analysis_completed', userId: a.id, projectId: aliceProject, properties: { analysisType: 'security', qualityScore: 60, bugsFound: 1, confidence: 0.7 }, occurredAt: new Date(Date.now() - 30_000) });
    // Bob: lots of activity that Alice must never see
    for (let i = 0; i < 5; i++) await track({ type: 'analysis_run', userId: b.id, projectId: bobProject, properties: { analysisType: 'bugs' }, occurredAt: at(yesterday, 12) });
    await rollupRange(addDays(today, -40), today);
    alice = await signIn('alice@analytics.test');
    bob = await signIn('bob@analytics.test');
  });

  it('needs a session', async () => {
    for (const path of ['/api/analytics/dashboard', '/api/analytics/projects', '/api/analytics/timeline', '/api/analytics/export', `/api/analytics/projects/${aliceProject}`]) {
      const res = await request(app()).get(path);
      expect(res.status, path).to.equal(401);
    }
  });

  it('dashboard: rolled-up days plus today live, only the customer\'s own', async () => {
    const res = await alice.get('/api/analytics/dashboard');
    expect(res.status).to.equal(200);
    expect(res.body.range).to.deep.equal({ from: addDays(today, -29), to: today });
    expect(res.body.kpis).to.include({ analysesRun: 3, analysesCompleted: 2, bugsFound: 4, avgQualityScore: 70 }); // (80 + 60) / 2
    expect(res.body.totals).to.include({ totalProjects: 1, totalAnalyses: 3, aiInteractions: 2 });
    expect(res.body.distribution).to.deep.equal([{ type: 'security', count: 2 }, { type: 'quality', count: 1 }]);
    // newest first: the sign-in of this test, then today's completed analysis
    expect(res.body.recentActivity.map((e: { type: string }) => e.type).slice(0, 2)).to.deep.equal(['login', 'analysis_completed']);
    expect(res.body.recentActivity[1]).to.include({ projectName: 'Alice API' });
    expect(JSON.stringify(res.body)).not.to.contain('Bob secret');
  });

  it('timeline: every day of the range, today included live', async () => {
    const res = await alice.get('/api/analytics/timeline').query({ from: addDays(today, -2), to: today });
    expect(res.status).to.equal(200);
    expect(res.body.days.map((d: { day: string; analysesRun: number }) => [d.day, d.analysesRun])).to.deep.equal([[addDays(today, -2), 0], [yesterday, 2], [today, 1]]);
    expect(res.body.days[1].avgQualityScore).to.equal(80);
    // compare=previous: the three days before, ending the day before `from`
    const cmp = await alice.get('/api/analytics/timeline').query({ from: yesterday, to: today, compare: 'previous' });
    expect(cmp.body.previous.range).to.deep.equal({ from: addDays(today, -3), to: addDays(today, -2) });
    expect(cmp.body.previous.days.map((d: { analysesRun: number }) => d.analysesRun)).to.deep.equal([0, 0]);
  });

  it('projects: only their own, with the range\'s figures; another customer\'s project is a 404', async () => {
    const list = await alice.get('/api/analytics/projects');
    expect(list.status).to.equal(200);
    expect(list.headers['x-total-count']).to.equal('1');
    expect(list.body[0]).to.include({ id: aliceProject, analysesInRange: 3, bugsInRange: 4, totalAnalyses: 2 });
    const detail = await alice.get(`/api/analytics/projects/${aliceProject}`);
    expect(detail.status).to.equal(200);
    expect(detail.body.byType[0]).to.include({ type: 'security', analyses: 2, completed: 2, avgQualityScore: 70 });
    expect(detail.body.trend).to.have.length(30);
    expect((await alice.get(`/api/analytics/projects/${bobProject}`)).status).to.equal(404);
    expect((await bob.get(`/api/analytics/projects/${aliceProject}`)).status).to.equal(404);
  });

  it('export: a streamed CSV of the customer\'s own timeline, recorded as an export_download', async () => {
    const res = await alice.get('/api/analytics/export').query({ from: yesterday, to: today }).buffer(true);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^text\/csv/);
    expect(res.headers['content-disposition']).to.contain(`analytics-timeline-${yesterday}-to-${today}.csv`);
    const lines = text(res).trim().split('\n');
    expect(lines[0]).to.equal('day,analysesRun,analysesCompleted,bugsFound,avgQualityScore,projectsCreated,snippetsCreated,logins,exports,events');
    expect(lines[1]).to.equal(`${yesterday},2,1,3,80,0,0,0,0,3`);
    const projects = await alice.get('/api/analytics/export').query({ dataset: 'projects' }).buffer(true);
    expect(text(projects)).to.contain('Alice API').and.not.contain('Bob secret');
    const [ev] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_events WHERE user_id = :id AND event_type = 'export_download'`, { id: aliceId });
    expect(ev.n).to.equal(2);
  });

  it('rejects bad ranges with a 400 and field errors', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ from: '2026-02-30' }, 'from'],
      [{ from: 'yesterday' }, 'from'],
      [{ from: '2026-03-10', to: '2026-03-01' }, 'from'],
      [{ from: '2020-01-01', to: '2026-01-01' }, 'from'],
      [{ compare: 'last-year' }, 'compare'],
    ];
    for (const [query, field] of cases) {
      const res = await alice.get('/api/analytics/timeline').query(query);
      expect(res.status, JSON.stringify(query)).to.equal(400);
      expect(res.body.errors, JSON.stringify(query)).to.have.property(field);
    }
  });

  describe('POST /api/analytics/events', () => {
    it('stores a batch of page views and feature uses for the signed-in customer', async () => {
      const res = await alice.post('/api/analytics/events').send({ events: [{ type: 'page_view', path: '/analytics' }, { type: 'feature_used', feature: 'analytics.export', properties: { dataset: 'timeline' } }] });
      expect(res.status).to.equal(202);
      expect(res.body).to.deep.equal({ accepted: 2 });
      const stored = await rows<{ event_type: string; source: string; properties: Record<string, unknown> }>(`SELECT event_type, source, properties FROM analytics_events WHERE user_id = :id AND source = 'ui' ORDER BY event_type DESC`, { id: aliceId });
      expect(stored).to.deep.equal([
        { event_type: 'page_view', source: 'ui', properties: { path: '/analytics' } },
        { event_type: 'feature_used', source: 'ui', properties: { dataset: 'timeline', feature: 'analytics.export' } },
      ]);
    });

    it('stores text that COPY would otherwise read as control characters exactly as sent', async () => {
      const tricky = 'tab\there, line\nbreak, back\\slash \\N, quote " and ünïcode ✓';
      const res = await alice.post('/api/analytics/events').send({ events: [{ type: 'page_view', path: `/odd\\path\t1`, properties: { note: tricky, n: 1.5, flag: false, none: null } }] });
      expect(res.status).to.equal(202);
      const [stored] = await rows<{ properties: Record<string, unknown> }>(`SELECT properties FROM analytics_events WHERE user_id = :id AND properties->>'note' IS NOT NULL`, { id: aliceId });
      expect(stored.properties).to.deep.equal({ note: tricky, n: 1.5, flag: false, none: null, path: '/odd\\path\t1' });
    });

    it('refuses server-side event types, unknown fields, oversized batches and anonymous callers', async () => {
      const bad = [
        { events: [{ type: 'upgrade' }] },
        { events: [{ type: 'page_view' }] },
        { events: [{ type: 'page_view', path: '/x', userId: 'someone-else' }] },
        { events: [] },
        { events: Array.from({ length: 501 }, () => ({ type: 'page_view', path: '/x' })) },
        { events: [{ type: 'page_view', path: '/x', properties: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }] },
        { events: [{ type: 'page_view', path: '/x', properties: { nested: { a: 1 } } }] },
        // PostgreSQL text and jsonb cannot hold a NUL character
        { events: [{ type: 'page_view', path: '/x', properties: { note: 'a\u0000b' } }] },
        { events: [{ type: 'page_view', path: '/x\u0000' }] },
      ];
      for (const body of bad) expect((await alice.post('/api/analytics/events').send(body)).status, JSON.stringify(body).slice(0, 80)).to.equal(400);
      expect((await request(app()).post('/api/analytics/events').send({ events: [{ type: 'page_view', path: '/x' }] })).status).to.equal(401);
    });

    it('is rate-limited per customer', async function () {
      this.timeout(30_000);
      const u = await makeUser({ email: 'chatty@analytics.test' });
      const chatty = await signIn(u.email);
      let status = 0;
      for (let i = 0; i < 121 && status !== 429; i++) status = (await chatty.post('/api/analytics/events').send({ events: [{ type: 'page_view', path: '/p' }] })).status;
      expect(status).to.equal(429);
      // others are not affected
      expect((await bob.post('/api/analytics/events').send({ events: [{ type: 'page_view', path: '/p' }] })).status).to.equal(202);
    });
  });

  it('the services record their actions: creating a project through the API tracks project_created', async () => {
    const res = await bob.post('/api/projects').send({ name: 'Tracked' });
    expect(res.status).to.equal(201);
    const [ev] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM analytics_events WHERE project_id = :id AND event_type = 'project_created'`, { id: res.body.id });
    expect(ev.n).to.equal(1);
  });
});
