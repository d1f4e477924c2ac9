import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { db } from '../../../src/db/sequelize';
import { drainSearchOutbox } from '../../../src/modules/search/indexer';
import { PostgresSearchEngine } from '../../../src/modules/search/engines/postgres';
import { MeilisearchEngine } from '../../../src/modules/search/engines/meilisearch';
import { getSearchEngine, setSearchEngine } from '../../../src/modules/search/registry';
import { runReindex, startReindexRun } from '../../../src/modules/search/reindex.service';
import { Project } from '../../../src/modules/projects/project.models';
import { MeilisearchEmulator } from '../../support/meilisearch-emulator';
import { resetDatabase, signIn, truncate } from '../../support/app';
import { makeUser } from '../../support/factories';
import { seedDemo } from '../../../../seeders/demo';
import { eraseUser } from '../../../src/modules/admin/users/erase-user.service';
import { eventually } from '../../support/eventually';

type Agent = Awaited<ReturnType<typeof signIn>>;

async function resetSearch(): Promise<void> {
  await resetDatabase();
  await truncate('TRUNCATE search_documents, search_outbox, search_reindex_runs');
}

const outboxCount = async () => (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM search_outbox', { type: QueryTypes.SELECT }))[0].n;

describe('search sync: outbox, indexer and rebuild', () => {
  let alice: Agent;
  let aliceId: string;
  let previous: ReturnType<typeof setSearchEngine>;

  beforeEach(async () => {
    previous = setSearchEngine(new PostgresSearchEngine());
    await resetSearch();
    aliceId = (await makeUser({ name: 'Alice Archer', email: 'alice@example.com' })).id;
    alice = await signIn('alice@example.com');
  });
  afterEach(() => setSearchEngine(previous));

  const found = async (path: string, q: string) => (await alice.get(path).query({ q }).expect(200)).body.hits.map((h: { title: string }) => h.title);

  it('a change through the API is searchable within two seconds (outbox row in the transaction, job after commit)', async () => {
    const project = (await alice.post('/api/projects').send({ name: 'Quarterly ledger', description: 'books' }).expect(201)).body;
    const started = Date.now();
    expect(await eventually(async () => (await found('/api/search/projects', 'quarterly')).length === 1)).to.equal(true);
    expect(Date.now() - started).to.be.lessThan(2000);

    await alice.patch(`/api/projects/${project.id}`).send({ name: 'Annual ledger' }).expect(200);
    expect(await eventually(async () => (await found('/api/search/projects', 'annual')).length === 1)).to.equal(true);
    expect(await found('/api/search/projects', 'quarterly')).to.deep.equal([]);

    await alice.post(`/api/projects/${project.id}/snippets`).send({ filename: 'sum.ts', language: 'typescript', content: 'const computeLedgerBalance = 1;' }).expect(201);
    expect(await eventually(async () => (await found('/api/search/code', 'ledger balance')).length === 1)).to.equal(true);

    // deleting the project removes its snippets from search too (the cascade fires no model hooks)
    await alice.delete(`/api/projects/${project.id}`).expect(204);
    expect(await eventually(async () => (await found('/api/search/code', 'ledger balance')).length === 0)).to.equal(true);
    expect(await found('/api/search/projects', 'annual')).to.deep.equal([]);
  });

  it('a rolled-back change leaves no outbox row', async () => {
    let projectId = '';
    await db()
      .transaction(async (transaction) => {
        projectId = (await Project.create({ ownerId: aliceId, name: 'Never saved' }, { transaction })).id;
        expect(await db().query('SELECT 1 FROM search_outbox WHERE source_id = $1', { bind: [projectId], type: QueryTypes.SELECT, transaction })).to.have.length(1);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await db().query('SELECT 1 FROM search_outbox WHERE source_id = $1', { bind: [projectId], type: QueryTypes.SELECT })).to.have.length(0);
  });

  it('erasing a customer (raw SQL) takes their content out of the index', async () => {
    await alice.post('/api/projects').send({ name: 'Secret formula', description: 'the recipe' }).expect(201);
    await drainSearchOutbox();
    const engine = new PostgresSearchEngine();
    expect((await engine.search({ q: 'secret formula', filters: {}, limit: 5, offset: 0 })).total).to.equal(1);
    const admin = await makeUser({ email: 'eraser@example.com', role: 'super_admin' });
    await eraseUser({ id: admin.id, email: admin.email, ip: null, userAgent: null }, aliceId);
    await drainSearchOutbox();
    expect((await engine.search({ q: 'secret formula', filters: {}, limit: 5, offset: 0 })).total).to.equal(0);
    expect((await engine.search({ q: 'alice archer', filters: {}, limit: 5, offset: 0 })).total).to.equal(0);
  });

  it('the demo seeder (bulkCreate) fills the index', async function () {
    this.timeout(60_000);
    // a TRUNCATE fires no hooks: start from an empty index too
    await truncate('TRUNCATE users CASCADE');
    await truncate('TRUNCATE search_documents, search_outbox');
    expect(await seedDemo()).to.not.equal(null);
    const indexed = async () => {
      const counts = await db().query<{ type: string; n: number }>('SELECT type, count(*)::int AS n FROM search_documents GROUP BY type', { type: QueryTypes.SELECT });
      const byType = Object.fromEntries(counts.map((c) => [c.type, c.n]));
      const expected: Record<string, number> = {};
      for (const [type, table] of [['project', 'projects'], ['snippet', 'snippets'], ['analysis', 'analyses'], ['intake', 'intakes'], ['user', 'users']]) {
        expected[type] = (await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`, { type: QueryTypes.SELECT }))[0].n;
      }
      return { byType, expected };
    };
    await drainSearchOutbox();
    // on time-out, the counts as they are, for the assertions below to name the type that is off
    const last = await eventually(async () => {
      const r = await indexed();
      return JSON.stringify(r.byType) === JSON.stringify(Object.fromEntries(Object.keys(r.byType).sort().map((k) => [k, r.expected[k]]))) ? r : null;
    }).catch(() => indexed());
    for (const type of Object.keys(last.expected)) expect(last.byType[type] ?? 0, type).to.equal(last.expected[type]);
  });

  it('with the engine down, changes wait in the outbox and arrive once it is back', async () => {
    const emulator = await new MeilisearchEmulator().start();
    const meili = new MeilisearchEngine({ host: emulator.host, indexUid: 'socrates_test_outage', taskTimeoutMs: 2000 });
    await meili.setup();
    setSearchEngine(meili);
    // let the background job finish anything pending before the outage
    await eventually(async () => (await outboxCount()) === 0);
    await emulator.stop();
    try {
      await alice.post('/api/projects').send({ name: 'Offline orchard' }).expect(201);
      await alice.post('/api/intakes').send({ customerName: 'Offline orchard buyer', email: 'buyer@orchard.example' }).expect(201);
      expect(await outboxCount()).to.be.greaterThan(0);
      const err = await drainSearchOutbox(meili).catch((e: Error) => e);
      expect(String(err)).to.match(/search engine meilisearch failed/);
      const [row] = await db().query<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM search_outbox ORDER BY id LIMIT 1', { type: QueryTypes.SELECT });
      expect(row.attempts).to.be.greaterThan(0);
      expect(row.last_error).to.be.a('string').and.not.empty;
      expect(await outboxCount()).to.be.greaterThan(0);
    } finally {
      await emulator.start();
    }
    await drainSearchOutbox(meili);
    expect(await outboxCount()).to.equal(0);
    expect(emulator.documents('socrates_test_outage').map((d) => d.title)).to.include.members(['Offline orchard', 'Offline orchard buyer']);
    const grouped = (await alice.get('/api/search').query({ q: 'orchard' }).expect(200)).body;
    expect(grouped.engine).to.equal('meilisearch');
    expect(grouped.total).to.equal(2);
    await emulator.stop();
  });

  it('a rebuild covers the whole id space, on both sides of where its workers split it', async () => {
    const ids = ['00000000-0000-0000-0000-000000000001', '7fffffff-ffff-ffff-ffff-ffffffffffff', '80000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-fffffffffffe'];
    for (const id of ids) await Project.create({ id, ownerId: aliceId, name: `Edge ${id.slice(0, 8)}` });
    await truncate('TRUNCATE search_documents, search_outbox');
    const run = await runReindex((await startReindexRun(null)).id, getSearchEngine());
    expect(run).to.include({ status: 'succeeded', done: 5 }); // 4 projects + 1 user
    const indexed = await db().query<{ source_id: string }>(`SELECT source_id FROM search_documents WHERE type = 'project' ORDER BY source_id`, { type: QueryTypes.SELECT });
    expect(indexed.map((r) => r.source_id)).to.deep.equal(ids);
  });

  it('rebuilds from the database with progress; the console starts it (audited) and reads its status', async () => {
    for (let i = 0; i < 3; i++) await alice.post('/api/projects').send({ name: `Rebuild ${i}` }).expect(201);
    await eventually(async () => (await outboxCount()) === 0);
    await truncate('TRUNCATE search_documents');
    expect(await found('/api/search/projects', 'rebuild')).to.deep.equal([]);

    const progress: number[] = [];
    const run = await runReindex((await startReindexRun(null)).id, getSearchEngine(), (done) => progress.push(done));
    expect(run.status).to.equal('succeeded');
    expect(run.done).to.equal(run.total);
    expect(run.total).to.equal(4); // 3 projects + 1 user
    expect(progress.length).to.be.greaterThan(0);
    expect((await found('/api/search/projects', 'rebuild')).length).to.equal(3);

    await alice.post('/api/admin/search/reindex').expect(403);
    await makeUser({ email: 'olga@example.com', role: 'support_admin' });
    const admin = await signIn('olga@example.com');
    const started = await admin.post('/api/admin/search/reindex').expect(202);
    expect(started.body.status).to.equal('running');
    const status = await eventually(async () => {
      const s = (await admin.get('/api/admin/search/status').expect(200)).body;
      return s.lastRun?.status === 'succeeded' ? s : null;
    });
    expect(status.health).to.include({ status: 'ok', engine: 'postgres' });
    expect(status.lastRun.done).to.equal(status.lastRun.total);
    const [auditRow] = await db().query<{ action: string }>(`SELECT action FROM audit_logs WHERE action = 'search.reindex_started'`, { type: QueryTypes.SELECT });
    expect(auditRow).to.exist;
  });
});
