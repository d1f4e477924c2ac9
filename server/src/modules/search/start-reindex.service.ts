import { QueryTypes } from 'sequelize';
import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import { clock } from '../../lib/clock';
import { enqueueJob } from '../../jobs/queue';
import { audit, type AuditActor } from '../admin/audit';
import { countSources } from './documents';
import { getSearchEngine } from './registry';
import { SEARCH_REINDEX_JOB, type ReindexRun, presentRun, type RunRow } from './reindex.service';

/** A run still "running" after this long died with its process; a new one may start. */
const STALE_MS = 2 * 3600_000;

/** Starts a rebuild from the console: one at a time, audited, worked by the reindex job. */
export async function startReindex(actor: AuditActor & { id: string }): Promise<ReindexRun> {
  const engine = getSearchEngine();
  return db().transaction(async (transaction) => {
    await db().query('LOCK TABLE search_reindex_runs IN SHARE ROW EXCLUSIVE MODE', { transaction });
    const [running] = await db().query<{ id: string }>(
      `SELECT id FROM search_reindex_runs WHERE status = 'running' AND started_at > $1 LIMIT 1`,
      { bind: [new Date(clock.now().getTime() - STALE_MS)], type: QueryTypes.SELECT, transaction },
    );
    if (running) throw AppError.conflict('reindex_running', 'A rebuild is already running; wait for it to finish.');
    const [row] = await db().query<RunRow>(
      'INSERT INTO search_reindex_runs (engine, total, started_by, started_at) VALUES ($1, $2, $3, $4) RETURNING *',
      { bind: [engine.name, await countSources(), actor.id, clock.now()], type: QueryTypes.SELECT, transaction },
    );
    await enqueueJob(SEARCH_REINDEX_JOB, { runId: row.id }, { transaction });
    await audit(actor, { action: 'search.reindex_started', targetType: 'search_index', targetId: row.id, after: { engine: engine.name, total: row.total } }, transaction);
    return presentRun(row);
  });
}
