import { PostgresSearchEngine } from '../../../src/modules/search/engines/postgres';
import { engineContract, loadCorpus } from './engine-contract';

describe('search engine contract: PostgreSQL full-text search', () => {
  const engine = new PostgresSearchEngine();
  before(async () => loadCorpus(engine));
  after(async () => engine.clear());
  engineContract(() => engine);
});
