import { loadConfig, type Config } from '../../config';
import type { SearchEngine } from './search-engine';
import { PostgresSearchEngine } from './engines/postgres';
import { MeilisearchEngine } from './engines/meilisearch';

let engine: SearchEngine | null = null;

/** Builds the engine the config asks for: Meilisearch when MEILI_HOST is set, PostgreSQL full-text search otherwise. */
export function createSearchEngine(config: Pick<Config, 'NODE_ENV' | 'MEILI_HOST' | 'MEILI_API_KEY'>): SearchEngine {
  if (config.MEILI_HOST) {
    return new MeilisearchEngine({ host: config.MEILI_HOST, apiKey: config.MEILI_API_KEY, indexUid: `socrates_${config.NODE_ENV}_documents` });
  }
  return new PostgresSearchEngine();
}

/** Chooses the process's engine once (app and workers call it at start-up); later calls keep the first choice. */
export function configureSearch(config: Config): SearchEngine {
  engine ??= createSearchEngine(config);
  return engine;
}

/** The process's search engine, chosen from the environment on first use when nothing configured it. */
export function getSearchEngine(): SearchEngine {
  engine ??= createSearchEngine(loadConfig());
  return engine;
}

/** Tests swap engines (the Meilisearch emulator, a failing engine) and restore the previous one. */
export function setSearchEngine(next: SearchEngine | null): SearchEngine | null {
  const previous = engine;
  engine = next;
  return previous;
}
