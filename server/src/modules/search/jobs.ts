import { defineQueue } from '../../jobs/queue';
import { logger } from '../../lib/logger';
import { installSearchHooks } from './hooks';
import { drainSearchOutbox } from './indexer';
import { SEARCH_INDEX_JOB } from './outbox';
import { getSearchEngine } from './registry';
import { runReindex, SEARCH_REINDEX_JOB } from './reindex.service';

/**
 * The search jobs: the indexer (sent after each change, and every minute to catch anything a lost job or
 * an engine outage left behind) and the console's rebuild. Also applies the engine's settings at start-up,
 * retrying in the background while the engine is unreachable.
 */
export function defineSearchJobs(): void {
  installSearchHooks();
  defineQueue({ name: SEARCH_INDEX_JOB, schedule: '* * * * *', retryLimit: 10, handler: async () => void (await drainSearchOutbox()) });
  defineQueue({
    name: SEARCH_REINDEX_JOB,
    retryLimit: 0,
    handler: async (data) => {
      const run = await runReindex(String(data.runId));
      logger.info({ run }, 'search: rebuild finished');
    },
  });
  void applyEngineSettings();
}

async function applyEngineSettings(attempt = 1): Promise<void> {
  try {
    await getSearchEngine().setup();
  } catch (err) {
    const delay = Math.min(60_000, 1000 * 2 ** attempt);
    logger.warn({ err, retryInMs: delay }, 'search: engine setup failed; changes wait in the outbox');
    setTimeout(() => void applyEngineSettings(attempt + 1), delay).unref();
  }
}
