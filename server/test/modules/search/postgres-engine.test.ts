import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { db } from '../../../src/db/sequelize';
import { PostgresSearchEngine } from '../../../src/modules/search/engines/postgres';
import { engineContract, loadCorpus } from './engine-contract';

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
  const both = ['search_documents_title_trgm_idx fastupdate=off', 'search_documents_tsv_idx fastupdate=off'];
  afterEach(async () => engine.setup());

  it('sets the GIN indexes aside for a bulk load and builds them again at the end', async () => {
    expect(await ginIndexes()).to.deep.equal(both);
    await engine.beginBulkLoad();
    expect(await ginIndexes()).to.deep.equal([]);
    await engine.endBulkLoad();
    expect(await ginIndexes()).to.deep.equal(both);
  });

  it('setup() restores indexes an interrupted bulk load left out', async () => {
    await engine.beginBulkLoad();
    await engine.setup();
    expect(await ginIndexes()).to.deep.equal(both);
  });
});
