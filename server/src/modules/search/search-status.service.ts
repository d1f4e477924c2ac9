import { checkSearchHealth } from './health';
import { outboxStatus } from './indexer';
import { latestReindexRun, type ReindexRun } from './reindex.service';

/** What the console's search panel shows: is the engine up, is the outbox draining, how is the rebuild going. */
export async function searchStatus(): Promise<{
  health: Awaited<ReturnType<typeof checkSearchHealth>>;
  outbox: Awaited<ReturnType<typeof outboxStatus>>;
  lastRun: ReindexRun | null;
}> {
  const [health, outbox, lastRun] = await Promise.all([checkSearchHealth(), outboxStatus(), latestReindexRun()]);
  return { health, outbox, lastRun };
}
