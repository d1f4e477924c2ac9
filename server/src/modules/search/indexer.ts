import { QueryTypes } from 'sequelize';
import { db } from '../../db/sequelize';
import { logger } from '../../lib/logger';
import { docId, loadDocuments } from './documents';
import { getSearchEngine } from './registry';
import { SEARCH_TYPES, type SearchEngine, type SearchType } from './search-engine';

const BATCH = 500;
// One drainer at a time: two drainers could otherwise write an older snapshot of a row after a newer one.
export const DRAIN_LOCK = 7_316_008;

/**
 * Drains the search outbox into the engine, batch by batch: loads the rows' current state, upserts what
 * exists, removes what is gone, then deletes the outbox rows. If the engine fails the rows stay (with the
 * error) and the job fails, so pg-boss retries it; the minute schedule picks up anything left.
 */
export async function drainSearchOutbox(engine: SearchEngine = getSearchEngine()): Promise<{ indexed: number; removed: number }> {
  let indexed = 0;
  let removed = 0;
  for (;;) {
    const result = await db().transaction(async (transaction) => {
      await db().query(`SELECT pg_advisory_xact_lock(${DRAIN_LOCK})`, { transaction });
      const rows = await db().query<{ id: number; doc_type: SearchType; source_id: string }>(
        `SELECT id, doc_type, source_id FROM search_outbox ORDER BY id LIMIT ${BATCH}`,
        { type: QueryTypes.SELECT, transaction },
      );
      if (!rows.length) return null;
      const byType = new Map<SearchType, Set<string>>();
      for (const r of rows) {
        if (!SEARCH_TYPES.includes(r.doc_type)) continue;
        if (!byType.has(r.doc_type)) byType.set(r.doc_type, new Set());
        byType.get(r.doc_type)!.add(r.source_id);
      }
      let up = 0;
      let gone = 0;
      try {
        for (const [type, ids] of byType) {
          const docs = await loadDocuments(type, [...ids], transaction);
          const present = new Set(docs.map((d) => d.sourceId));
          const missing = [...ids].filter((id) => !present.has(id)).map((id) => docId(type, id));
          await engine.upsert(docs, { transaction });
          await engine.remove(missing, { transaction });
          up += docs.length;
          gone += missing.length;
        }
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { error: message, ids: rows.map((r) => r.id), up: 0, gone: 0, more: false };
      }
      await db().query('DELETE FROM search_outbox WHERE id = ANY($1::bigint[])', { bind: [rows.map((r) => r.id)], transaction });
      return { error: undefined, ids: [], up, gone, more: rows.length === BATCH };
    });
    if (!result) break;
    if (result.error !== undefined) {
      await db().query('UPDATE search_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])', { bind: [result.ids, result.error.slice(0, 1000)] });
      logger.warn({ engine: engine.name, error: result.error }, 'search: engine unavailable, changes kept in the outbox');
      throw new Error(`search engine ${engine.name} failed: ${result.error}`);
    }
    indexed += result.up;
    removed += result.gone;
    if (!result.more) break;
  }
  return { indexed, removed };
}

/** Outbox depth and oldest change, for the console. */
export async function outboxStatus(): Promise<{ pending: number; oldestAt: string | null; lastError: string | null }> {
  const [row] = await db().query<{ pending: number; oldest: Date | null; last_error: string | null }>(
    `SELECT count(*)::int AS pending, min(created_at) AS oldest,
            (SELECT last_error FROM search_outbox WHERE last_error IS NOT NULL ORDER BY id DESC LIMIT 1) AS last_error
       FROM search_outbox`,
    { type: QueryTypes.SELECT },
  );
  return { pending: row.pending, oldestAt: row.oldest ? new Date(row.oldest).toISOString() : null, lastError: row.last_error };
}
