import { expect } from 'chai';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { db } from '../../../src/db/sequelize';
import { Analysis } from '../../../src/modules/analyses/analysis.models';
import { Intake } from '../../../src/modules/intakes/intake.models';
import { drainSearchOutbox } from '../../../src/modules/search/indexer';
import { PostgresSearchEngine } from '../../../src/modules/search/engines/postgres';
import { setSearchEngine } from '../../../src/modules/search/registry';
import { app, resetDatabase, signIn, truncate } from '../../support/app';
import { makeProject, makeUser } from '../../support/factories';
import { Snippet } from '../../../src/modules/projects/project.models';

type Agent = Awaited<ReturnType<typeof signIn>>;

export async function resetSearch(): Promise<void> {
  await resetDatabase();
  await truncate('TRUNCATE search_documents, search_outbox, search_reindex_runs');
}

describe('search API', () => {
  let alice: Agent;
  let bob: Agent;
  let admin: Agent;
  let billingAdmin: Agent;
  const ids = { aliceId: '', bobId: '', aliceProject: '', aliceSnippet: '', aliceAnalysis: '', aliceIntake: '', bobProject: '', bobSnippet: '', bobIntake: '' };
  let previous: ReturnType<typeof setSearchEngine>;

  before(async () => {
    previous = setSearchEngine(new PostgresSearchEngine());
    await resetSearch();
    const a = await makeUser({ name: 'Alice Archer', email: 'alice@example.com' });
    const b = await makeUser({ name: 'Bob Baker', email: 'bob@example.com' });
    await makeUser({ name: 'Olga Ops', email: 'olga@example.com', role: 'support_admin' });
    await makeUser({ name: 'Bill Ledger', email: 'bill@example.com', role: 'billing_admin' });
    const ap = await makeProject(a.id, { name: 'Invoice engine' });
    const as = await Snippet.create({ ownerId: a.id, projectId: ap.id, filename: 'totals.ts', language: 'typescript', content: 'export const parseInvoiceTotal = (x: number[]) => x.length;', sizeBytes: 60 });
    const an = await Analysis.create({ projectId: ap.id, ownerId: a.id, snippetId: as.id, snippetFilename: 'totals.ts', type: 'quality' });
    const ai = await Intake.create({ ownerId: a.id, customerName: 'Initech invoices', email: 'peter@initech.example' });
    const bp = await makeProject(b.id, { name: 'Bob invoice tool' });
    const bs = await Snippet.create({ ownerId: b.id, projectId: bp.id, filename: 'bob.py', language: 'python', content: 'def parse_invoice_total(x):\n    return 0\n', sizeBytes: 40 });
    const bi = await Intake.create({ ownerId: b.id, customerName: 'Globex invoices', email: 'hank@globex.example' });
    Object.assign(ids, { aliceId: a.id, bobId: b.id, aliceProject: ap.id, aliceSnippet: as.id, aliceAnalysis: an.id, aliceIntake: ai.id, bobProject: bp.id, bobSnippet: bs.id, bobIntake: bi.id });
    await drainSearchOutbox();
    [alice, bob, admin, billingAdmin] = await Promise.all(['alice', 'bob', 'olga', 'bill'].map((n) => signIn(`${n}@example.com`)));
  });
  after(() => setSearchEngine(previous));

  const aliceIds = () => [ids.aliceProject, ids.aliceSnippet, ids.aliceAnalysis, ids.aliceIntake];
  const bobIds = () => [ids.bobProject, ids.bobSnippet, ids.bobIntake];
  const hitIds = (body: { hits?: Array<{ id: string }>; groups?: Array<{ hits: Array<{ id: string }> }> }) =>
    body.hits ? body.hits.map((h) => h.id) : (body.groups ?? []).flatMap((g) => g.hits.map((h) => h.id));

  describe('tenant scoping on every endpoint', () => {
    const endpoints = ['/api/search', '/api/search/projects', '/api/search/analyses', '/api/search/intakes', '/api/search/code'];
    for (const path of endpoints) {
      it(`${path}: a customer finds only their own documents`, async () => {
        for (const q of ['invoice', 'invoice total', 'totals', 'bob', 'quality']) {
          const a = await alice.get(path).query({ q }).expect(200);
          const b = await bob.get(path).query({ q }).expect(200);
          for (const id of hitIds(a.body)) expect(aliceIds()).to.include(id);
          for (const id of hitIds(b.body)) expect(bobIds()).to.include(id);
        }
        // asking for someone else's documents finds nothing rather than theirs
        const stolen = await bob.get(path).query({ q: 'invoice', owner_id: ids.aliceId }).expect(200);
        expect(hitIds(stolen.body)).to.deep.equal([]);
      });
    }

    it('/api/search/suggestions: only the caller\'s titles', async () => {
      const a = await alice.get('/api/search/suggestions').query({ q: 'invo' }).expect(200);
      const b = await bob.get('/api/search/suggestions').query({ q: 'invo' }).expect(200);
      expect(a.body.suggestions).to.include('Invoice engine').and.not.include('Bob invoice tool');
      expect(b.body.suggestions).to.include('Bob invoice tool').and.not.include('Invoice engine');
    });

    it('/api/search/customers: admins with search.admin only; customers and other admins get 403', async () => {
      await alice.get('/api/search/customers').query({ q: 'bob' }).expect(403);
      await billingAdmin.get('/api/search/customers').query({ q: 'bob' }).expect(403);
      const res = await admin.get('/api/search/customers').query({ q: 'bob@example.com' }).expect(200);
      expect(res.body.hits.map((h: { id: string }) => h.id)).to.deep.equal([ids.bobId]);
      expect(res.body.hits[0].link).to.equal(`/users/${ids.bobId}`);
      expect(res.body.hits[0].highlight.excerpt).to.equal('<mark>bob</mark>@<mark>example</mark>.<mark>com</mark>');
    });

    it('customers never find user accounts, even when asking for the type', async () => {
      const res = await alice.get('/api/search').query({ q: 'bob', type: 'user' }).expect(200);
      expect(res.body.groups).to.deep.equal([]);
    });

    it('an admin with search.admin finds every customer\'s documents', async () => {
      const res = await admin.get('/api/search/code').query({ q: 'invoice total' }).expect(200);
      expect(res.body.hits.map((h: { id: string }) => h.id).sort()).to.deep.equal([ids.aliceSnippet, ids.bobSnippet].sort());
      const owned = await admin.get('/api/search/code').query({ q: 'invoice total', owner_id: ids.bobId }).expect(200);
      expect(owned.body.hits.map((h: { id: string }) => h.id)).to.deep.equal([ids.bobSnippet]);
    });

    it('an admin without search.admin is scoped like a customer (owns nothing)', async () => {
      const res = await billingAdmin.get('/api/search').query({ q: 'invoice' }).expect(200);
      expect(res.body.groups).to.deep.equal([]);
    });

    it('needs a session', async () => {
      await request(app()).get('/api/search').query({ q: 'x' }).expect(401);
      await request(app()).get('/api/search/suggestions').query({ q: 'x' }).expect(401);
      await request(app()).get('/api/search/saved').expect(401);
    });
  });

  describe('results', () => {
    it('groups by type with highlighted excerpts, metadata and portal links', async () => {
      const res = await alice.get('/api/search').query({ q: 'invoice total' }).expect(200);
      expect(res.body.engine).to.equal('postgres');
      const code = res.body.groups.find((g: { type: string }) => g.type === 'snippet');
      expect(code.total).to.equal(1);
      const hit = code.hits[0];
      expect(hit).to.include({ type: 'snippet', id: ids.aliceSnippet, title: 'totals.ts', link: `/projects/${ids.aliceProject}?snippet=${ids.aliceSnippet}` });
      expect(hit.highlight.excerpt).to.contain('parse<mark>InvoiceTotal</mark>');
      expect(hit.metadata).to.include({ ownerId: ids.aliceId, ownerName: 'Alice Archer', language: 'typescript' });
      expect(hit.metadata.date).to.match(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('per-type endpoints return one type, paged', async () => {
      const res = await alice.get('/api/search/intakes').query({ q: 'invoices', limit: 1 }).expect(200);
      expect(res.body).to.include({ total: 1, limit: 1, offset: 0 });
      expect(res.body.hits[0]).to.include({ type: 'intake', id: ids.aliceIntake, link: `/intakes/${ids.aliceIntake}` });
      const analyses = await alice.get('/api/search/analyses').query({ q: 'quality' }).expect(200);
      expect(analyses.body.hits.map((h: { id: string }) => h.id)).to.deep.equal([ids.aliceAnalysis]);
      expect(analyses.body.hits[0].metadata.status).to.equal('queued');
      const filtered = await alice.get('/api/search/analyses').query({ q: 'quality', status: 'completed' }).expect(200);
      expect(filtered.body.hits).to.deep.equal([]);
      const mismatch = await alice.get('/api/search/code').query({ q: 'invoice', type: 'project' }).expect(200);
      expect(mismatch.body.hits).to.deep.equal([]);
    });

    it('a date range filters on the document date (whole UTC days)', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const inRange = await alice.get('/api/search/projects').query({ q: 'invoice', date_from: today, date_to: today }).expect(200);
      expect(inRange.body.total).to.equal(1);
      const before = await alice.get('/api/search/projects').query({ q: 'invoice', date_to: '2020-01-01' }).expect(200);
      expect(before.body.total).to.equal(0);
    });

    it('suggestions tolerate a typo (pg_trgm), for a customer and across customers', async () => {
      const res = await alice.get('/api/search/suggestions').query({ q: 'invoise engine' }).expect(200);
      expect(res.body.suggestions).to.include('Invoice engine');
      const across = await admin.get('/api/search/suggestions').query({ q: 'invoise engine' }).expect(200);
      expect(across.body.suggestions).to.include('Invoice engine');
    });

    it('a search that finds nothing offers the query with its misspelt words corrected, from the caller’s own words', async () => {
      const grouped = await alice.get('/api/search').query({ q: 'invoise engin' }).expect(200);
      expect(grouped.body.total).to.equal(0);
      expect(grouped.body.didYouMean).to.equal('invoice engin'); // the last word is a beginning: kept
      expect((await alice.get('/api/search').query({ q: 'engne' }).expect(200)).body.didYouMean).to.equal('engine');
      const typed = await alice.get('/api/search/code').query({ q: 'parseInvoiseTotal' }).expect(200);
      expect(typed.body).to.include({ total: 0, didYouMean: 'parse invoice total' });
      // the correction finds what the typo did not
      const fixed = await alice.get('/api/search/code').query({ q: typed.body.didYouMean }).expect(200);
      expect(fixed.body.hits.map((h: { id: string }) => h.id)).to.deep.equal([ids.aliceSnippet]);
      // "globex" is only in Bob's documents: Alice is offered nothing, an admin across customers is
      const alices = await alice.get('/api/search').query({ q: 'globx' }).expect(200);
      expect(alices.body).to.include({ total: 0 }).and.not.to.have.property('didYouMean');
      expect((await bob.get('/api/search').query({ q: 'globx' }).expect(200)).body.didYouMean).to.equal('globex');
      expect((await admin.get('/api/search/intakes').query({ q: 'globx' }).expect(200)).body.didYouMean).to.equal('globex');
      // nothing to offer: a result, a word too short for a typo, a word like none
      expect((await alice.get('/api/search').query({ q: 'invoice' }).expect(200)).body).not.to.have.property('didYouMean');
      expect((await alice.get('/api/search').query({ q: 'invo zzz' }).expect(200)).body).not.to.have.property('didYouMean');
      expect((await alice.get('/api/search').query({ q: 'xqzvwkj' }).expect(200)).body).not.to.have.property('didYouMean');
    });

    it('tells an admin when a broad search read only the newest documents of each type', async () => {
      // thresholds for a table of a dozen rows: every word is broad, and the window is one document
      const restore = setSearchEngine(new PostgresSearchEngine({ broadAt: 1, window: 1 }));
      try {
        await db().query('ANALYZE search_documents');
        const grouped = await admin.get('/api/search').query({ q: 'invoice' }).expect(200);
        expect(grouped.body.groups).to.not.be.empty;
        for (const g of grouped.body.groups) expect(g, g.type).to.include({ window: 1, total: 1 });
        const code = await admin.get('/api/search/projects').query({ q: 'invoice' }).expect(200);
        expect(code.body).to.include({ window: 1, total: 1 });
        // a customer's own search is never cut short
        const own = await alice.get('/api/search').query({ q: 'invoice' }).expect(200);
        expect(own.body.groups.map((g: { window?: number }) => g.window)).to.satisfy((w: unknown[]) => w.every((x) => x === undefined));
      } finally {
        setSearchEngine(restore);
      }
    });
  });

  describe('validation', () => {
    const bad: Array<[Record<string, string>, string]> = [
      [{ q: 'x', type: 'planet' }, 'type.0'],
      [{ q: 'x', date_from: '2026-13-01' }, 'date_from'],
      [{ q: 'x', date_from: 'yesterday' }, 'date_from'],
      [{ q: 'x', date_from: '2026-05-02', date_to: '2026-05-01' }, 'date_to'],
      [{ q: 'x', limit: '0' }, 'limit'],
      [{ q: 'x', limit: '500' }, 'limit'],
      [{ q: 'x', offset: '-1' }, 'offset'],
      [{ q: 'x', owner_id: 'nope' }, 'owner_id'],
      [{ q: 'x', status: 'DROP TABLE' }, 'status'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: 'x', sort: 'name' }, 'query'],
    ];
    for (const [query, field] of bad) {
      it(`400 with a field error for ${JSON.stringify(query).slice(0, 60)}`, async () => {
        const res = await alice.get('/api/search').query(query).expect(400);
        expect(res.body.code).to.equal('validation_failed');
        expect(res.body.errors).to.have.property(field);
      });
    }
    it('an empty query finds nothing without error', async () => {
      const res = await alice.get('/api/search/projects').query({ q: '  ' }).expect(200);
      expect(res.body).to.include({ total: 0 });
    });
  });

  describe('history, saved and popular searches', () => {
    it('keeps each user\'s own history, newest first, distinct', async () => {
      await bob.delete('/api/search/history').expect(204);
      for (const q of ['alpha invoice', 'tool', 'alpha invoice']) await bob.get('/api/search').query({ q }).expect(200);
      const res = await bob.get('/api/search/history').expect(200);
      expect(res.body.map((h: { query: string }) => h.query)).to.deep.equal(['alpha invoice', 'tool']);
      const other = await alice.get('/api/search/history').expect(200);
      expect(other.body.map((h: { query: string }) => h.query)).to.not.include('alpha invoice');
    });

    it('writes the query log in batches on its own, without a read to flush it', async () => {
      await alice.get('/api/search/projects').query({ q: 'backgroundlogged' }).expect(200);
      const logged = async () => (await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM search_queries WHERE query = 'backgroundlogged'`, { type: QueryTypes.SELECT }))[0].n;
      for (let i = 0; i < 50 && (await logged()) === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await logged()).to.equal(1);
    });

    it('saves, lists and deletes searches; names are unique per user; others cannot delete them', async () => {
      const created = await alice.post('/api/search/saved').send({ name: 'Invoices', query: 'invoice', filters: { type: ['snippet'], date_from: '2026-01-01' } }).expect(201);
      expect(created.body).to.include({ name: 'Invoices', query: 'invoice' });
      const dup = await alice.post('/api/search/saved').send({ name: 'invoices', query: 'x' }).expect(409);
      expect(dup.body.errors).to.have.property('name');
      const bad = await alice.post('/api/search/saved').send({ name: '', query: 'x', filters: { type: ['planet'] } }).expect(400);
      expect(bad.body.errors).to.have.keys('name', 'filters.type.0');
      expect((await alice.get('/api/search/saved').expect(200)).body.map((s: { name: string }) => s.name)).to.deep.equal(['Invoices']);
      expect((await bob.get('/api/search/saved').expect(200)).body).to.deep.equal([]);
      await bob.delete(`/api/search/saved/${created.body.id}`).expect(404);
      await alice.delete(`/api/search/saved/${created.body.id}`).expect(204);
      expect((await alice.get('/api/search/saved').expect(200)).body).to.deep.equal([]);
    });

    it('popular searches show customers only queries that three customers ran with results, never staff searches', async () => {
      const c = await makeUser({ name: 'Carol Cook', email: 'carol@example.com' });
      await makeProject(c.id, { name: 'Carol invoice runner' });
      await drainSearchOutbox();
      await makeUser({ name: 'Sue Support', email: 'sue@example.com', role: 'support_admin' });
      await makeUser({ name: 'Sid Support', email: 'sid@example.com', role: 'support_admin' });
      const [carol, sue, sid] = await Promise.all(['carol', 'sue', 'sid'].map((n) => signIn(`${n}@example.com`)));
      for (const agent of [alice, bob]) await agent.get('/api/search').query({ q: 'Invoice' }).expect(200);
      await alice.get('/api/search').query({ q: 'my private thing' }).expect(200);
      // three staff look a customer up: that address must not be offered to customers as a popular search
      for (const agent of [admin, sue, sid]) await agent.get('/api/search').query({ q: 'alice@example.com' }).expect(200);
      const popular = async (agent: Agent) => (await agent.get('/api/search/popular').expect(200)).body.map((p: { query: string }) => p.query.toLowerCase());
      expect(await popular(alice)).to.not.include('invoice'); // two customers so far
      await carol.get('/api/search').query({ q: 'invoice' }).expect(200);
      const forCustomers = await popular(alice);
      expect(forCustomers).to.include('invoice');
      expect(forCustomers).to.not.include('my private thing');
      expect(forCustomers).to.not.include('alice@example.com');
      expect(await popular(admin)).to.include('alice@example.com');
    });

    it('admins see top and zero-result queries over a date range', async () => {
      await alice.get('/api/search/admin/queries').expect(404);
      await alice.get('/api/admin/search/queries').expect(403);
      const res = await admin.get('/api/admin/search/queries').expect(200);
      expect(res.body.totalQueries).to.be.greaterThan(0);
      expect(res.body.top.map((t: { query: string }) => t.query.toLowerCase())).to.include('invoice');
      expect(res.body.zeroResults.map((t: { query: string }) => t.query)).to.include('my private thing');
      const empty = await admin.get('/api/admin/search/queries').query({ date_from: '2020-01-01', date_to: '2020-01-31' }).expect(200);
      expect(empty.body.totalQueries).to.equal(0);
      await admin.get('/api/admin/search/queries').query({ date_from: '2020-02-01', date_to: '2020-01-31' }).expect(400);
    });
  });
});
