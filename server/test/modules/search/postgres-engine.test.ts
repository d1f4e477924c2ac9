import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { db } from '../../../src/db/sequelize';
import { PostgresSearchEngine } from '../../../src/modules/search/engines/postgres';
import type { SearchDocument, SearchType } from '../../../src/modules/search/search-engine';
import { engineContract, loadCorpus } from './engine-contract';
import { OWNER_A, OWNER_B } from './corpus';

/** The GIN indexes of search_documents, each with its options (migration 0012: no fast-update list). */
const ginIndexes = async () =>
  (
    await db().query<{ name: string; options: string[] | null }>(
      `SELECT c.relname AS name, c.reloptions AS options FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_am am ON am.oid = c.relam
        WHERE x.indrelid = 'search_documents'::regclass AND am.amname = 'gin' ORDER BY 1`,
      { type: QueryTypes.SELECT },
    )
  ).map((r) => `${r.name} ${(r.options ?? []).join(',')}`);

describe('search engine contract: PostgreSQL full-text search', () => {
  const engine = new PostgresSearchEngine();
  before(async () => loadCorpus(engine));
  after(async () => engine.clear());
  engineContract(() => engine);
});

describe('PostgreSQL search engine: bulk load', () => {
  const engine = new PostgresSearchEngine();
  const both = ['search_documents_tsv_idx fastupdate=off'];
  afterEach(async () => engine.setup());

  it('sets the GIN index aside for a bulk load and builds it again at the end', async () => {
    expect(await ginIndexes()).to.deep.equal(both);
    await engine.beginBulkLoad();
    expect(await ginIndexes()).to.deep.equal([]);
    await engine.endBulkLoad();
    expect(await ginIndexes()).to.deep.equal(both);
  });

  it('setup() restores the index an interrupted bulk load left out', async () => {
    await engine.beginBulkLoad();
    await engine.setup();
    expect(await ginIndexes()).to.deep.equal(both);
  });
});

describe('PostgreSQL search engine: searches across every customer', () => {
  // Thresholds scaled to a small table: a search is broad from 20 candidate documents, and then reads the
  // newest 3 of each type. "ledger" is in every document; "zebra" in two of 240 snippets (under 1 %: rare),
  // one of them the oldest.
  const engine = new PostgresSearchEngine({ broadAt: 20, window: 3 });
  const day = (d: number) => new Date(Date.UTC(2026, 0, 1, 12) + d * 3_600_000).toISOString();
  const make = (type: SearchType, i: number, title: string, body: string): SearchDocument => ({
    id: `${type}-00000000-0000-4000-a000-${String(i).padStart(12, '0')}`,
    type,
    sourceId: `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`,
    title,
    body,
    extra: '',
    terms: '',
    ownerId: i % 2 ? OWNER_A : OWNER_B,
    ownerName: null,
    status: null,
    date: day(i),
    meta: {},
  });
  const snippets = Array.from({ length: 240 }, (_, k) => make('snippet', k + 1, `Ledger sync ${k + 1}`, k === 0 || k === 200 ? 'ledger zebra crossing' : 'ledger entries'));
  const projects = Array.from({ length: 8 }, (_, k) => make('project', 1000 + k, `Ledger project ${k + 1}`, 'keeps the ledger'));
  const newest = (docs: SearchDocument[], n: number, before = '9999') =>
    docs.filter((d) => d.date < before).sort((a, b) => b.date.localeCompare(a.date)).slice(0, n).map((d) => d.id).sort();
  const ids = (hits: Array<{ doc: SearchDocument }>) => hits.map((h) => h.doc.id).sort();

  before(async () => {
    await engine.clear();
    await engine.upsert([...snippets, ...projects]);
    await db().query('ANALYZE search_documents');
  });
  after(async () => {
    await engine.clear();
    await db().query('ANALYZE search_documents');
  });

  it('ranks a broad search among the newest documents of each type, and says so', async () => {
    const groups = await engine.searchGroups({ q: 'ledger', filters: {}, limit: 10, offset: 0 }, ['project', 'snippet']);
    expect(groups.snippet.window).to.equal(3);
    expect(ids(groups.snippet.hits)).to.deep.equal(newest(snippets, 3));
    expect(groups.snippet.total).to.equal(3);
    expect(ids(groups.project.hits)).to.deep.equal(newest(projects, 3));
    const all = await engine.search({ q: 'ledger', filters: {}, limit: 10, offset: 0 });
    expect(all.window).to.equal(3);
    expect(ids(all.hits)).to.deep.equal([...newest(snippets, 3), ...newest(projects, 3)].sort());
  });

  it('moves the window back with a date range, and keeps the other filters', async () => {
    const before = day(10);
    const res = await engine.search({ q: 'ledger', filters: { types: ['snippet'], dateTo: before }, limit: 10, offset: 0 });
    expect(res.window).to.equal(3);
    expect(ids(res.hits)).to.deep.equal(newest(snippets, 3, before));
  });

  it('counts a page past the end of the window', async () => {
    const res = await engine.search({ q: 'ledger', filters: { types: ['snippet'] }, limit: 2, offset: 4 });
    expect(res).to.deep.include({ total: 3, window: 3 });
    expect(res.hits).to.deep.equal([]);
  });

  it('searches everything for words the statistics call rare, within or after common ones', async () => {
    const zebra = snippets.filter((d) => d.body.includes('zebra')).map((d) => d.id).sort();
    for (const q of ['zebra', 'ledger zeb', 'crossing zebra']) {
      const res = await engine.search({ q, filters: {}, limit: 10, offset: 0 });
      expect(res.window, q).to.equal(undefined);
      expect(ids(res.hits), q).to.deep.equal(zebra);
    }
  });

  it("never windows one customer's search", async () => {
    const res = await engine.search({ q: 'ledger', filters: { ownerId: OWNER_A }, limit: 50, offset: 0 });
    expect(res.window).to.equal(undefined);
    expect(res.total).to.equal([...snippets, ...projects].filter((d) => d.ownerId === OWNER_A).length);
  });

  it('suggests titles across customers from the newest documents (a fifth of the window), typos included', async () => {
    const engine = new PostgresSearchEngine({ broadAt: 20, window: 15 });
    const newestTitles = newest(snippets, 3).map((id) => snippets.find((d) => d.id === id)!.title);
    const titles = await engine.suggest('ledger sy', {}, 5);
    // the window's three matches first, then titles merely similar to what was typed
    expect(titles.slice(0, 3)).to.have.members(newestTitles);
    expect(titles.slice(3)).to.have.length(2).and.satisfy((t: string[]) => t.every((x) => x.startsWith('Ledger project')));
    expect(await engine.suggest('ledgr', { types: ['project'] }, 2)).to.have.length(2).and.satisfy((t: string[]) => t.every((x) => x.startsWith('Ledger project')));
  });

  it('stops reading each type once it has twice the titles wanted', async () => {
    // a fifth of this window is 200 snippets, every one matching "ledger": only the newest four are read
    const engine = new PostgresSearchEngine({ broadAt: 20, window: 1000 });
    const newestTitles = newest(snippets, 4).map((id) => snippets.find((d) => d.id === id)!.title);
    const titles = await engine.suggest('ledger', { types: ['snippet'] }, 2);
    expect(titles).to.have.length(2);
    expect(newestTitles).to.include.members(titles);
  });
});
