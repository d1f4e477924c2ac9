import { QueryTypes } from 'sequelize';
import { db } from '../../db/sequelize';
import { clock } from '../../lib/clock';
import { logger } from '../../lib/logger';
import { countSources, loadDocumentPage } from './documents';
import { getSearchEngine } from './registry';
import { DRAIN_LOCK } from './indexer';
import { SEARCH_TYPES, type SearchEngine } from './search-engine';

export const SEARCH_REINDEX_JOB = 'search.reindex';
/** Rows per page (one read, one write) and pages written at a time. */
const PAGE = 2000;
const WORKERS = 2;


export interface ReindexRun {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  engine: string;
  total: number;
  done: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** Opens a run row (the console polls it for progress); the work happens in runReindex. */
export async function startReindexRun(startedBy: string | null, engine: SearchEngine = getSearchEngine()): Promise<ReindexRun> {
  const [row] = await db().query<RunRow>(
    `INSERT INTO search_reindex_runs (engine, total, started_by, started_at) VALUES ($1, $2, $3, $4) RETURNING *`,
    { bind: [engine.name, await countSources(), startedBy, clock.now()], type: QueryTypes.SELECT },
  );
  return presentRun(row);
}

/**
 * Rebuilds the engine from the database: clears it, then writes every row page by page, recording
 * progress. Each page is read and written under the indexer's lock (shared between the rebuild's workers,
 * exclusive for the indexer's drain) so a concurrent change cannot be overwritten by an older copy;
 * changes made meanwhile still arrive through the outbox. WORKERS workers split the id space of each type
 * between them, so the database uses more than one core while one worker's page is being prepared.
 */
export async function runReindex(runId: string, engine: SearchEngine = getSearchEngine(), onProgress?: (done: number, total: number) => void): Promise<ReindexRun> {
  let done = 0;
  let bulk = false;
  try {
    await db().transaction(async (transaction) => {
      await db().query(`SELECT pg_advisory_xact_lock(${DRAIN_LOCK})`, { transaction });
      await engine.clear({ transaction });
    });
    await engine.setup(); // after clear: anything it has to (re)build is built on an empty index
    await engine.beginBulkLoad?.();
    bulk = true;
    const ranges = idRanges(WORKERS);
    for (const type of SEARCH_TYPES) {
      await Promise.all(
        ranges.map(async ([from, upTo]) => {
          let after = from;
          for (;;) {
            const docs = await db().transaction(async (transaction) => {
              await db().query(`SELECT pg_advisory_xact_lock_shared(${DRAIN_LOCK})`, { transaction });
              const page = await loadDocumentPage(type, after, upTo, PAGE, transaction);
              await engine.upsert(page, { transaction });
              return page;
            });
            if (!docs.length) break;
            done += docs.length;
            after = docs[docs.length - 1].sourceId;
            await db().query('UPDATE search_reindex_runs SET done = greatest(done, $2), total = greatest(total, $2) WHERE id = $1', { bind: [runId, done] });
            onProgress?.(done, 0);
            if (docs.length < PAGE) break;
          }
        }),
      );
    }
    bulk = false;
    await engine.endBulkLoad?.();
    return finish(runId, 'succeeded', null);
  } catch (err) {
    logger.error({ err }, 'search: reindex failed');
    // a failed load still gets its indexes back (setup() at the next start would also restore them)
    if (bulk) await engine.endBulkLoad?.().catch((e: unknown) => logger.error({ err: e }, 'search: could not restore the indexes'));
    return finish(runId, 'failed', err instanceof Error ? err.message : String(err));
  }
}

/** n consecutive slices (after, upTo] of the uuid space that cover all of it (null: no bound). */
function idRanges(n: number): Array<[string | null, string | null]> {
  const last = (i: number) => `${(Math.floor(((i + 1) * 0x1_0000_0000) / n) - 1).toString(16).padStart(8, '0')}-ffff-ffff-ffff-ffffffffffff`;
  return Array.from({ length: n }, (_, i) => [i === 0 ? null : last(i - 1), i === n - 1 ? null : last(i)]);
}

export async function latestReindexRun(): Promise<ReindexRun | null> {
  const [row] = await db().query<RunRow>('SELECT * FROM search_reindex_runs ORDER BY started_at DESC LIMIT 1', { type: QueryTypes.SELECT });
  return row ? presentRun(row) : null;
}

async function finish(runId: string, status: 'succeeded' | 'failed', error: string | null): Promise<ReindexRun> {
  const [row] = await db().query<RunRow>(
    'UPDATE search_reindex_runs SET status = $2, error = $3, finished_at = $4 WHERE id = $1 RETURNING *',
    { bind: [runId, status, error, clock.now()], type: QueryTypes.SELECT },
  );
  return presentRun(row);
}

export interface RunRow {
  id: string;
  status: ReindexRun['status'];
  engine: string;
  total: number;
  done: number;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export function presentRun(r: RunRow): ReindexRun {
  return {
    id: r.id,
    status: r.status,
    engine: r.engine,
    total: r.total,
    done: r.done,
    error: r.error,
    startedAt: new Date(r.started_at).toISOString(),
    finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}
