import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { db } from '../../../src/db/sequelize';
import { PostgresSearchEngine } from '../../../src/modules/search/engines/postgres';
import { engineContract, loadCorpus } from './engine-contract';

const ginIndexes = async () =>
  (await db().query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'search_documents' AND indexdef ILIKE '%USING gin%' ORDER BY 1`, { type: QueryTypes.SELECT })).map((r) => r.indexname);

describe('search engine contract: PostgreSQL full-text search', () => {
  const engine = new PostgresSearchEngine();
  before(async () => loadCorpus(engine));
  after(async () => engine.clear());
  engineContract(() => engine);
});

describe('PostgreSQL search engine: bulk load', () => {
  const engine = new PostgresSearchEngine();
  const both = ['search_documents_title_trgm_idx', 'search_documents_tsv_idx'];
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
